/** The batch wait: the minimum when quiet, growing with the arrivals of the last second, capped. */
import { describe, expect, it } from 'vitest';
import { AdaptiveWindow } from '../../src/realtime/adaptive-window.js';

describe('adaptive batch window', () => {
  it('waits the minimum when quiet, longer under load, never past the cap, and shrinks again when the load passes', () => {
    let t = 10_000;
    const window = new AdaptiveWindow({ minMs: 5, maxMs: 500, perArrivalMs: 2 }, () => t);
    expect(window.waitMs()).toBe(5);
    window.arrived();
    expect(window.waitMs()).toBe(5);
    for (let i = 0; i < 99; i++) window.arrived();
    expect(window.waitMs()).toBe(200);
    for (let i = 0; i < 1000; i++) window.arrived();
    expect(window.waitMs()).toBe(500);
    // Two seconds on, the storm is forgotten.
    t += 2000;
    expect(window.waitMs()).toBe(5);
    t = 20_000;
    for (let i = 0; i < 100; i++) window.arrived();
    // Half-way through the next second, half of the last one still counts.
    t = 21_500;
    expect(window.waitMs()).toBe(100);
    t = 23_000;
    expect(window.waitMs()).toBe(5);
  });
});

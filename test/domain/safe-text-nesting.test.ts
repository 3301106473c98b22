import { describe, expect, it } from 'vitest';
import { findUnsafeText, MAX_NESTING, NESTING_MESSAGE } from '../../src/contract/safe-text.js';

const nested = (depth: number, leaf: unknown = 'ok') => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { k: v } : [v];
  return v;
};

describe('findUnsafeText and nesting', () => {
  it(`accepts ${MAX_NESTING} levels and refuses the next, with the path to it`, () => {
    expect(findUnsafeText(nested(MAX_NESTING))).toBeNull();
    const found = findUnsafeText(nested(MAX_NESTING + 1));
    expect(found?.message).toBe(NESTING_MESSAGE);
    expect(found?.path).toHaveLength(MAX_NESTING);
  });
  it('stops at the limit however deep the value goes (a million levels)', () => {
    expect(findUnsafeText(nested(1_000_000))?.message).toBe(NESTING_MESSAGE);
  });
  it('still names the path of a NUL inside nesting', () => {
    expect(findUnsafeText({ a: [{ b: 'x\u0000' }] })).toEqual({ path: ['a', 0, 'b'], message: expect.any(String) });
  });
});

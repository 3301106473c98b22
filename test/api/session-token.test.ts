/** A session's bearer token is never one the API-key check would take for a service account's key. */
import { describe, expect, it } from 'vitest';
import { isApiKey, newSessionToken } from '../../src/services/auth/api-keys.js';

describe('a new session token', () => {
  it('is drawn again while it starts like an API key', () => {
    const draws = ['lfk_abc', 'lfk_def', 'lfkXghi'];
    const token = newSessionToken(() => draws.shift()!);
    expect(token).toBe('lfkXghi');
    expect(draws).toEqual([]);
  });

  it('is random, long and never an API key', () => {
    const tokens = Array.from({ length: 1000 }, () => newSessionToken());
    expect(new Set(tokens).size).toBe(1000);
    expect(tokens.every((t) => t.length >= 43 && !isApiKey(t))).toBe(true);
  });
});

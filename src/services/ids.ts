/** Prefixed, time-ordered ids (`inc_…`, `ntf_…`) so logs read well and sort by creation. */
import { createHash } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newId(prefix: string, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = crypto.getRandomValues(new Uint8Array(10));
  let tail = '';
  for (const b of random) tail += ALPHABET[b % 32];
  return `${prefix}_${time}${tail}`;
}

/**
 * A one-tap link's id: 16 random characters (80 bits), short for an SMS. Thousands are made in the
 * same millisecond for one fan-out, so unlike `newId` it spends no characters on the time.
 */
export function newLinkId(): string {
  let id = '';
  for (const b of crypto.getRandomValues(new Uint8Array(16))) id += ALPHABET[b % 32];
  return id;
}

export function randomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Every request hashes its bearer token: node:crypto does it in place, where Web Crypto queues a job. */
export async function sha256Hex(text: string): Promise<string> {
  return createHash('sha256').update(text).digest('hex');
}

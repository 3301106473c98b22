/**
 * The device cookie: a browser that logged in to an account gets a signed note saying so, and a
 * later correct password from it is not held back by failures made elsewhere. It names the
 * account, so it vouches for nothing else; it carries no session and grants nothing by itself.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomToken } from '../ids.js';

export const DEVICE_COOKIE = 'lianfang_device';
export const DEVICE_COOKIE_DAYS = 180;

function signature(secret: string, username: string, deviceId: string): string {
  return createHmac('sha256', secret).update(`lianfang-device-cookie\n${username}\n${deviceId}`).digest('base64url');
}

export function issueDeviceCookie(secret: string, username: string, deviceId = randomToken().slice(0, 22)): { value: string; deviceId: string } {
  const name = Buffer.from(username, 'utf8').toString('base64url');
  return { value: `${name}.${deviceId}.${signature(secret, username, deviceId)}`, deviceId };
}

/** The device id if the cookie was issued by us for this account, else null. */
export function deviceOf(secret: string, cookie: string | undefined, username: string): string | null {
  if (!cookie || cookie.length > 300) return null;
  const [name, deviceId, sig] = cookie.split('.');
  if (!name || !deviceId || !sig || !/^[A-Za-z0-9_-]{8,64}$/.test(deviceId)) return null;
  if (Buffer.from(name, 'base64url').toString('utf8') !== username) return null;
  const expected = Buffer.from(signature(secret, username, deviceId));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
}

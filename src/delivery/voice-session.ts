/**
 * The context a voice call carries to the provider and back in its key-press callback: the
 * delivery id and an HMAC of it under our callback secret, so a callback that did not come from a
 * call we placed (or was altered on the way) is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signVoiceSession(secret: string, deliveryId: string): string {
  return `${deliveryId}.${createHmac('sha256', secret).update(`voice:${deliveryId}`).digest('base64url')}`;
}

/** The delivery id of a genuine session context, or null. */
export function verifyVoiceSession(secret: string, session: string): string | null {
  const dot = session.lastIndexOf('.');
  if (dot <= 0) return null;
  const deliveryId = session.slice(0, dot);
  const expected = Buffer.from(signVoiceSession(secret, deliveryId));
  const given = Buffer.from(session);
  return expected.length === given.length && timingSafeEqual(expected, given) ? deliveryId : null;
}

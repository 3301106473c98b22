/**
 * `/voice/tencent/keypress`: Tencent Cloud 语音消息 posts the key the callee pressed, with the
 * SessionContext of the call. The context is our signed delivery id (delivery/voice-session.ts):
 * a callback whose context does not verify is refused; key 1 acknowledges as the called person.
 * Answered as Tencent asks of a callback receiver: `{ "result": 0, "errmsg": "OK" }`.
 */
import { Hono } from 'hono';
import { verifyVoiceSession } from '../../delivery/voice-session.js';
import { acknowledgeByVoice } from '../../services/notifications/acknowledge-by-voice.js';
import type { AppEnv } from '../env.js';

export function voiceRoutes() {
  const router = new Hono<AppEnv>();
  router.post('/voice/tencent/keypress', async (c) => {
    const services = c.get('services');
    if (!services.voiceCallbackSecret) return c.json({ result: 1, errmsg: 'voice callbacks are not configured' }, 404);
    const body = (await c.req.json().catch(() => null)) as Record<string, any> | null;
    const event = body?.voiceprompt_keypress ?? body?.voicekey_callback ?? body;
    const session = String(event?.session_context ?? event?.SessionContext ?? '');
    const deliveryId = verifyVoiceSession(services.voiceCallbackSecret, session);
    if (!deliveryId) return c.json({ result: 1, errmsg: 'session context does not verify' }, 401);
    if (String(event?.keypress ?? event?.KeyPress ?? '') === '1') await acknowledgeByVoice(services, deliveryId);
    return c.json({ result: 0, errmsg: 'OK' });
  });
  return router;
}

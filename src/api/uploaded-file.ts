/**
 * The file an upload route receives as its body (an incident's attachment, 会议材料, a campaign
 * report's file, a bulletin's file): refused with 413 when it declares, or turns out, larger than
 * ATTACHMENT_MAX_BYTES, read without ever holding more than that.
 */
import type { Context } from 'hono';
import { tooLarge } from '../services/attachments/attachments.js';
import { readBodyWithin } from '../services/attachments/storage.js';
import { deskSettings } from '../services/context.js';
import type { AppEnv } from './env.js';

/** Any route's context: only its services, a header and the raw body are read. */
export async function readUploadedFile(c: Context<AppEnv, any, any>): Promise<Uint8Array> {
  const { attachmentMaxBytes } = deskSettings(c.get('services'));
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > attachmentMaxBytes) throw tooLarge(attachmentMaxBytes);
  const bytes = await readBodyWithin(c.req.raw.body, attachmentMaxBytes);
  if (bytes === 'too_large') throw tooLarge(attachmentMaxBytes);
  return bytes;
}

/**
 * A bulletin's files: its publisher adds them to the draft; whoever may see the bulletin reads them.
 * The bytes are kept as an incident's attachments are (./../attachments/storage.ts), the type read
 * from the content.
 */
import { and, eq } from 'drizzle-orm';
import { bulletinAttachments } from '../../db/schema.js';
import { ATTACHMENT_KINDS, safeFileName, sniffContentType } from '../../domain/attachment-types.js';
import { tooLarge } from '../attachments/attachments.js';
import { discardBytes, readBytes, storeBytes, type StoredBytes } from '../attachments/storage.js';
import type { Database } from '../../db/client.js';
import { createOnce, uploadFingerprint } from '../idempotency.js';
import { deskSettings, type Actor, type Services } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { newId } from '../ids.js';
import { bulletinView, loadBulletin, loadVisibleBulletin } from './load.js';
import { loadOwnDraft } from './draft.js';

/**
 * 简报附件, run once per `Idempotency-Key`: a retry (the same bytes, name and bulletin) gets the first
 * answer and stores nothing more; another file or name with the key is a 409.
 */
export async function addBulletinAttachment(services: Services, actor: Actor, input: { bulletinId: string; fileName: string; bytes: Uint8Array }, idempotencyKey?: string) {
  const request = await uploadFingerprint(input.bytes, { route: 'POST /bulletins/{id}/attachments', bulletinId: input.bulletinId, fileName: input.fileName });
  let stored: StoredBytes | null = null;
  try {
    return await createOnce(services.db, actor.id, idempotencyKey, request, async () => {
      const b = await loadOwnDraft(services.db, actor, input.bulletinId);
      const { attachmentMaxBytes } = deskSettings(services);
      if (input.bytes.byteLength > attachmentMaxBytes) throw tooLarge(attachmentMaxBytes);
      if (input.bytes.byteLength === 0) throw invalid('文件是空的', [{ field: 'file', message: '文件是空的' }]);
      const contentType = sniffContentType(input.bytes);
      if (!contentType) {
        const allowed = Object.values(ATTACHMENT_KINDS).map((k) => k.label).join('、');
        throw invalid(`只能上传${allowed}`, [{ field: 'file', message: `文件内容不是${allowed}` }]);
      }
      const now = services.clock();
      const id = newId('bat', now.getTime());
      const sha256 = request.sha256 as string;
      const fileName = safeFileName(input.fileName, contentType);
      return async (tx: Database) => {
        // Stored only once the key is claimed: a concurrent retry waits and replays instead.
        stored = await storeBytes(services, id, input.bytes);
        await tx.insert(bulletinAttachments).values({ id, bulletinId: b.row.id, jurisdictionId: b.row.jurisdictionId, fileName, contentType, size: input.bytes.byteLength, sha256, ...stored, uploadedBy: actor.id, createdAt: now });
        await appendEvents(tx, now, [
          {
            type: 'bulletin.attachment_added',
            jurisdictionId: b.row.jurisdictionId,
            audienceUnits: b.row.publisherUnitId ? [b.row.publisherUnitId] : [],
            actorId: actor.id,
            data: { bulletinId: b.row.id, title: b.row.title, publisherUnitId: b.row.publisherUnitId, fileName },
          },
        ]);
        return { bulletin: bulletinView((await loadBulletin(tx, b.row.id))!, actor) };
      };
    });
  } catch (err) {
    if (stored) await discardBytes(services, stored);
    throw err;
  }
}

export async function readBulletinAttachment(services: Services, actor: Actor, bulletinId: string, id: string) {
  await loadVisibleBulletin(services.db, actor, bulletinId);
  const [row] = await services.db.select().from(bulletinAttachments).where(and(eq(bulletinAttachments.id, id), eq(bulletinAttachments.bulletinId, bulletinId)));
  if (!row) throw notFound('附件');
  return { fileName: row.fileName, contentType: row.contentType, bytes: await readBytes(services, row) };
}




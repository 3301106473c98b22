/**
 * A bulletin's files: its publisher adds them to the draft; whoever may see the bulletin reads them.
 * The bytes are kept as an incident's attachments are (./../attachments/storage.ts), the type read
 * from the content.
 */
import { and, eq } from 'drizzle-orm';
import { bulletinAttachments } from '../../db/schema.js';
import { checkAttachment } from '../attachments/attachments.js';
import { discardBytes, readBytes, storeBytes, type StoredBytes } from '../attachments/storage.js';
import type { Database } from '../../db/client.js';
import { createOnce, uploadFingerprint } from '../idempotency.js';
import type { Actor, Services } from '../context.js';
import { notFound } from '../errors.js';
import { appendEvents } from '../events/append.js';
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
      const now = services.clock();
      const { id, fileName, contentType, size, sha256 } = checkAttachment(services, now, input, 'bat');
      return async (tx: Database) => {
        // Stored only once the key is claimed: a concurrent retry waits and replays instead.
        stored = await storeBytes(services, id, input.bytes);
        await tx.insert(bulletinAttachments).values({ id, bulletinId: b.row.id, jurisdictionId: b.row.jurisdictionId, fileName, contentType, size, sha256, ...stored, uploadedBy: actor.id, createdAt: now });
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




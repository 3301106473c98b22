/**
 * Stores a file of the joint meeting's standing work (a meeting's material or report file, a
 * campaign report's file) with its `attachment.added` event, in one transaction; the bytes kept
 * before it are discarded if it fails, so no file outlives a refused upload.
 */
import type { Database } from '../../db/client.js';
import { attachments } from '../../db/schema.js';
import { attachmentView, prepareAttachment } from '../attachments/attachments.js';
import { discardBytes } from '../attachments/storage.js';
import type { Actor, Services } from '../context.js';
import { appendEvents } from '../events/append.js';

type Row = typeof attachments.$inferSelect;

export async function storeStandingFile<V extends ReturnType<typeof attachmentView>>(
  services: Services,
  actor: Actor,
  owner: { jurisdictionId: string; meetingId?: string; campaignId?: string },
  input: { fileName: string; bytes: Uint8Array },
  /** The units told of it, read in the same transaction. */
  audienceOf: (tx: Database) => Promise<string[]>,
  viewOf: (row: Row) => V = (row) => attachmentView(row, actor.displayName) as V,
): Promise<{ attachment: V }> {
  const now = services.clock();
  const file = await prepareAttachment(services, now, input);
  try {
    return await services.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(attachments)
        .values({ id: file.id, ...owner, fileName: file.fileName, contentType: file.contentType, size: file.size, sha256: file.sha256, ...file.stored, uploadedBy: actor.id, createdAt: now })
        .returning();
      const view = viewOf(row!);
      await appendEvents(tx, now, [{ type: 'attachment.added', jurisdictionId: owner.jurisdictionId, incidentId: null, audienceUnits: await audienceOf(tx), actorId: actor.id, data: { attachment: view } }]);
      return { attachment: view };
    });
  } catch (err) {
    await discardBytes(services, file.stored);
    throw err;
  }
}

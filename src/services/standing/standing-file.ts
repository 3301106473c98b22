/**
 * Stores a file of the joint meeting's standing work (a meeting's material or report file, a
 * campaign report's file) with its `attachment.added` event, in one transaction, once per
 * `Idempotency-Key`: a retry of the same upload (route, subject, bytes and name) gets the first
 * answer and stores nothing more. The bytes are stored only once the key is claimed, and discarded
 * if the transaction fails, so no file outlives a refused upload.
 */
import type { Database } from '../../db/client.js';
import { attachments } from '../../db/schema.js';
import { attachmentView, checkAttachment } from '../attachments/attachments.js';
import { discardBytes, storeBytes, type StoredBytes } from '../attachments/storage.js';
import type { Actor, Services } from '../context.js';
import { appendEvents } from '../events/append.js';
import { createOnce, uploadFingerprint, type IdempotentOutcome } from '../idempotency.js';

type Row = typeof attachments.$inferSelect;

/** What the use case decides once its checks pass: where the file belongs, who is told, how it reads. */
export interface StandingFilePlan<V> {
  /** Where it belongs, and whose it is: a member unit's, or the office's (`unitId` null). */
  owner: { jurisdictionId: string; unitId: string | null; meetingId?: string; campaignId?: string };
  /** The units told of it, read in the same transaction. */
  audienceOf: (tx: Database) => Promise<string[]>;
  viewOf?: (row: Row) => V;
}

export async function storeStandingFile<V extends ReturnType<typeof attachmentView>>(
  services: Services,
  actor: Actor,
  /** The upload as a retry is compared: the route, its subject and the file's name. */
  request: { route: string; subjectId: string; fileName: string },
  input: { fileName: string; bytes: Uint8Array },
  idempotencyKey: string | undefined,
  /** The use case's checks (run unless this is a retry), then its plan. */
  check: () => Promise<StandingFilePlan<V>>,
): Promise<IdempotentOutcome<{ attachment: V }>> {
  let stored: StoredBytes | null = null;
  try {
    return await createOnce(services.db, actor.id, idempotencyKey, await uploadFingerprint(input.bytes, request), async () => {
      const plan = await check();
      const now = services.clock();
      const file = checkAttachment(services, now, input);
      const viewOf = plan.viewOf ?? ((row: Row) => attachmentView(row, actor.displayName) as V);
      return async (tx: Database) => {
        stored = await storeBytes(services, file.id, input.bytes);
        const [row] = await tx
          .insert(attachments)
          .values({ ...file, ...plan.owner, ...stored, uploadedBy: actor.id, createdAt: now })
          .returning();
        const view = viewOf(row!);
        await appendEvents(tx, now, [{ type: 'attachment.added', jurisdictionId: plan.owner.jurisdictionId, incidentId: null, audienceUnits: await plan.audienceOf(tx), actorId: actor.id, data: { attachment: view } }]);
        return { attachment: view };
      };
    });
  } catch (err) {
    if (stored) await discardBytes(services, stored);
    throw err;
  }
}

/**
 * 年度报送的开启 (信阳 四(三)): from the rulebook's reminder day (1 December) the year's round opens
 * in each jurisdiction whose document asks for it — every current member unit is asked, with the
 * 15 January deadline, on the standing-work core, so the standing-due timer chases a silent unit
 * from the deadline on. One schedule row (`settings.annual-cycles`) claimed FOR UPDATE SKIP LOCKED
 * like housekeeping, so one node opens a round once; the round's row (`annual_cycles`) records it.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { annualCycles, jurisdictions, memberUnits, settings } from '../../db/schema.js';
import { annualDueAt, annualOpensAt, currentAnnualYear } from '../../domain/annual-submissions.js';
import { askForAnnualSubmissions } from '../../services/annual/chase.js';
import type { NewEvent } from '../../services/events/append.js';
import type { DueTimer } from '../due-timer.js';

const KEY = 'annual-cycles';
/** Looked at hourly, and at the moment the next round opens if that is sooner. */
const EVERY_MS = 3_600_000;

export const annualCycleTimer: DueTimer<{ key: string }> = {
  name: 'annual-cycle',
  async claimDue(tx, now) {
    const due = await tx
      .select({ key: settings.key })
      .from(settings)
      .where(and(eq(settings.key, KEY), sql`(${settings.value}->>'nextRunAt')::timestamptz <= ${now.toISOString()}::timestamptz`))
      .for('update', { skipLocked: true });
    if (due.length === 0) {
      const [exists] = await tx.select({ key: settings.key }).from(settings).where(eq(settings.key, KEY));
      // First sight on this database: the row this transaction inserts is its own (locked until
      // commit; a concurrent insert waits and then does nothing), so it runs now.
      if (!exists) return tx.insert(settings).values({ key: KEY, value: { nextRunAt: now.toISOString() } }).onConflictDoNothing().returning({ key: settings.key });
    }
    return due;
  },

  async fire(tx, _row, { services, now }) {
    const events: NewEvent[] = [];
    let next = now.getTime() + EVERY_MS;
    for (const j of await tx.select({ id: jurisdictions.id }).from(jurisdictions)) {
      const book = await services.rulebooks.current(j.id, tx);
      const rule = book?.annualSubmission;
      if (!book || !rule) continue;
      const offset = book.jurisdiction.utcOffset;
      const year = currentAnnualYear(now, rule, offset);
      next = Math.min(next, annualOpensAt(year + 1, rule, offset).getTime());
      const opensAt = annualOpensAt(year, rule, offset);
      const dueAt = annualDueAt(year, rule, offset);
      await tx.insert(annualCycles).values({ jurisdictionId: j.id, year, opensAt, dueAt }).onConflictDoNothing();
      // A round whose deadline passed before this deployment saw it is recorded, not chased.
      if (now < opensAt || now >= dueAt) continue;
      const [opened] = await tx
        .update(annualCycles)
        .set({ openedAt: now })
        .where(and(eq(annualCycles.jurisdictionId, j.id), eq(annualCycles.year, year), isNull(annualCycles.openedAt)))
        .returning();
      if (!opened) continue;
      const units = await tx
        .select({ id: memberUnits.id })
        .from(memberUnits)
        .where(and(eq(memberUnits.jurisdictionId, j.id), isNull(memberUnits.retiredAt)))
        .orderBy(asc(memberUnits.position));
      const unitIds = units.map((u) => u.id);
      events.push(...(await askForAnnualSubmissions(tx, now, { jurisdictionId: j.id, year, dueAt, unitIds })));
      events.push({
        type: 'annual_submission.opened',
        jurisdictionId: j.id,
        audienceUnits: unitIds,
        data: { year, dueAt: dueAt.toISOString(), opensAt: opensAt.toISOString(), basis: { documentClause: rule.documentClause, quote: rule.quote } },
      });
    }
    await tx.update(settings).set({ value: { nextRunAt: new Date(Math.max(next, now.getTime() + 1000)).toISOString(), lastRunAt: now.toISOString() } }).where(eq(settings.key, KEY));
    return events;
  },
};

/**
 * What waits for the unit from the joint meeting's information work, in one list by deadline:
 * the year's annual submission (by 15 January) while it is not filed, then bulletins not yet read
 * (newest first: they have no deadline). Pure.
 */
import type { AnnualYearView } from '../../../src/contract/annual.js';
import type { BulletinListItem } from '../../../src/contract/bulletins.js';

export type WaitingItem = { kind: 'annual'; dueAt: string; year: number; filed: boolean } | { kind: 'bulletin'; bulletin: BulletinListItem };

export function waitingItems(annual: AnnualYearView | null, bulletins: BulletinListItem[], unitId: string | null): WaitingItem[] {
  const out: WaitingItem[] = [];
  const own = annual?.units.find((u) => u.unitId === unitId);
  if (annual && own && !own.submission) out.push({ kind: 'annual', dueAt: annual.dueAt, year: annual.year, filed: false });
  const unread = bulletins.filter((b) => b.state === 'published' && !b.readAt && unitId && b.unitIds.includes(unitId));
  unread.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  return [...out, ...unread.map((bulletin) => ({ kind: 'bulletin' as const, bulletin }))];
}

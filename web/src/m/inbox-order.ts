/**
 * The order of the liaison's inbox: one card per incident (its latest version; an earlier version
 * is told as what changed, not as a second card), what still awaits the unit first by nearest
 * deadline, then the rest newest first; drills apart, after real incidents.
 */
import { awaitsAction, type Item } from './InboxCard.js';

export function latestPerIncident(items: Item[]): Item[] {
  const latest = new Map<string, Item>();
  for (const item of items) {
    const seen = latest.get(item.incidentId);
    if (!seen || (item.reportVersion ?? 0) > (seen.reportVersion ?? 0)) latest.set(item.incidentId, item);
  }
  return [...latest.values()];
}

function byUrgency(a: Item, b: Item): number {
  const wa = awaitsAction(a);
  const wb = awaitsAction(b);
  if (wa !== wb) return wa ? -1 : 1;
  if (wa) return a.ackDueAt.localeCompare(b.ackDueAt);
  return (b.reportVersion ?? 0) - (a.reportVersion ?? 0) || b.ackDueAt.localeCompare(a.ackDueAt);
}

export function orderInbox(items: Item[]): { real: Item[]; drills: Item[] } {
  const cards = latestPerIncident(items).sort(byUrgency);
  return { real: cards.filter((i) => !i.incident.drill), drills: cards.filter((i) => i.incident.drill) };
}

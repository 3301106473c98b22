/**
 * What the wall shows above the incidents, and which incidents it shows: the counts that need a
 * commander (open incidents, units late to 签收, overdue tasks, the nearest statutory deadline)
 * and the filters. Pure functions of the model and the time, tested without a browser.
 */
import { obligationClock, taskClock, isTaskOpen } from '../../components/response-clocks.js';
import { currentNotifications, deadlineState, type IncidentEntry, type Model, type ObligationView } from '../../lib/incident-state.js';

export interface LateUnit {
  incidentId: string;
  unitId: string;
  unitName: string;
  text: string;
}

export interface BoardSummary {
  openIncidents: number;
  lateUnits: LateUnit[];
  overdueTasks: number;
  /** The unreported obligation due soonest (or most overdue), across the shown incidents. */
  nearest: { incidentId: string; incidentTitle: string; obligation: ObligationView; text: string; level: string } | null;
}

export function lateUnitsOf(entry: IncidentEntry, now: number): LateUnit[] {
  return currentNotifications(entry)
    .filter((n) => n.state === 'pending' && deadlineState(n, now).level === 'overdue')
    .map((n) => ({ incidentId: entry.id, unitId: n.unitId, unitName: n.unitName, text: deadlineState(n, now).text }));
}

export function overdueTasksOf(entry: IncidentEntry, now: number): number {
  return Object.values(entry.tasks).filter((t) => isTaskOpen(t) && taskClock(t, now).level === 'overdue').length;
}

export function nearestObligationOf(entry: IncidentEntry): ObligationView | null {
  const open = Object.values(entry.obligations).filter((o) => !o.submission && !o.informational);
  return open.sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0] ?? null;
}

export function summarise(entries: IncidentEntry[], now: number): BoardSummary {
  let nearest: BoardSummary['nearest'] = null;
  for (const e of entries) {
    const o = nearestObligationOf(e);
    if (o && (!nearest || o.dueAt < nearest.obligation.dueAt)) {
      const clock = obligationClock(o, now);
      nearest = { incidentId: e.id, incidentTitle: e.incident.title, obligation: o, text: clock.text, level: clock.level };
    }
  }
  return {
    openIncidents: entries.length,
    lateUnits: entries.flatMap((e) => lateUnitsOf(e, now)),
    overdueTasks: entries.reduce((sum, e) => sum + overdueTasksOf(e, now), 0),
    nearest,
  };
}

/**
 * 联席会议逾期事项: standing work past its deadline. Counted apart from the incidents, so it is
 * one small figure on the strip and never pushes an incident out of sight.
 */
export function overdueStanding(model: Model, now: number): number {
  return Object.values(model.standing ?? {}).filter((s) => Date.parse(s.dueAt) < now).length;
}

export interface BoardFilter {
  /** own: filed here; incoming: arrived by 逐级上报 from a lower jurisdiction. */
  level: '' | 'own' | 'incoming';
  severity: '' | 'general' | 'major' | 'extraordinary';
  drill: '' | 'real' | 'drill';
  /** Only incidents with an open 督办 or decline waiting for a commander. */
  mine: boolean;
  search: string;
}

export const NO_FILTER: BoardFilter = { level: '', severity: '', drill: '', mine: false, search: '' };

export function isFiltered(f: BoardFilter): boolean {
  return !!(f.level || f.severity || f.drill || f.mine || f.search.trim());
}

export function matches(entry: IncidentEntry, f: BoardFilter, model: Model): boolean {
  const inc = entry.incident;
  if (f.level === 'own' && entry.downstream) return false;
  if (f.level === 'incoming' && !entry.downstream) return false;
  if (f.severity && inc.severity !== f.severity) return false;
  if (f.drill === 'real' && inc.drill) return false;
  if (f.drill === 'drill' && !inc.drill) return false;
  if (f.mine && !Object.values(model.alerts).some((a) => a.incidentId === entry.id && !a.resolvedAt)) return false;
  const q = f.search.trim().toLowerCase();
  if (q && ![inc.ref, inc.title, inc.employer.name].some((s) => s.toLowerCase().includes(q))) return false;
  return true;
}

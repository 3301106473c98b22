/** One unit's rota as a week calendar (Monday to Sunday, UTC+08:00), and its editing: patterns, holidays, overrides, swaps. */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { rotaSchema, unitRotaSchema } from '../../../../src/contract/rota.js';
import { describeError, get, put } from '../../lib/api.js';
import { formatShort, formatTime } from '../../lib/time.js';
import { newId, RotaRules, WEEKDAYS } from './RotaRules.js';
import { ErrorBox, Loading } from '../../lib/ui.js';

type UnitRota = z.infer<typeof unitRotaSchema>;
type Rota = z.infer<typeof rotaSchema>;

const SOURCE_NAMES: Record<string, string> = { pattern: '', swap: '（换班）', override: '（临时）' };

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
/** The local (UTC+08:00) date of an instant. */
const localDate = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function RotaWeek({ unitId, onSaved }: { unitId: string; onSaved: () => void }) {
  const [week, setWeek] = useState<string | undefined>(undefined);
  const [data, setData] = useState<UnitRota | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    get<UnitRota>(`/api/v1/rota/units/${encodeURIComponent(unitId)}${week ? `?week=${week}` : ''}`)
      .then((d) => (setData(d), setError(null)))
      .catch((err) => setError(describeError(err)));
  }, [unitId, week, n]);
  if (error && !data) return <ErrorBox message={error} onRetry={() => setN((x) => x + 1)} />;
  if (!data) return <Loading what="值班表" />;
  const nameOf = (id: string) => data.people.find((p) => p.userId === id)?.displayName ?? '（已停用人员）';

  async function save(rota: Rota, what: string) {
    setMessage(null);
    try {
      await put(`/api/v1/rota/units/${encodeURIComponent(unitId)}`, { rota, revision: data!.revision });
      setMessage(`已保存：${what}`);
      setError(null);
      setN((x) => x + 1);
      onSaved();
    } catch (err) {
      setError(describeError(err));
    }
  }
  const days = Array.from({ length: 7 }, (_, i) => addDays(data.weekStart, i));
  return (
    <section class="rota-week" aria-label={`${data.unitName}值班表`}>
      <h2>{data.unitName} 值班表</h2>
      <div class="rota-week-bar">
        <button type="button" class="btn" onClick={() => setWeek(addDays(data.weekStart, -7))}>
          上一周
        </button>
        <span>
          {data.weekStart} 至 {addDays(data.weekStart, 6)}
        </span>
        <button type="button" class="btn" onClick={() => setWeek(addDays(data.weekStart, 7))}>
          下一周
        </button>
      </div>
      {message && (
        <p class="notice notice-success" role="status">
          {message}
        </p>
      )}
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div class="rota-calendar" role="table" aria-label="本周排班">
        <div role="row" class="rota-calendar-row">
          {days.map((d, i) => (
            <div role="columnheader" class="rota-day-head">
              {WEEKDAYS[i]} {d.slice(5)}
              {data.rota.holidays.includes(d) && <span class="rota-holiday">节假日</span>}
            </div>
          ))}
        </div>
        <div role="row" class="rota-calendar-row">
          {days.map((d) => (
            <div role="cell" class="rota-day" data-date={d}>
              {data.shifts
                .filter((s) => localDate(s.start) === d)
                .map((s) => (
                  <div class={`rota-shift rota-shift-${s.source}`}>
                    <span class="rota-shift-time">
                      {formatTime(s.start)}–{formatTime(s.end)}
                    </span>{' '}
                    <span class="rota-shift-person">{s.displayName}</span>
                    {SOURCE_NAMES[s.source]}
                    {data.canEdit && s.source === 'pattern' && (
                      <select
                        aria-label={`${formatShort(s.start)} ${s.displayName}的班换给`}
                        value=""
                        onChange={(e) => {
                          const to = e.currentTarget.value;
                          if (to) void save({ ...data.rota, swaps: [...data.rota.swaps, { id: newId('swap'), fromUserId: s.userId, toUserId: to, shiftStart: s.start }] }, `${formatShort(s.start)}换班给${nameOf(to)}`);
                        }}
                      >
                        <option value="">换班给…</option>
                        {data.people
                          .filter((p) => p.userId !== s.userId)
                          .map((p) => (
                            <option value={p.userId}>{p.displayName}</option>
                          ))}
                      </select>
                    )}
                  </div>
                ))}
            </div>
          ))}
        </div>
      </div>
      <RotaRules data={data} nameOf={nameOf} save={save} />
    </section>
  );
}

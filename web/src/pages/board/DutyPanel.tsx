/** 今日值班 on the board: who is on duty now and next in each unit, refreshed every minute; units with nobody on duty first. */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { dutyOverviewSchema } from '../../../../src/contract/rota.js';
import { get } from '../../lib/api.js';
import { formatShort } from '../../lib/time.js';

type Overview = z.infer<typeof dutyOverviewSchema>;

const names = (people: { displayName: string }[]) => people.map((p) => p.displayName).join('、') || '无人值班';

export function DutyPanel({ jurisdictionId }: { jurisdictionId: string | undefined }) {
  const [data, setData] = useState<Overview | null>(null);
  useEffect(() => {
    if (!jurisdictionId) return;
    let live = true;
    const load = () =>
      get<Overview>(`/api/v1/rota/duty?jurisdictionId=${encodeURIComponent(jurisdictionId)}`)
        .then((d) => live && setData(d))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [jurisdictionId]);
  if (!data) return null;
  const units = [...data.units].sort((a, b) => Number(b.nobodyNow) - Number(a.nobodyNow));
  return (
    <details class="duty-panel" open>
      <summary>今日值班（{units.filter((u) => u.nobodyNow).length ? `${units.filter((u) => u.nobodyNow).length}个单位无人值班` : '各单位均有人值班'}）</summary>
      <ul class="duty-panel-list">
        {units.map((u) => (
          <li class={u.nobodyNow ? 'duty-none' : undefined} data-unit-id={u.unitId}>
            <strong>{u.unitName}</strong>：{names(u.onDutyNow)}
            {u.next && (
              <span class="muted">
                {' '}
                · {formatShort(u.next.start)}起 {names(u.next.people)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

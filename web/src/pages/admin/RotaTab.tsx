/**
 * 值班表 (/admin/rota): who is on duty now and next in every unit, units with nobody on duty or
 * with gaps in the next 7 days flagged first; a unit's week calendar with its rota to edit.
 */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { dutyOverviewSchema } from '../../../../src/contract/rota.js';
import { describeError, get } from '../../lib/api.js';
import { formatShort } from '../../lib/time.js';
import { ErrorBox, Loading } from '../../lib/ui.js';
import { RotaWeek } from './RotaWeek.js';

type Overview = z.infer<typeof dutyOverviewSchema>;
type UnitDuty = Overview['units'][number];

const names = (people: { displayName: string }[]) => people.map((p) => p.displayName).join('、') || '无';

/** The flags an administrator must act on, in words. */
export function dutyFlags(u: UnitDuty): string[] {
  const flags: string[] = [];
  if (u.nobodyNow) flags.push('当前无人值班');
  if (u.gaps.length) flags.push(`未来7天有${u.gaps.length}段无人值班（最早 ${formatShort(u.gaps[0]!.start)} 起）`);
  return flags;
}

export function RotaTab({ jurisdictionId, unitId }: { jurisdictionId: string; unitId?: string }) {
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | undefined>(unitId);
  const [n, setN] = useState(0);
  useEffect(() => {
    get<Overview>(`/api/v1/rota/duty?jurisdictionId=${encodeURIComponent(jurisdictionId)}`)
      .then((d) => (setData(d), setError(null)))
      .catch((err) => setError(describeError(err)));
  }, [jurisdictionId, n]);
  if (error) return <ErrorBox message={error} onRetry={() => setN((x) => x + 1)} />;
  if (!data) return <Loading what="值班总览" />;
  const flagged = data.units.filter((u) => dutyFlags(u).length);
  // The first flagged unit (else the first unit) is open until another is chosen.
  const open = selected ?? flagged[0]?.unitId ?? data.units[0]?.unitId;
  const unit = data.units.find((u) => u.unitId === open);
  return (
    <section class="rota-tab" aria-label="值班表">
      {flagged.length > 0 && (
        <div class="notice notice-error rota-flags" role="status">
          <p>以下单位值班安排需要处理：</p>
          <ul>
            {flagged.map((u) => (
              <li>
                <button type="button" class="link-button" onClick={() => setSelected(u.unitId)}>
                  {u.unitName}
                </button>
                ：{dutyFlags(u).join('；')}
              </li>
            ))}
          </ul>
        </div>
      )}
      <table class="rota-overview">
        <caption>各单位值班情况</caption>
        <thead>
          <tr>
            <th scope="col">成员单位</th>
            <th scope="col">当前值班</th>
            <th scope="col">下一班</th>
            <th scope="col">提示</th>
          </tr>
        </thead>
        <tbody>
          {data.units.map((u) => (
            <tr class={dutyFlags(u).length ? 'rota-flagged' : undefined}>
              <th scope="row">
                <button type="button" class="link-button" aria-pressed={u.unitId === open} onClick={() => setSelected(u.unitId)}>
                  {u.unitName}
                </button>
              </th>
              <td>
                {names(u.onDutyNow)}
                {!u.hasRota && <span class="muted">（未排班，全部联络员）</span>}
              </td>
              <td>{u.next ? `${formatShort(u.next.start)} ${names(u.next.people)}` : '—'}</td>
              <td>{dutyFlags(u).join('；') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {unit && <RotaWeek key={unit.unitId} unitId={unit.unitId} onSaved={() => setN((x) => x + 1)} />}
    </section>
  );
}

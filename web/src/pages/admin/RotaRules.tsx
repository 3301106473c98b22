/** A unit's rota as rules (patterns, overrides, swaps, holidays) with their removal, and the forms that add them. */
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { rotaSchema, unitRotaSchema } from '../../../../src/contract/rota.js';
import { formatShort, fromLocalInput } from '../../lib/time.js';

type UnitRota = z.infer<typeof unitRotaSchema>;
type Rota = z.infer<typeof rotaSchema>;

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const KIND_NAMES: Record<string, string> = { daily: '每天', weekly: '每周', holiday: '节假日' };
export const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

export function RotaRules({ data, nameOf, save }: { data: UnitRota; nameOf: (id: string) => string; save: (r: Rota, what: string) => Promise<void> }) {
  const rota = data.rota;
  const remove = <K extends 'patterns' | 'overrides' | 'swaps'>(key: K, id: string, what: string) =>
    save({ ...rota, [key]: (rota[key] as { id: string }[]).filter((x) => x.id !== id) } as Rota, `删除${what}`);
  return (
    <div class="rota-rules">
      <h3>排班规则</h3>
      <ul>
        {rota.patterns.map((p) => (
          <li>
            {nameOf(p.userId)}：{KIND_NAMES[p.kind]}
            {p.kind === 'weekly' && `（${p.weekdays.map((d) => WEEKDAYS[d - 1]).join('、')}）`} {p.startTime}–{p.endTime}，自 {p.from}
            {p.until ? ` 至 ${p.until}` : ''}
            {data.canEdit && (
              <button type="button" class="btn btn-small" onClick={() => remove('patterns', p.id, '排班规则')}>
                删除
              </button>
            )}
          </li>
        ))}
        {rota.overrides.map((o) => (
          <li>
            临时调整：{nameOf(o.userId)} {formatShort(o.start)} 至 {formatShort(o.end)}
            {o.replaces ? `（替 ${nameOf(o.replaces)}）` : '（替全部）'}
            {data.canEdit && (
              <button type="button" class="btn btn-small" onClick={() => remove('overrides', o.id, '临时调整')}>
                删除
              </button>
            )}
          </li>
        ))}
        {rota.swaps.map((s) => (
          <li>
            换班：{formatShort(s.shiftStart)} {nameOf(s.fromUserId)} 换给 {nameOf(s.toUserId)}
            {data.canEdit && (
              <button type="button" class="btn btn-small" onClick={() => remove('swaps', s.id, '换班')}>
                删除
              </button>
            )}
          </li>
        ))}
        {rota.holidays.length > 0 && <li>节假日：{rota.holidays.join('、')}</li>}
        {rota.patterns.length + rota.overrides.length === 0 && <li class="muted">尚未排班：通知发给本单位全部在岗联络员。</li>}
      </ul>
      {data.canEdit && <RotaForms data={data} save={save} />}
    </div>
  );
}

function RotaForms({ data, save }: { data: UnitRota; save: (r: Rota, what: string) => Promise<void> }) {
  const first = data.people[0]?.userId ?? '';
  const [p, setP] = useState({ userId: first, kind: 'daily', weekdays: [] as number[], startTime: '08:00', endTime: '20:00', from: data.weekStart });
  const [o, setO] = useState({ userId: first, start: '', end: '' });
  const [holiday, setHoliday] = useState('');
  const person = (value: string, onChange: (v: string) => void, id: string) => (
    <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {data.people.map((x) => (
        <option value={x.userId}>{x.displayName}</option>
      ))}
    </select>
  );
  return (
    <div class="rota-forms">
      <form
        class="rota-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save({ ...data.rota, patterns: [...data.rota.patterns, { id: newId('pattern'), ...p, kind: p.kind as 'daily', until: null }] }, '排班规则');
        }}
      >
        <h4>添加排班规则</h4>
        <label for="rota-p-user">值班人员</label>
        {person(p.userId, (v) => setP({ ...p, userId: v }), 'rota-p-user')}
        <label for="rota-p-kind">方式</label>
        <select id="rota-p-kind" value={p.kind} onChange={(e) => setP({ ...p, kind: e.currentTarget.value })}>
          <option value="daily">每天</option>
          <option value="weekly">每周</option>
          <option value="holiday">节假日</option>
        </select>
        {p.kind === 'weekly' && (
          <fieldset>
            <legend>星期</legend>
            {WEEKDAYS.map((w, i) => (
              <label>
                <input
                  type="checkbox"
                  checked={p.weekdays.includes(i + 1)}
                  onChange={(e) => setP({ ...p, weekdays: e.currentTarget.checked ? [...p.weekdays, i + 1] : p.weekdays.filter((d) => d !== i + 1) })}
                />
                {w}
              </label>
            ))}
          </fieldset>
        )}
        <label for="rota-p-start">开始</label>
        <input id="rota-p-start" type="time" value={p.startTime} onInput={(e) => setP({ ...p, startTime: e.currentTarget.value })} />
        <label for="rota-p-end">结束（早于开始即跨夜）</label>
        <input id="rota-p-end" type="time" value={p.endTime} onInput={(e) => setP({ ...p, endTime: e.currentTarget.value })} />
        <label for="rota-p-from">起始日期</label>
        <input id="rota-p-from" type="date" value={p.from} onInput={(e) => setP({ ...p, from: e.currentTarget.value })} />
        <button type="submit" class="btn btn-primary">
          添加排班
        </button>
      </form>
      <form
        class="rota-form"
        onSubmit={(e) => {
          e.preventDefault();
          const start = fromLocalInput(o.start);
          const end = fromLocalInput(o.end);
          if (start && end) void save({ ...data.rota, overrides: [...data.rota.overrides, { id: newId('override'), userId: o.userId, start, end, replaces: null }] }, '临时调整');
        }}
      >
        <h4>临时调整（此时段由此人值班）</h4>
        <label for="rota-o-user">值班人员</label>
        {person(o.userId, (v) => setO({ ...o, userId: v }), 'rota-o-user')}
        <label for="rota-o-start">开始</label>
        <input id="rota-o-start" type="datetime-local" value={o.start} onInput={(e) => setO({ ...o, start: e.currentTarget.value })} />
        <label for="rota-o-end">结束</label>
        <input id="rota-o-end" type="datetime-local" value={o.end} onInput={(e) => setO({ ...o, end: e.currentTarget.value })} />
        <button type="submit" class="btn btn-primary">
          添加调整
        </button>
      </form>
      <form
        class="rota-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (holiday && !data.rota.holidays.includes(holiday)) void save({ ...data.rota, holidays: [...data.rota.holidays, holiday].sort() }, `节假日 ${holiday}`);
        }}
      >
        <h4>节假日</h4>
        <label for="rota-h-date">日期</label>
        <input id="rota-h-date" type="date" value={holiday} onInput={(e) => setHoliday(e.currentTarget.value)} />
        <button type="submit" class="btn btn-primary">
          添加节假日
        </button>
      </form>
    </div>
  );
}

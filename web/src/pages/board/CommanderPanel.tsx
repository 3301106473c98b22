/** 待指挥长处理: declines to resolve and 督办 alerts (late acknowledgements, overdue or blocked tasks, overdue reports). */
import type { PhonesByUnit } from '../../components/use-phone-book.js';
import type { UnitOption } from '../../components/use-units.js';
import type { Model } from '../../lib/incident-state.js';
import type { User } from '../../lib/session.js';
import { AlertItem } from './AlertItem.js';

export function CommanderPanel({
  model,
  user,
  now,
  units,
  phones,
  onChange,
}: {
  model: Model;
  user: User;
  now: number;
  units: UnitOption[];
  phones?: PhonesByUnit;
  onChange: () => void;
}) {
  const alerts = Object.values(model.alerts).sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  return (
    <aside class="commander-panel" aria-labelledby="commander-panel-title">
      <h2 id="commander-panel-title">
        待指挥长处理 <span class="count-badge">{alerts.length}</span>
      </h2>
      {alerts.length === 0 ? (
        <p class="muted">没有待处理的退回或督办。</p>
      ) : (
        <ul class="alert-list">
          {alerts.map((a) => (
            <AlertItem key={a.id} alert={a} model={model} user={user} now={now} units={units} phones={phones} onChange={onChange} />
          ))}
        </ul>
      )}
    </aside>
  );
}

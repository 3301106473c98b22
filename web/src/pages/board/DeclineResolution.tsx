/**
 * 处理退回: the commander either reassigns the declined duty to another unit — which is notified at
 * once, on the current report version — or confirms the decline; either way with a reason.
 */
import { useState } from 'preact/hooks';
import { ROLE_LABELS } from '../../../../src/contract/labels.js';
import { UNIT_ROLES, type UnitRole } from '../../../../src/domain/enums.js';
import { Field, fieldProps, FormError, useAction, useInlineForm, FormButtons } from '../../components/form.js';
import { UnitOptions, type UnitOption } from '../../components/use-units.js';
import { post } from '../../lib/api.js';
import type { NotificationView } from '../../lib/incident-state.js';

type Choice = 'reassign' | 'confirm';

export interface DeclineAnswer {
  notification: NotificationView;
  reassignedTo: NotificationView | null;
}

interface Props {
  notificationId: string;
  unitName: string;
  /** The declining unit's role, the default for the unit that takes over. */
  role: UnitRole;
  /** Units already told of the current version: the server refuses them, so the list leaves them out. */
  notifiedUnitIds: string[];
  units: UnitOption[];
  onDone(answer: DeclineAnswer): void;
  onCancel(): void;
}

export function DeclineResolution({ notificationId, unitName, role: declinedRole, notifiedUnitIds, units, onDone, onCancel }: Props) {
  const [choice, setChoice] = useState<Choice>('reassign');
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState<UnitRole>(declinedRole);
  const [reason, setReason] = useState('');
  const action = useAction();
  const inline = useInlineForm(onCancel);
  const id = (field: string) => `decline-${notificationId}-${field}`;

  async function submit(e: Event) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (choice === 'reassign' && !unitId) missing.unitId = '请选择改派单位';
    if (reason.trim().length < 2) missing.reason = choice === 'reassign' ? '请填写改派理由' : '请填写确认退回的理由';
    if (Object.keys(missing).length) return action.reject(missing);
    const body = choice === 'reassign' ? { action: 'reassign', unitId, role, reason: reason.trim() } : { action: 'confirm', reason: reason.trim() };
    const answer = await action.run(() => post<DeclineAnswer>(`/api/v1/notifications/${encodeURIComponent(notificationId)}/resolve-decline`, body));
    if (answer) onDone(answer);
  }

  return (
    <form class="resolve-form" onSubmit={submit} noValidate {...inline} aria-label={`处理${unitName}的退回`}>
      <FormError message={action.error} />
      <fieldset class="choice">
        <legend>处理方式</legend>
        {(
          [
            ['reassign', '改派其他单位'],
            ['confirm', '确认退回'],
          ] as const
        ).map(([value, label]) => (
          <label class="choice-item" key={value}>
            <input type="radio" name={id('choice')} value={value} checked={choice === value} onChange={() => setChoice(value)} />
            <span class="choice-text">{label}</span>
          </label>
        ))}
      </fieldset>
      {choice === 'reassign' && (
        <>
          <Field id={id('unitId')} label="改派给" error={action.fields.unitId}>
            <select {...fieldProps(id('unitId'), action.fields.unitId)} value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
              <option value="">请选择</option>
              <UnitOptions units={units} exclude={notifiedUnitIds} />
            </select>
          </Field>
          <Field id={id('role')} label="角色" error={action.fields.role}>
            <select {...fieldProps(id('role'), action.fields.role)} value={role} onChange={(e) => setRole(e.currentTarget.value as UnitRole)}>
              {UNIT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </Field>
        </>
      )}
      <Field id={id('reason')} label={choice === 'reassign' ? '改派理由' : '确认退回的理由'} error={action.fields.reason}>
        <textarea {...fieldProps(id('reason'), action.fields.reason)} rows={2} value={reason} maxLength={1000} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <FormButtons busy={action.busy} submitLabel={choice === 'reassign' ? '改派并通知' : '确认退回'} onCancel={onCancel} />
    </form>
  );
}

/**
 * 预览: severity, the regimes the facts trigger (with citations) and the routing table — each
 * unit, its role and the quoted clause — live as the officer types; units added or removed with
 * a written reason.
 */
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { previewResponseSchema, unitSchema } from '../../../../src/contract/api.js';
import { labelOf, ROLE_LABELS } from '../../../../src/contract/labels.js';
import { UNIT_ROLES, type UnitRole } from '../../../../src/domain/enums.js';
import { RoleBadge, SeverityBadge } from '../../lib/ui.js';
import type { FieldErrors, ReportForm } from './form-model.js';

export type Preview = z.infer<typeof previewResponseSchema>;
export type Unit = z.infer<typeof unitSchema>;

interface Props {
  preview: Preview | null;
  state: 'idle' | 'loading' | 'error';
  error: string | null;
  /** Problems the server found with the adjustments, keyed extraUnits.N.field / excludeUnits.N.field. */
  adjustmentErrors: FieldErrors;
  units: Unit[];
  form: ReportForm;
  onChange(patch: Partial<ReportForm>): void;
}

export function PreviewPanel({ preview, state, error, adjustmentErrors, units, form, onChange }: Props) {
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const routed = new Set(preview?.routing.map((r) => r.unitId) ?? []);
  const problemsFor = (prefix: string) =>
    Object.entries(adjustmentErrors)
      .filter(([k]) => k.startsWith(prefix))
      .map(([, v]) => v);

  return (
    <aside class="preview" aria-labelledby="preview-title" aria-busy={state === 'loading'}>
      <h2 id="preview-title">
        通知预览 <span class="muted small">（随填写实时更新，尚未发送）</span>
      </h2>
      <p class="preview-status" role="status" aria-live="polite">
        {state === 'loading' ? '正在计算…' : state === 'error' ? `预览暂不可用：${error ?? ''}` : preview ? '已按当前填写内容计算' : '填写事实后显示'}
      </p>
      {preview && (
        <>
          <section class="preview-severity" aria-label="事故等级">
            <SeverityBadge severity={preview.severity} large />
            <p class="small">{preview.severityReason}</p>
          </section>
          {preview.regimes.length > 0 && (
            <section aria-labelledby="regimes-title">
              <h3 id="regimes-title">触发的报告制度</h3>
              <ul class="regimes">
                {preview.regimes.map((r) => (
                  <li key={r.code} data-regime={r.code}>
                    <strong>{r.name}</strong>
                    {r.grade && (
                      <span class="tag" title="按该制度自身的分级">
                        本制度定级：{r.grade}
                        {r.severity && r.severity === preview.severity && r.code !== 'occupational_hazard_accident' && preview.regimes[0]?.severity !== preview.severity ? '（决定本事故处置等级）' : ''}
                      </span>
                    )}
                    <span class="small"> {r.reason}</span>
                    {r.lead && <span class="small">（牵头：{r.lead}）</span>}
                    <cite class="citation">{r.citation}</cite>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {preview.warnings.length > 0 && (
            <ul class="warnings">
              {preview.warnings.map((w, i) => (
                <li key={`${w.code}-${i}`} data-warning={w.code}>
                  <span aria-hidden="true">⚠ </span>
                  {w.message}
                </li>
              ))}
            </ul>
          )}
          <section aria-labelledby="routing-title">
            <h3 id="routing-title">将通知的单位（{preview.routing.length}）</h3>
            <table class="routing-table">
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col">角色</th>
                  <th scope="col">依据（原文）</th>
                  <th scope="col">
                    <span class="sr-only">操作</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.routing.map((r) => (
                  <RoutingRow key={r.unitId} decision={r} shortName={units.find((u) => u.id === r.unitId)?.shortName} form={form} onChange={onChange} problems={problemsFor(`extraUnits.${form.extraUnits.findIndex((u) => u.unitId === r.unitId)}.`)} />
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
      <Exclusions form={form} unitName={unitName} onChange={onChange} problemsFor={problemsFor} reasons={preview?.excluded ?? []} />
      <AddUnit units={units.filter((u) => !routed.has(u.id) && !form.excludeUnits.some((x) => x.unitId === u.id))} form={form} onChange={onChange} />
    </aside>
  );
}

function RoutingRow({
  decision: r,
  shortName,
  form,
  onChange,
  problems,
}: {
  decision: Preview['routing'][number];
  shortName?: string;
  form: ReportForm;
  onChange: Props['onChange'];
  problems: string[];
}) {
  const [removing, setRemoving] = useState(false);
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const added = form.extraUnits.find((u) => u.unitId === r.unitId);
  const id = `remove-${r.unitId}`;
  return (
    <tr data-unit-id={r.unitId}>
      <th scope="row" class="unit-col" title={r.unitName}>
        {shortName ?? r.unitName}
        {shortName && <span class="sr-only">（{r.unitName}）</span>}
      </th>
      <td>
        <RoleBadge role={r.role} />
      </td>
      <td class="basis">
        {r.clauses.map((c) => (
          <p key={c.ref + c.reason}>
            <span class="reason">{c.reason}</span>
            <q>{c.quote}</q>
            <cite class="citation">{c.ref}</cite>
          </p>
        ))}
        {r.adjustment && (
          <p class="adjusted">
            <span aria-hidden="true">✎ </span>
            {r.adjustment.kind === 'added' ? '值班员增加' : '值班员调整角色'}：{r.adjustment.reason}
          </p>
        )}
        {problems.map((p) => (
          <p class="field-error" role="alert">
            {p}
          </p>
        ))}
        {removing && (
          <div class="inline-form">
            <label for={id}>移除 {r.unitName} 的理由</label>
            <textarea id={id} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} aria-describedby={err ? `${id}-err` : undefined} aria-invalid={err ? true : undefined} />
            {err && (
              <p class="field-error" id={`${id}-err`}>
                {err}
              </p>
            )}
            <div class="row-actions">
              <button
                type="button"
                class="btn btn-danger"
                onClick={() => {
                  if (!reason.trim()) return setErr('请填写移除理由（将记入事故记录）');
                  onChange({ excludeUnits: [...form.excludeUnits, { unitId: r.unitId, reason: reason.trim() }] });
                  setRemoving(false);
                  setReason('');
                }}
              >
                确认移除
              </button>
              <button type="button" class="btn" onClick={() => setRemoving(false)}>
                取消
              </button>
            </div>
          </div>
        )}
      </td>
      <td>
        {added ? (
          <button type="button" class="btn btn-small" onClick={() => onChange({ extraUnits: form.extraUnits.filter((u) => u.unitId !== r.unitId) })}>
            撤销增加
          </button>
        ) : (
          !removing && (
            <button type="button" class="btn btn-small" onClick={() => setRemoving(true)} aria-label={`移除 ${r.unitName}`}>
              移除
            </button>
          )
        )}
      </td>
    </tr>
  );
}

function Exclusions({
  form,
  unitName,
  onChange,
  problemsFor,
  reasons,
}: {
  form: ReportForm;
  unitName: (id: string) => string;
  onChange: Props['onChange'];
  problemsFor: (prefix: string) => string[];
  reasons: Preview['excluded'];
}) {
  if (form.excludeUnits.length === 0) return null;
  return (
    <section aria-labelledby="excluded-title">
      <h3 id="excluded-title">已移除的单位</h3>
      <ul class="excluded">
        {form.excludeUnits.map((x, i) => {
          const role = reasons.find((r) => r.unitId === x.unitId)?.role;
          return (
            <li key={x.unitId} data-unit-id={x.unitId}>
              <s>{unitName(x.unitId)}</s>
              {role && <span class="muted">（原为{labelOf(ROLE_LABELS, role)}）</span>} 理由：{x.reason}
              {problemsFor(`excludeUnits.${i}.`).map((p) => (
                <span class="field-error" role="alert">
                  {' '}
                  {p}
                </span>
              ))}
              <button type="button" class="btn btn-small" onClick={() => onChange({ excludeUnits: form.excludeUnits.filter((_, j) => j !== i) })}>
                撤销移除
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function AddUnit({ units, form, onChange }: { units: Unit[]; form: ReportForm; onChange: Props['onChange'] }) {
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState<UnitRole>('support');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ unit?: string; reason?: string }>({});
  return (
    <details class="add-unit">
      <summary>增加通知单位</summary>
      <div class="add-unit-body">
        <div class="field">
          <label for="add-unit">成员单位</label>
          <select id="add-unit" value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)} aria-invalid={errors.unit ? true : undefined} aria-describedby={errors.unit ? 'add-unit-err' : undefined}>
            <option value="">请选择</option>
            {units.map((u) => (
              <option value={u.id}>{u.name}</option>
            ))}
          </select>
          {errors.unit && (
            <p class="field-error" id="add-unit-err">
              {errors.unit}
            </p>
          )}
        </div>
        <div class="field">
          <label for="add-unit-role">角色</label>
          <select id="add-unit-role" value={role} onChange={(e) => setRole(e.currentTarget.value as UnitRole)}>
            {UNIT_ROLES.map((r) => (
              <option value={r}>
                {labelOf(ROLE_LABELS, r)} ({r})
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="add-unit-reason">增加理由</label>
          <textarea id="add-unit-reason" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? 'add-unit-reason-err' : undefined} />
          {errors.reason && (
            <p class="field-error" id="add-unit-reason-err">
              {errors.reason}
            </p>
          )}
        </div>
        <button
          type="button"
          class="btn"
          onClick={() => {
            const problems = { unit: unitId ? undefined : '请选择单位', reason: reason.trim() ? undefined : '请填写增加理由（将记入事故记录）' };
            setErrors(problems);
            if (problems.unit || problems.reason) return;
            onChange({ extraUnits: [...form.extraUnits, { unitId, role, reason: reason.trim() }] });
            setUnitId('');
            setReason('');
          }}
        >
          加入通知名单
        </button>
      </div>
    </details>
  );
}

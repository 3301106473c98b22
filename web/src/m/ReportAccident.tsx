/**
 * 报告事故 on the phone (信阳 三(四)2 「其他部门如遇涉及职业病危害突发事件(事故)，及时向有关单位通报」):
 * a unit that learns of an accident first reports it to the commission, and sees the answer here —
 * confirmed (with the incident's number) or declined (with the reason). The server's report contract
 * checks it; each problem is shown next to its field. Kept small: no desk code on the phone.
 */
import { useState } from 'preact/hooks';
import type { UnitReportView } from '../../../src/contract/unit-report.js';
import { HAZARD_LABELS, INDUSTRY_LABELS, LABOR_RELATION_LABELS, OWNERSHIP_LABELS } from '../../../src/contract/labels.js';
import { ApiError, describeError, post } from '../lib/api.js';
import { fromLocalInput, toLocalInput } from '../lib/time.js';
import { OwnReports } from './OwnReports.js';
import { newIdempotencyKey } from './useTasks.js';

type Fields = Record<string, string>;

const COUNTS = [
  ['exposed', '接触人数'],
  ['acuteCases', '急性病例数'],
  ['severeCases', '重症病例数'],
  ['deaths', '死亡人数'],
  ['anthraxCases', '炭疽病例数'],
] as const;

const blank = (reporterName: string): Fields => ({
  title: '',
  occurredAt: toLocalInput(new Date()),
  address: '',
  township: '',
  employerName: '',
  industry: '',
  ownership: '',
  licensed: '',
  laborRelation: '',
  hazardCategory: '',
  agent: '',
  exposed: '0',
  acuteCases: '0',
  severeCases: '0',
  deaths: '0',
  anthraxCases: '0',
  narrative: '',
  reporterName,
  reporterPhone: '',
});

const opt = (s: string = '') => (s.trim() ? s.trim() : undefined);
const num = (s: string = '') => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s.trim() === '' ? undefined : Number.NaN);

function body(f: Fields, jurisdictionId: string) {
  return {
    jurisdictionId,
    title: f.title,
    occurredAt: fromLocalInput(f.occurredAt ?? '') ?? f.occurredAt,
    place: { address: f.address, township: opt(f.township) },
    employer: {
      name: f.employerName,
      industry: opt(f.industry),
      ownership: opt(f.ownership),
      licensed: f.licensed === 'yes' ? true : f.licensed === 'no' ? false : undefined,
      laborRelation: opt(f.laborRelation),
    },
    hazard: { category: opt(f.hazardCategory), agent: opt(f.agent) },
    casualties: Object.fromEntries(COUNTS.map(([k]) => [k, num(f[k])])),
    narrative: f.narrative,
    reporter: { name: f.reporterName, phone: f.reporterPhone },
  };
}

/** The field of the form a problem's path belongs to. */
const FIELD_OF: Record<string, string> = {
  'place.address': 'address',
  'place.township': 'township',
  'employer.name': 'employerName',
  'employer.industry': 'industry',
  'employer.ownership': 'ownership',
  'employer.licensed': 'licensed',
  'employer.laborRelation': 'laborRelation',
  'hazard.category': 'hazardCategory',
  'hazard.agent': 'agent',
  'reporter.name': 'reporterName',
  'reporter.phone': 'reporterPhone',
  ...Object.fromEntries(COUNTS.map(([k]) => [`casualties.${k}`, k])),
};

export function ReportAccident({ jurisdictionId, reporterName, reports, onFiled }: { jurisdictionId: string | null; reporterName: string; reports: UnitReportView[]; onFiled(r: UnitReportView): void }) {
  const [f, setF] = useState<Fields>(() => blank(reporterName));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [sending, setSending] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const set = (name: string) => (e: Event) => setF({ ...f, [name]: (e.currentTarget as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!jurisdictionId) return setMessage('本账号未关联辖区，请电话报告卫生健康委');
    setSending(true);
    setMessage('');
    try {
      const res = await post<{ unitReport: UnitReportView }>('/api/v1/unit-reports', body(f, jurisdictionId), { 'idempotency-key': key });
      onFiled(res.unitReport);
      setErrors({});
      setF(blank(reporterName));
      setKey(newIdempotencyKey());
      setMessage('已报告卫生健康委，等待确认；确认结果会显示在下方');
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([path, m]) => [FIELD_OF[path] ?? path, m])));
      setMessage(`未能报告：${describeError(err)}`);
    } finally {
      setSending(false);
    }
  };

  const input = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <p class="field">
      <label for={`r-${name}`}>{label}</label>
      <input id={`r-${name}`} value={f[name]} onInput={set(name)} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `r-${name}-e` : undefined} {...extra} />
      {errors[name] && (
        <span id={`r-${name}-e`} class="field-error">
          {errors[name]}
        </span>
      )}
    </p>
  );
  const select = (name: string, label: string, options: Record<string, string>) => (
    <p class="field">
      <label for={`r-${name}`}>{label}</label>
      <select id={`r-${name}`} value={f[name]} onChange={set(name)} aria-invalid={errors[name] ? true : undefined}>
        <option value="">请选择</option>
        {Object.entries(options).map(([code, words]) => (
          <option value={code}>{words}</option>
        ))}
      </select>
      {errors[name] && <span class="field-error">{errors[name]}</span>}
    </p>
  );

  return (
    <>
      <h1>报告事故</h1>
      <p class="hint">本单位先获悉职业病危害事故时，立即报告卫生健康委；经值班员确认后按初报通知相关单位。</p>
      {message && (
        <p class="message" role="status">
          {message}
        </p>
      )}
      <form class="report-form" onSubmit={submit} noValidate>
        {input('title', '事故标题')}
        {input('occurredAt', '发生时间', { type: 'datetime-local' })}
        {input('address', '事发地址')}
        {input('township', '乡镇/街道（可选）')}
        {input('employerName', '用人单位名称')}
        {select('industry', '行业', INDUSTRY_LABELS)}
        {select('ownership', '所有制', OWNERSHIP_LABELS)}
        {select('licensed', '是否持照经营', { yes: '持照', no: '无证照' })}
        {select('laborRelation', '劳动关系', LABOR_RELATION_LABELS)}
        {select('hazardCategory', '危害类别', HAZARD_LABELS)}
        {input('agent', '致害物（可选）')}
        <fieldset class="counts">
          <legend>伤亡情况（人）</legend>
          {COUNTS.map(([k, label]) => input(k, label, { inputMode: 'numeric' }))}
        </fieldset>
        <p class="field">
          <label for="r-narrative">事故经过</label>
          <textarea id="r-narrative" value={f.narrative} onInput={set('narrative')} rows={4} aria-invalid={errors.narrative ? true : undefined} />
          {errors.narrative && <span class="field-error">{errors.narrative}</span>}
        </p>
        {input('reporterName', '报告人')}
        {input('reporterPhone', '报告人电话', { inputMode: 'tel' })}
        <button type="submit" class="ack" disabled={sending}>
          {sending ? '正在报告…' : '报告卫生健康委'}
        </button>
      </form>
      <OwnReports reports={reports} />
    </>
  );
}

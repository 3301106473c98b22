/**
 * The report form (初报, 续报, 终报): the facts of spec §6, validated by the server's own schema
 * with each issue beside its field, a live preview of severity and routing, a draft saved on
 * every change, and a submission that never files twice (one Idempotency-Key per draft).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  FLAG_LABELS,
  HAZARD_LABELS,
  INDUSTRY_LABELS,
  OWNERSHIP_LABELS,
  RADIATION_SOURCE_CLASS_LABELS,
  REPORT_KIND_LABELS,
  STATE_OWNER_LEVEL_LABELS,
  SETTING_LABELS,
  CASUALTY_LABELS,
} from '../../../../src/contract/labels.js';
import {
  HAZARD_CATEGORIES,
  INCIDENT_FLAGS,
  INDUSTRIES,
  OWNERSHIPS,
  RADIATION_SOURCE_CLASSES,
  SETTINGS,
  STATE_OWNER_LEVELS,
} from '../../../../src/domain/enums.js';
import { api, ApiError, describeError, get, post } from '../../lib/api.js';
import { clearDraft, loadDraft, newKey, saveDraft, type Stored } from '../../lib/draft.js';
import type { User } from '../../lib/session.js';
import { formatTime } from '../../lib/time.js';
import type { CloseBlockers } from '../../components/response-clocks.js';
import { CloseBlockersNotice } from './CloseBlockersNotice.js';
import { Field as FormField } from '../../components/form.js';
import { CASUALTY_KEYS, emptyForm, previewBody, validate, type FieldErrors, type ReportForm as Form, type ReportMode } from './form-model.js';
import { PreviewPanel, type Preview, type Unit } from './PreviewPanel.js';

export interface Filed {
  id: string;
  ref: string;
  version: number;
}

interface Props {
  user: User;
  jurisdictionId: string;
  mode: ReportMode;
  /** Where a new draft starts (a 续报 starts from the current facts). */
  initial: () => Form;
  onFiled(result: Filed, replayed: boolean): void;
  /** A 终报: what still stops it from closing, and whether this user may close anyway (commanders). */
  closing?: { blockers: CloseBlockers; canOverride: boolean };
}

const AGENTS = ['硫化氢', '一氧化碳', '苯', '甲苯', '正己烷', '三氯乙烯', '氯气', '氨', '氰化物', '砷化氢', '二氧化硫', '粉尘', '电离辐射'];

/** Dotted API paths of the form's fields, and the id of the input that edits each. */
const FIELD_IDS: Record<string, string> = {
  title: 'f-title',
  occurredAt: 'f-occurredAt',
  receivedAt: 'f-receivedAt',
  'place.address': 'f-address',
  'place.township': 'f-township',
  'place.otherTownships': 'f-otherTownships',
  'employer.stateOwnerLevel': 'f-stateOwnerLevel',
  'radiation.sourceClass': 'f-sourceClass',
  'radiation.overexposed': 'f-overexposed',
  radiation: 'f-sourceClass',
  'place.lat': 'f-lat',
  'place.lng': 'f-lng',
  'employer.name': 'f-employerName',
  'employer.creditCode': 'f-creditCode',
  'employer.industry': 'f-industry',
  'employer.ownership': 'f-ownership',
  'employer.licensed': 'f-licensed-yes',
  'employer.laborRelation': 'f-laborRelation-determined',
  settings: 'f-settings-0',
  'hazard.category': 'f-hazardCategory',
  'hazard.agent': 'f-agent',
  ...Object.fromEntries(CASUALTY_KEYS.map((k) => [`casualties.${k}`, `f-${k}`])),
  flags: 'f-flags-0',
  narrative: 'f-narrative',
  measuresTaken: 'f-measuresTaken',
  'reporter.name': 'f-reporterName',
  'reporter.phone': 'f-reporterPhone',
  'closeOverride.reason': 'f-closeOverride',
};

const FIELD_NAMES: Record<string, string> = {
  title: '标题',
  occurredAt: '发生时间',
  receivedAt: '接报时间',
  'place.address': '事发地址',
  'place.township': '乡镇/街道',
  'place.otherTownships': '同时涉及的其他乡镇/街道',
  'employer.stateOwnerLevel': '国有企业出资层级',
  'radiation.sourceClass': '失控的放射源类别',
  'radiation.overexposed': '受到超过年剂量限值照射的人数',
  radiation: '放射源情况',
  'place.lat': '纬度',
  'place.lng': '经度',
  'employer.name': '用人单位名称',
  'employer.creditCode': '统一社会信用代码',
  'employer.industry': '行业',
  'employer.ownership': '所有制',
  'employer.licensed': '是否持照经营',
  'employer.laborRelation': '劳动关系',
  settings: '场所',
  'hazard.category': '危害类别',
  'hazard.agent': '致害物',
  ...Object.fromEntries(CASUALTY_KEYS.map((k) => [`casualties.${k}`, CASUALTY_LABELS[k]])),
  flags: '标记',
  narrative: '事故经过',
  measuresTaken: '已采取措施',
  'reporter.name': '报告人',
  'reporter.phone': '报告人电话',
  'closeOverride.reason': '强制结案理由',
};

function draftName(user: User, mode: ReportMode): string {
  return mode.kind === 'initial' ? `${user.id}.new` : `${user.id}.${mode.incidentId}.${mode.kind}`;
}

/** The first error at a path or below it (e.g. settings.0 for settings). */
function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}

type Notice = { tone: 'error' | 'warn' | 'info'; text: string; retry?: boolean; newKey?: boolean } | null;

export function ReportForm({ user, jurisdictionId, mode, initial, onFiled, closing }: Props) {
  const name = draftName(user, mode);
  const [draft, setDraft] = useState<Stored<Form>>(() => loadDraft<Form>(name) ?? { form: initial(), idempotencyKey: newKey(), savedAt: '' });
  const restored = useRef(draft.savedAt !== '');
  const [savedAt, setSavedAt] = useState<string>(draft.savedAt);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const inFlight = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = draft.form;
  // A 终报 that cannot close: the open items (updated by the server's 409) and a commander's reason.
  const [blockers, setBlockers] = useState<CloseBlockers | null>(closing?.blockers ?? null);
  const [refused, setRefused] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const hasBlockers = !!blockers && blockers.obligations.length + blockers.tasks.length > 0;

  // Live preview.
  const [units, setUnits] = useState<Unit[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewState, setPreviewState] = useState<'idle' | 'loading' | 'error'>('idle');
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [adjustmentErrors, setAdjustmentErrors] = useState<FieldErrors>({});

  useEffect(() => {
    get<{ units: Unit[] }>(`/api/v1/jurisdictions/${encodeURIComponent(jurisdictionId)}/units`)
      .then((r) => setUnits(r.units))
      .catch(() => setUnits([]));
  }, [jurisdictionId]);

  const previewKey = JSON.stringify(previewBody(form, jurisdictionId));
  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      setPreviewState('loading');
      try {
        const result = await api<Preview>('POST', `/api/v1/routing/preview${mode.kind === 'initial' ? '' : `?incidentId=${encodeURIComponent(mode.incidentId)}`}`, { body: JSON.parse(previewKey), signal: abort.signal, timeoutMs: 10_000 });
        if (abort.signal.aborted) return;
        setPreview(result);
        setAdjustmentErrors({});
        setPreviewState('idle');
      } catch (err) {
        if (abort.signal.aborted) return;
        if (err instanceof ApiError && err.status === 422) {
          const fields = err.fieldErrors();
          const adjustments = Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith('extraUnits') || k.startsWith('excludeUnits')));
          setAdjustmentErrors(adjustments);
          setPreviewError(Object.keys(adjustments).length ? '通知单位的调整与当前事实不符，请修改' : describeError(err));
        } else setPreviewError(describeError(err));
        setPreviewState('error');
      }
    }, 350);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [previewKey]);

  function update(patch: Partial<Form>) {
    setDraft((prev) => {
      const next: Stored<Form> = { ...prev, form: { ...prev.form, ...patch } };
      // Saved on every change: the draft survives a reload, a closed tab, a lost connection.
      saveDraft(name, next);
      return next;
    });
    setSavedAt(new Date().toISOString());
    // An edited field's server message no longer applies.
    if (Object.keys(serverErrors).length) setServerErrors({});
  }

  const validation = useMemo(() => validate(form, mode, jurisdictionId), [form, mode, jurisdictionId]);
  const clientErrors = validation.ok ? {} : validation.errors;
  const visible = (path: string) => attempted || touched.has(path);
  const errorFor = (path: string) => errorAt(serverErrors, path) ?? (visible(path) ? errorAt(clientErrors, path) : undefined);
  const touch = (path: string) => () => !touched.has(path) && setTouched(new Set([...touched, path]));

  /** Props that tie an input to its label's field: id, error, blur. */
  const bind = (path: string, id = FIELD_IDS[path]!) => {
    const error = errorFor(path);
    return {
      id,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-err` : undefined,
      onBlur: touch(path),
    };
  };

  async function submit(e?: Event) {
    e?.preventDefault();
    if (inFlight.current) return;
    setAttempted(true);
    const result = validate(form, mode, jurisdictionId);
    if (!result.ok) {
      setNotice({ tone: 'error', text: `有 ${Object.keys(result.errors).length} 处需要修改，见各字段下方的说明。` });
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    inFlight.current = true;
    setSubmitting(true);
    setNotice(null);
    const sending = { ...draft, sentAt: new Date().toISOString() };
    saveDraft(name, sending);
    const path = mode.kind === 'initial' ? '/api/v1/incidents' : `/api/v1/incidents/${encodeURIComponent(mode.incidentId)}/reports`;
    const body = mode.kind === 'final' && overrideReason.trim() ? { ...result.body, closeOverride: { reason: overrideReason.trim() } } : result.body;
    try {
      const res = await fetchFiled(path, body, draft.idempotencyKey);
      clearDraft(name);
      onFiled(res.body, res.replayed);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        setServerErrors(err.fieldErrors());
        setNotice({ tone: 'error', text: `服务器未接受：${describeError(err)}` });
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else if (err instanceof ApiError && err.retryable) {
        setNotice({
          tone: 'warn',
          retry: true,
          text: `${err.network ? '网络中断' : '服务暂不可用'}，报告未确认提交。草稿已保存在本机，可随时重试——重试不会重复报告。`,
        });
      } else if (err instanceof ApiError && err.status === 409 && mode.kind === 'final' && err.problem?.open) {
        // Nothing was stored: the same key may be used again, with a commander's reason.
        setBlockers(err.problem.open as CloseBlockers);
        setRefused(true);
        setNotice({ tone: 'error', text: closing?.canOverride ? '终报未能结案：还有未完成事项（见下）。可办理后再提交，或填写强制结案理由后提交。' : '终报未能结案：还有未完成事项（见下）。请先办理，或请指挥长强制结案。' });
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else if (err instanceof ApiError && err.status === 409 && mode.kind === 'initial') {
        setNotice({ tone: 'error', newKey: true, text: `${describeError(err)}。此草稿此前可能已提交成功，请先在事故列表中核对；确认未报告后可作为新报告提交。` });
      } else setNotice({ tone: 'error', text: describeError(err) });
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  function discard() {
    if (!confirm('放弃此草稿？已填写的内容将被清除。')) return;
    clearDraft(name);
    setDraft({ form: initial(), idempotencyKey: newKey(), savedAt: '' });
    setSavedAt('');
    setTouched(new Set());
    setAttempted(false);
    setServerErrors({});
    setNotice(null);
    restored.current = false;
  }

  const shownErrors = Object.entries({ ...(attempted ? clientErrors : {}), ...serverErrors }).filter(([k]) => !k.startsWith('extraUnits') && !k.startsWith('excludeUnits'));
  const kindLabel = REPORT_KIND_LABELS[mode.kind];

  return (
    <div class="report-layout">
      <form class="report-form" onSubmit={submit} noValidate aria-labelledby="report-title">
        <h1 id="report-title">
          {form.drill === true && mode.kind === 'initial' && <span class="drill-mark">【演练】</span>}
          {mode.kind === 'initial' ? '新报告（初报）' : `${kindLabel} · ${mode.ref}`}
        </h1>
        <p class="draft-status" role="status">
          {savedAt ? `草稿已自动保存在本机 ${formatTime(savedAt, true)}` : '草稿会在填写时自动保存在本机'}
          {restored.current && savedAt && ' · 已恢复上次未提交的草稿'}
          {draft.sentAt && ' · 上次提交未确认，重试不会重复报告'}
        </p>

        <div ref={summaryRef} tabIndex={-1} class="notice-area">
          {notice && (
            <div class={`notice notice-${notice.tone}`} role="alert">
              <p>{notice.text}</p>
              {shownErrors.length > 0 && notice.tone === 'error' && (
                <ul class="error-summary">
                  {shownErrors.map(([path, message]) => (
                    <li key={path}>
                      <a href={`#${FIELD_IDS[path] ?? FIELD_IDS[path.split('.').slice(0, -1).join('.')] ?? 'f-title'}`}>
                        {FIELD_NAMES[path] ?? FIELD_NAMES[path.split('.').slice(0, -1).join('.')] ?? path}：{message}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              {notice.retry && (
                <button type="button" class="btn btn-primary" onClick={() => void submit()} disabled={submitting}>
                  重试提交
                </button>
              )}
              {notice.newKey && (
                <button
                  type="button"
                  class="btn"
                  onClick={() => {
                    const next = { ...draft, idempotencyKey: newKey(), sentAt: undefined };
                    setDraft(next);
                    saveDraft(name, next);
                    setNotice({ tone: 'info', text: '已作为新报告准备，可再次提交。' });
                  }}
                >
                  作为新报告提交
                </button>
              )}
            </div>
          )}
        </div>

        {mode.kind === 'final' && hasBlockers && (
          <fieldset class="close-override">
            <legend>结案</legend>
            <CloseBlockersNotice blockers={blockers!} canOverride={closing?.canOverride === true} refused={refused} />
            {closing?.canOverride && (
              <Field label="强制结案理由" hint="指挥长填写后，终报将在上述事项未完成时结案，理由记入事后报告" path="closeOverride.reason" error={errorFor('closeOverride.reason')}>
                <textarea {...bind('closeOverride.reason')} rows={2} maxLength={1000} value={overrideReason} onInput={(e) => setOverrideReason(e.currentTarget.value)} />
              </Field>
            )}
          </fieldset>
        )}

        <fieldset>
          <legend>基本信息</legend>
          {mode.kind === 'initial' && (
            <label class="choice-item drill-choice">
              <input type="checkbox" id="f-drill" checked={form.drill === true} onChange={(e) => update({ drill: e.currentTarget.checked })} />
              <span class="choice-text">
                <strong>演练</strong>（所有通知、页面和报告都标注【演练】，时限照常计算，不计入统计和考核）
              </span>
            </label>
          )}
          <Field label="标题" path="title" error={errorFor('title')} required>
            <input {...bind('title')} value={form.title} maxLength={120} onInput={(e) => update({ title: e.currentTarget.value })} />
          </Field>
          <div class="field-row">
            <Field label="发生时间" hint="北京时间（东八区）" path="occurredAt" error={errorFor('occurredAt')} required>
              <input type="datetime-local" {...bind('occurredAt')} value={form.occurredAt} onInput={(e) => update({ occurredAt: e.currentTarget.value })} />
            </Field>
            {mode.kind === 'initial' && (
              <Field label="接报时间" hint="卫健委接到报告的时间；法定报告时限由此起算" path="receivedAt" error={errorFor('receivedAt')}>
                <input type="datetime-local" {...bind('receivedAt')} value={form.receivedAt} onInput={(e) => update({ receivedAt: e.currentTarget.value })} />
              </Field>
            )}
          </div>
        </fieldset>

        <fieldset>
          <legend>事发地点</legend>
          <div class="field-row">
            <Field label="地址" path="place.address" error={errorFor('place.address')} required wide>
              <input {...bind('place.address')} value={form.address} onInput={(e) => update({ address: e.currentTarget.value })} />
            </Field>
            <Field label="乡镇/街道" path="place.township" error={errorFor('place.township')}>
              <input {...bind('place.township')} value={form.township} onInput={(e) => update({ township: e.currentTarget.value })} />
            </Field>
            <Field label="同时涉及的其他乡镇/街道" hint="跨乡镇时填写，用顿号分隔；每个乡镇都会收到属地通知" path="place.otherTownships" error={errorFor('place.otherTownships')}>
              <input {...bind('place.otherTownships')} value={form.otherTownships ?? ''} onInput={(e) => update({ otherTownships: e.currentTarget.value })} />
            </Field>
          </div>
          <div class="field-row">
            <Field label="纬度" hint="选填，如 32.12345；与经度同时填写" path="place.lat" error={errorFor('place.lat')}>
              <input inputMode="decimal" {...bind('place.lat')} value={form.lat} onInput={(e) => update({ lat: e.currentTarget.value })} />
            </Field>
            <Field label="经度" hint="选填，如 114.07654" path="place.lng" error={errorFor('place.lng')}>
              <input inputMode="decimal" {...bind('place.lng')} value={form.lng} onInput={(e) => update({ lng: e.currentTarget.value })} />
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>用人单位</legend>
          <div class="field-row">
            <Field label="单位名称" path="employer.name" error={errorFor('employer.name')} required wide>
              <input {...bind('employer.name')} value={form.employerName} onInput={(e) => update({ employerName: e.currentTarget.value })} />
            </Field>
            <Field label="统一社会信用代码" hint="18位，选填；填写时校验校验码" path="employer.creditCode" error={errorFor('employer.creditCode')}>
              <input
                {...bind('employer.creditCode')}
                value={form.creditCode}
                maxLength={18}
                autocapitalize="characters"
                spellcheck={false}
                class="mono"
                onInput={(e) => update({ creditCode: e.currentTarget.value.toUpperCase() })}
              />
            </Field>
          </div>
          <div class="field-row">
            <Field label="行业" path="employer.industry" error={errorFor('employer.industry')} required>
              <select {...bind('employer.industry')} value={form.industry} onChange={(e) => update({ industry: e.currentTarget.value })}>
                <option value="">请选择</option>
                {INDUSTRIES.map((code) => (
                  <option value={code}>
                    {INDUSTRY_LABELS[code]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="所有制" path="employer.ownership" error={errorFor('employer.ownership')} required>
              <select {...bind('employer.ownership')} value={form.ownership} onChange={(e) => update({ ownership: e.currentTarget.value })}>
                <option value="">请选择</option>
                {OWNERSHIPS.map((code) => (
                  <option value={code}>
                    {OWNERSHIP_LABELS[code]}
                  </option>
                ))}
              </select>
            </Field>
            {form.ownership === 'state_owned' && (
              <Field label="国有企业出资层级" hint="决定由哪一级国资委督促（如市属、省属企业）" path="employer.stateOwnerLevel" error={errorFor('employer.stateOwnerLevel')}>
                <select {...bind('employer.stateOwnerLevel')} value={form.stateOwnerLevel ?? ''} onChange={(e) => update({ stateOwnerLevel: e.currentTarget.value })}>
                  <option value="">尚不清楚</option>
                  {STATE_OWNER_LEVELS.map((code) => (
                    <option value={code}>{STATE_OWNER_LEVEL_LABELS[code]}</option>
                  ))}
                </select>
              </Field>
            )}
          </div>
          <div class="field-row">
            <RadioGroup
              legend="是否持照经营"
              name="licensed"
              path="employer.licensed"
              value={form.licensed}
              options={[
                ['yes', '持照经营'],
                ['no', '无照经营'],
              ]}
              error={errorFor('employer.licensed')}
              onChange={(v) => update({ licensed: v })}
              onBlur={touch('employer.licensed')}
            />
            <RadioGroup
              legend="劳动关系"
              name="laborRelation"
              path="employer.laborRelation"
              value={form.laborRelation}
              options={[
                ['determined', '可以确定'],
                ['undetermined', '无法确定（用人单位已不存在等）'],
              ]}
              error={errorFor('employer.laborRelation')}
              onChange={(v) => update({ laborRelation: v })}
              onBlur={touch('employer.laborRelation')}
            />
          </div>
        </fieldset>

        <CheckGroup legend="场所" name="settings" codes={SETTINGS} labels={SETTING_LABELS} values={form.settings} error={errorFor('settings')} onChange={(v) => update({ settings: v })} />

        <fieldset>
          <legend>危害因素</legend>
          <div class="field-row">
            <Field label="危害类别" path="hazard.category" error={errorFor('hazard.category')} required>
              <select {...bind('hazard.category')} value={form.hazardCategory} onChange={(e) => update({ hazardCategory: e.currentTarget.value })}>
                <option value="">请选择</option>
                {HAZARD_CATEGORIES.map((code) => (
                  <option value={code}>
                    {HAZARD_LABELS[code]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="致害物" hint="如 硫化氢、一氧化碳、苯、氯气" path="hazard.agent" error={errorFor('hazard.agent')}>
              <input {...bind('hazard.agent')} list="agents" value={form.agent} onInput={(e) => update({ agent: e.currentTarget.value })} />
              <datalist id="agents">
                {AGENTS.map((a) => (
                  <option value={a} />
                ))}
              </datalist>
            </Field>
          </div>
          {form.hazardCategory === 'radiation' && (
            <div class="field-row">
              <Field label="失控的放射源类别" hint="按《放射性同位素与射线装置安全和防护条例》第四十条定级" path="radiation.sourceClass" error={errorFor('radiation.sourceClass')}>
                <select {...bind('radiation.sourceClass')} value={form.sourceClass || 'unknown'} onChange={(e) => update({ sourceClass: e.currentTarget.value })}>
                  {RADIATION_SOURCE_CLASSES.map((code) => (
                    <option value={code}>{RADIATION_SOURCE_CLASS_LABELS[code]}</option>
                  ))}
                </select>
              </Field>
              <label class="choice-item">
                <input type="checkbox" id="f-lostOrStolen" checked={form.lostOrStolen === true} onChange={(e) => update({ lostOrStolen: e.currentTarget.checked })} />
                <span class="choice-text">放射源丢失或被盗（公安部门立案侦查和追缴）</span>
              </label>
              <label class="choice-item">
                <input type="checkbox" id="f-wideContamination" checked={form.wideContamination === true} onChange={(e) => update({ wideContamination: e.currentTarget.checked })} />
                <span class="choice-text">造成大范围严重辐射污染</span>
              </label>
              <Field label="受到超过年剂量限值照射的人数" hint="第四十条：人员受到超过年剂量限值的照射为一般辐射事故" path="radiation.overexposed" error={errorFor('radiation.overexposed')}>
                <input {...bind('radiation.overexposed')} inputMode="numeric" value={form.overexposed ?? '0'} onInput={(e) => update({ overexposed: e.currentTarget.value })} />
              </Field>
            </div>
          )}
        </fieldset>

        <fieldset>
          <legend>伤亡情况（人）</legend>
          <div class="field-row casualties">
            {CASUALTY_KEYS.map((k) => (
              <Field
                label={CASUALTY_LABELS[k]}
                hint={k === 'chronicCases' ? '尘肺病等，不计入急性事故分级' : undefined}
                path={`casualties.${k}`}
                error={errorFor(`casualties.${k}`)}
                required={k !== 'chronicCases'}
                key={k}
              >
                <input
                  {...bind(`casualties.${k}`)}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={1}
                  value={form[k] ?? '0'}
                  onInput={(e) => update({ [k]: e.currentTarget.value } as Partial<Form>)}
                />
              </Field>
            ))}
          </div>
        </fieldset>

        <CheckGroup legend="标记" name="flags" codes={INCIDENT_FLAGS} labels={FLAG_LABELS} values={form.flags} error={errorFor('flags')} onChange={(v) => update({ flags: v })} />

        <fieldset>
          <legend>事故经过与处置</legend>
          <Field label="事故经过" path="narrative" error={errorFor('narrative')} required>
            <textarea {...bind('narrative')} rows={4} value={form.narrative} onInput={(e) => update({ narrative: e.currentTarget.value })} />
          </Field>
          <Field label="已采取的措施" path="measuresTaken" error={errorFor('measuresTaken')}>
            <textarea {...bind('measuresTaken')} rows={2} value={form.measuresTaken} onInput={(e) => update({ measuresTaken: e.currentTarget.value })} />
          </Field>
        </fieldset>

        <fieldset>
          <legend>报告人</legend>
          <div class="field-row">
            <Field label="报告人姓名" path="reporter.name" error={errorFor('reporter.name')} required>
              <input {...bind('reporter.name')} autocomplete="off" value={form.reporterName} onInput={(e) => update({ reporterName: e.currentTarget.value })} />
            </Field>
            <Field label="报告人电话" path="reporter.phone" error={errorFor('reporter.phone')} required>
              <input {...bind('reporter.phone')} type="tel" autocomplete="off" value={form.reporterPhone} onInput={(e) => update({ reporterPhone: e.currentTarget.value })} />
            </Field>
          </div>
        </fieldset>

        <div class="form-actions">
          <button type="submit" class="btn btn-primary btn-large" disabled={submitting} aria-describedby="submit-hint">
            {submitting ? '正在提交…' : mode.kind === 'initial' ? '提交初报并通知各单位' : `提交${kindLabel}`}
          </button>
          <button type="button" class="btn btn-quiet" onClick={discard} disabled={submitting}>
            放弃草稿
          </button>
          <p id="submit-hint" class="muted small">
            提交后将按右侧预览通知各单位。重复点击或网络重试不会重复报告。
          </p>
        </div>
      </form>
      <PreviewPanel
        preview={preview}
        state={previewState}
        error={previewError}
        adjustmentErrors={{ ...adjustmentErrors, ...Object.fromEntries(Object.entries(serverErrors).filter(([k]) => k.startsWith('extraUnits') || k.startsWith('excludeUnits'))) }}
        units={units}
        form={form}
        onChange={update}
      />
    </div>
  );
}

async function fetchFiled(path: string, body: unknown, key: string): Promise<{ body: Filed; replayed: boolean }> {
  const res = await post<Filed>(path, body, { 'Idempotency-Key': key });
  return { body: res, replayed: false };
}

/** A field of the report form, its id taken from the form's path so server errors find it. */
function Field({ path, ...props }: { label: string; hint?: string; path: string; error?: string; required?: boolean; wide?: boolean; children: ComponentChildren }) {
  return <FormField id={FIELD_IDS[path]!} {...props} />;
}

function RadioGroup({
  legend,
  name,
  path,
  value,
  options,
  error,
  onChange,
  onBlur,
}: {
  legend: string;
  name: string;
  path: string;
  value: string;
  options: [string, string][];
  error?: string;
  onChange(v: string): void;
  onBlur(): void;
}) {
  const errId = `${FIELD_IDS[path]}-err`;
  return (
    <fieldset class={`choice${error ? ' has-error' : ''}`} aria-describedby={error ? errId : undefined}>
      <legend>
        {legend}
        <span class="required" aria-hidden="true">
          {' '}
          *
        </span>
      </legend>
      {options.map(([code, label]) => (
        <label class="choice-item" key={code}>
          <input type="radio" id={`f-${name}-${code}`} name={name} value={code} checked={value === code} onChange={() => onChange(code)} onBlur={onBlur} aria-invalid={error ? true : undefined} />
          <span class="choice-text">{label}</span>
        </label>
      ))}
      {error && (
        <p class="field-error" id={errId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </fieldset>
  );
}

function CheckGroup<T extends string>({
  legend,
  name,
  codes,
  labels,
  values,
  error,
  onChange,
}: {
  legend: string;
  name: string;
  codes: readonly T[];
  labels: Record<T, string>;
  values: string[];
  error?: string;
  onChange(v: string[]): void;
}) {
  return (
    <fieldset class="checks">
      <legend>
        {legend} <span class="muted small">（可多选，没有则不选）</span>
      </legend>
      <div class="check-grid">
        {codes.map((code, i) => (
          <label class="choice-item" key={code}>
            <input
              type="checkbox"
              id={`f-${name}-${i}`}
              checked={values.includes(code)}
              onChange={(e) => onChange(e.currentTarget.checked ? [...values, code] : values.filter((v) => v !== code))}
            />
            <span class="choice-text">
              {labels[code]}
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export { emptyForm };

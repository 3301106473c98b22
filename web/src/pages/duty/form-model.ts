/**
 * The report form's state (strings, as the inputs hold them) and its conversion to the API body.
 * Validation is the server's own zod schema (reportSubmissionSchema / followUpSubmissionSchema):
 * one definition of the rules, each issue shown next to its field.
 */
import { forPeople } from '../../../../src/contract/words.js';
import '../../lib/zod-setup.js';
import { creditCodeSchema, followUpSubmissionSchema, reportSubmissionSchema, type IncidentFacts } from '../../../../src/contract/report.js';
import {
  HAZARD_CATEGORIES,
  INDUSTRIES,
  LABOR_RELATIONS,
  OWNERSHIPS,
  RADIATION_SOURCE_CLASSES,
  STATE_OWNER_LEVELS,
  type UnitRole,
} from '../../../../src/domain/enums.js';
import { fromLocalInput, toLocalInput } from '../../lib/time.js';

export type ReportMode = { kind: 'initial' } | { kind: 'follow_up' | 'final'; incidentId: string; ref: string };

export interface ExtraUnit {
  unitId: string;
  role: UnitRole;
  reason: string;
}

export interface ExcludedUnit {
  unitId: string;
  reason: string;
}

export interface ReportForm {
  title: string;
  occurredAt: string;
  receivedAt: string;
  address: string;
  township: string;
  /** 纬度/经度 as typed; optional, both or neither. */
  lat: string;
  lng: string;
  employerName: string;
  creditCode: string;
  industry: string;
  ownership: string;
  /** 'yes' | 'no' | '' (not yet answered) */
  licensed: string;
  laborRelation: string;
  settings: string[];
  hazardCategory: string;
  agent: string;
  exposed: string;
  acuteCases: string;
  severeCases: string;
  deaths: string;
  anthraxCases: string;
  flags: string[];
  narrative: string;
  measuresTaken: string;
  reporterName: string;
  reporterPhone: string;
  extraUnits: ExtraUnit[];
  excludeUnits: ExcludedUnit[];
  /** 演练: an exercise (初报 only). Optional: drafts saved before it existed lack it. */
  drill?: boolean;
  /** Fields added later are optional, so older drafts still load. */
  chronicCases?: string;
  /** 跨乡镇（街道）: further townships, 、-separated as typed. */
  otherTownships?: string;
  stateOwnerLevel?: string;
  sourceClass?: string;
  lostOrStolen?: boolean;
  wideContamination?: boolean;
  /** 受到超过年剂量限值照射的人数 (国务院令第449号第四十条 一般辐射事故). */
  overexposed?: string;
}

export const CASUALTY_KEYS = ['exposed', 'acuteCases', 'severeCases', 'deaths', 'anthraxCases', 'chronicCases'] as const;

export function emptyForm(now = new Date()): ReportForm {
  return {
    title: '',
    occurredAt: '',
    receivedAt: toLocalInput(now),
    address: '',
    township: '',
    lat: '',
    lng: '',
    employerName: '',
    creditCode: '',
    industry: '',
    ownership: '',
    licensed: '',
    laborRelation: '',
    settings: [],
    hazardCategory: '',
    agent: '',
    exposed: '0',
    acuteCases: '0',
    severeCases: '0',
    deaths: '0',
    anthraxCases: '0',
    chronicCases: '0',
    otherTownships: '',
    stateOwnerLevel: '',
    sourceClass: '',
    lostOrStolen: false,
    wideContamination: false,
    overexposed: '0',
    flags: [],
    narrative: '',
    measuresTaken: '',
    reporterName: '',
    reporterPhone: '',
    extraUnits: [],
    excludeUnits: [],
  };
}

/** A 续报/终报 starts from the incident's current facts. */
export function formFromFacts(facts: IncidentFacts): ReportForm {
  return {
    ...emptyForm(),
    title: facts.title,
    occurredAt: toLocalInput(facts.occurredAt),
    receivedAt: facts.receivedAt ? toLocalInput(facts.receivedAt) : '',
    address: facts.place.address,
    township: facts.place.township ?? '',
    lat: facts.place.lat === undefined ? '' : String(facts.place.lat),
    lng: facts.place.lng === undefined ? '' : String(facts.place.lng),
    employerName: facts.employer.name,
    creditCode: facts.employer.creditCode ?? '',
    industry: facts.employer.industry,
    ownership: facts.employer.ownership,
    licensed: facts.employer.licensed ? 'yes' : 'no',
    laborRelation: facts.employer.laborRelation,
    settings: [...facts.settings],
    hazardCategory: facts.hazard.category,
    agent: facts.hazard.agent ?? '',
    exposed: String(facts.casualties.exposed),
    acuteCases: String(facts.casualties.acuteCases),
    severeCases: String(facts.casualties.severeCases),
    deaths: String(facts.casualties.deaths),
    anthraxCases: String(facts.casualties.anthraxCases),
    chronicCases: String(facts.casualties.chronicCases ?? 0),
    otherTownships: (facts.place.otherTownships ?? []).join('、'),
    stateOwnerLevel: facts.employer.stateOwnerLevel ?? '',
    sourceClass: facts.radiation?.sourceClass ?? '',
    lostOrStolen: facts.radiation?.lostOrStolen ?? false,
    wideContamination: facts.radiation?.wideContamination ?? false,
    overexposed: String(facts.radiation?.overexposed ?? 0),
    flags: [...facts.flags],
    narrative: facts.narrative,
    measuresTaken: facts.measuresTaken ?? '',
    reporterName: facts.reporter.name,
    reporterPhone: facts.reporter.phone,
  };
}

const opt = (s: string | undefined = '') => (s.trim() === '' ? undefined : s);
const townshipList = (s: string | undefined = '') => s.split(/[、，,；;\s]+/).map((t) => t.trim()).filter(Boolean);

/** The over-dose count as typed; blank is none, anything else stays for the schema to judge. */
function overexposedCount(s: string | undefined = '') {
  const t = s.trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** The facts added for issue 9, only when they apply: owner level of a state-owned employer, radiation source, further townships. */
function addedFacts(form: ReportForm) {
  const others = townshipList(form.otherTownships);
  return {
    otherTownships: others.length ? others : undefined,
    stateOwnerLevel: form.ownership === 'state_owned' && STATE_OWNER_LEVELS.includes(form.stateOwnerLevel as never) ? form.stateOwnerLevel : undefined,
    radiation:
      form.hazardCategory === 'radiation'
        ? {
            sourceClass: pick(RADIATION_SOURCE_CLASSES, form.sourceClass ?? '', 'unknown'),
            lostOrStolen: form.lostOrStolen === true,
            wideContamination: form.wideContamination === true,
            overexposed: overexposedCount(form.overexposed),
          }
        : undefined,
  };
}
/** A count as typed: "" stays missing (the schema says what to fix), anything else a number. */
const count = (s: string | undefined = '') => (s.trim() === '' ? undefined : /^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

/** The body the API receives, before validation; what is missing stays missing. */
export function toBody(form: ReportForm, mode: ReportMode, jurisdictionId: string): Record<string, unknown> {
  const added = addedFacts(form);
  const facts = {
    title: form.title,
    occurredAt: fromLocalInput(form.occurredAt) ?? opt(form.occurredAt),
    place: { address: form.address, township: opt(form.township), otherTownships: added.otherTownships, lat: count(form.lat), lng: count(form.lng) },
    employer: {
      name: form.employerName,
      creditCode: opt(form.creditCode),
      industry: opt(form.industry),
      ownership: opt(form.ownership),
      stateOwnerLevel: added.stateOwnerLevel,
      licensed: form.licensed === 'yes' ? true : form.licensed === 'no' ? false : undefined,
      laborRelation: opt(form.laborRelation),
    },
    settings: form.settings,
    hazard: { category: opt(form.hazardCategory), agent: opt(form.agent) },
    radiation: added.radiation,
    casualties: Object.fromEntries(CASUALTY_KEYS.map((k) => [k, count(form[k])])),
    flags: form.flags,
    narrative: form.narrative,
    measuresTaken: opt(form.measuresTaken),
    reporter: { name: form.reporterName, phone: form.reporterPhone },
    extraUnits: form.extraUnits,
    excludeUnits: form.excludeUnits,
  };
  if (mode.kind === 'initial') return { jurisdictionId, ...facts, receivedAt: fromLocalInput(form.receivedAt) ?? opt(form.receivedAt), drill: form.drill === true };
  return { kind: mode.kind, ...facts };
}

export type FieldErrors = Record<string, string>;

/** Validates with the server's schema; the first issue of each field, keyed by its dotted path. */
export function validate(form: ReportForm, mode: ReportMode, jurisdictionId: string): { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldErrors } {
  const schema = mode.kind === 'initial' ? reportSubmissionSchema : followUpSubmissionSchema;
  const result = schema.safeParse(toBody(form, mode, jurisdictionId));
  if (result.success) return { ok: true, body: result.data as Record<string, unknown> };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[issue.path.map(String).join('.') || '(body)'] ??= forPeople(issue.message);
  return { ok: false, errors };
}

const pick = <T extends string>(values: readonly T[], v: string, fallback: T): T => (values.includes(v as T) ? (v as T) : fallback);
const countOr0 = (s: string | undefined = '') => {
  const n = Number(s);
  return Number.isInteger(n) && n >= 0 && n <= 100000 ? n : 0;
};

/**
 * The body for the live preview: the facts typed so far, with neutral stand-ins for what is not
 * filled in yet, so the officer sees severity and routing from the first keystroke.
 */
export function previewBody(form: ReportForm, jurisdictionId: string): Record<string, unknown> {
  const occurred = fromLocalInput(form.occurredAt);
  const received = fromLocalInput(form.receivedAt);
  const casualties = Object.fromEntries(CASUALTY_KEYS.map((k) => [k, countOr0(form[k])])) as Record<(typeof CASUALTY_KEYS)[number], number>;
  if (casualties.severeCases > casualties.acuteCases) casualties.severeCases = casualties.acuteCases;
  const code = form.creditCode.trim();
  const added = addedFacts(form);
  // A chronic cluster's acute cases would be refused; the preview leaves them out instead.
  if (form.hazardCategory === 'pneumoconiosis_cluster') casualties.acuteCases = casualties.severeCases = 0;
  return {
    jurisdictionId,
    title: form.title.trim() || '（预览）',
    occurredAt: occurred ?? received ?? new Date().toISOString(),
    receivedAt: received && occurred && Date.parse(received) >= Date.parse(occurred) ? received : undefined,
    place: { address: form.address.trim() || '（未填）', township: form.township.trim() || undefined, otherTownships: added.otherTownships },
    employer: {
      name: form.employerName.trim() || '（未填）',
      creditCode: code && creditCodeSchema.safeParse(code).success ? code : undefined,
      industry: pick(INDUSTRIES, form.industry, 'other'),
      ownership: pick(OWNERSHIPS, form.ownership, 'unknown'),
      stateOwnerLevel: added.stateOwnerLevel,
      licensed: form.licensed !== 'no',
      laborRelation: pick(LABOR_RELATIONS, form.laborRelation, 'determined'),
    },
    settings: form.settings,
    hazard: { category: pick(HAZARD_CATEGORIES, form.hazardCategory, 'other'), agent: form.agent.trim() || undefined },
    radiation: added.radiation,
    casualties,
    flags: form.flags,
    narrative: form.narrative.trim() || '（未填）',
    reporter: { name: form.reporterName.trim() || '（未填）', phone: '00000' },
    extraUnits: form.extraUnits.filter((u) => u.reason.trim()),
    excludeUnits: form.excludeUnits.filter((u) => u.reason.trim()),
  };
}

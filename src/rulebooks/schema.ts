/**
 * A jurisdiction's rulebook (spec §5): its member units with their duty clauses quoted from the
 * jurisdiction's own document, the routing rules that cite those clauses, and its deadlines.
 * Rulebooks are data; this schema validates them when they are loaded, so the engine never meets
 * a rule that cites a clause the document does not have.
 */
import { z } from 'zod';
import {
  AUTHORITIES,
  HAZARD_CATEGORIES,
  INCIDENT_FLAGS,
  INDUSTRIES,
  JURISDICTION_LEVELS,
  LABOR_RELATIONS,
  OWNERSHIPS,
  REGIME_CODES,
  SETTINGS,
  SEVERITIES,
  STATE_OWNER_LEVELS,
  UNIT_KINDS,
  UNIT_ROLES,
} from '../domain/enums.js';
import { MAX_IMMEDIATE_MINUTES, OBLIGATION_RULES, RECIPIENT_KINDS, statutoryCeiling } from '../domain/obligations.js';

export const CASUALTY_FIELDS = ['exposed', 'acuteCases', 'severeCases', 'deaths', 'anthraxCases', 'chronicCases'] as const;

/** When a routing rule applies; evaluated by `matchesCondition` against the facts. */
export type Condition =
  | { always: true }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { hazard: (typeof HAZARD_CATEGORIES)[number][] }
  | { setting: (typeof SETTINGS)[number][] }
  | { flag: (typeof INCIDENT_FLAGS)[number][] }
  | { industry: (typeof INDUSTRIES)[number][] }
  | { ownership: (typeof OWNERSHIPS)[number][] }
  | { licensed: boolean }
  | { laborRelation: (typeof LABOR_RELATIONS)[number] }
  | { severityAtLeast: (typeof SEVERITIES)[number] }
  | { regime: (typeof REGIME_CODES)[number][] }
  | { casualtiesAtLeast: { field: (typeof CASUALTY_FIELDS)[number]; value: number } }
  /** An acute occupational accident of the poisoning kind (domain/classification `isAcutePoisoningKind`). */
  | { acutePoisoningKind: true }
  /** A state-owned employer held by one of these levels' 国资委. */
  | { stateOwnerLevel: (typeof STATE_OWNER_LEVELS)[number][] }
  /** A radioactive source lost or stolen (国务院令第449号第四十三条). */
  | { sourceLostOrStolen: true };

const nonEmpty = <T extends z.ZodTypeAny>(item: T) => z.array(item).min(1);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ always: z.literal(true) }),
    z.strictObject({ all: nonEmpty(conditionSchema) }),
    z.strictObject({ any: nonEmpty(conditionSchema) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ hazard: nonEmpty(z.enum(HAZARD_CATEGORIES)) }),
    z.strictObject({ setting: nonEmpty(z.enum(SETTINGS)) }),
    z.strictObject({ flag: nonEmpty(z.enum(INCIDENT_FLAGS)) }),
    z.strictObject({ industry: nonEmpty(z.enum(INDUSTRIES)) }),
    z.strictObject({ ownership: nonEmpty(z.enum(OWNERSHIPS)) }),
    z.strictObject({ licensed: z.boolean() }),
    z.strictObject({ laborRelation: z.enum(LABOR_RELATIONS) }),
    z.strictObject({ severityAtLeast: z.enum(SEVERITIES) }),
    z.strictObject({ regime: nonEmpty(z.enum(REGIME_CODES)) }),
    z.strictObject({
      casualtiesAtLeast: z.strictObject({ field: z.enum(CASUALTY_FIELDS), value: z.number().int().min(0) }),
    }),
    z.strictObject({ acutePoisoningKind: z.literal(true) }),
    z.strictObject({ stateOwnerLevel: nonEmpty(z.enum(STATE_OWNER_LEVELS)) }),
    z.strictObject({ sourceLostOrStolen: z.literal(true) }),
  ]),
) as z.ZodType<Condition>;

/** One numbered duty clause of a member unit, quoted verbatim from the jurisdiction's document. */
export const dutyClauseSchema = z.strictObject({
  /** e.g. "(五)" — the clause number within the unit's section; "" when the section is one clause. */
  ref: z.string(),
  text: z.string().min(4),
});

export const memberUnitSchema = z.strictObject({
  /** Unique across all jurisdictions of a deployment, e.g. "xy_zgh". */
  id: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
  name: z.string().min(2),
  shortName: z.string().min(1),
  kind: z.enum(UNIT_KINDS).default('department'),
  /** Section number in the document, e.g. "十四". */
  section: z.string().optional(),
  /** For townships: the name a report's `place.township` is matched against. */
  township: z.string().optional(),
  /** The body a statute names that this unit is (e.g. the 生态环境局 is the 生态环境主管部门), for regime leads. */
  authority: z.enum(AUTHORITIES).optional(),
  duties: z.array(dutyClauseSchema).min(1),
});

/** Where a rule's legal basis comes from: a unit's duty clause, or a clause of the main document. */
export const basisSchema = z.union([
  z.strictObject({ unitDuty: z.string().describe('ref of a duty clause of the rule’s unit, e.g. "(五)"') }),
  z.strictObject({ documentClause: z.string().min(1), quote: z.string().min(4) }),
  /** A statute's duty where the jurisdiction's document is silent (e.g. 公安 told of every radiation accident). */
  z.strictObject({ statute: z.string().min(4), provision: z.string().min(4) }),
]);

/**
 * Why a body a regime names as lead (classification `leads`) is not the lead in this jurisdiction's
 * routing, with the document's clause: shown as a warning whenever that regime applies.
 */
export const leadDeviationSchema = z.strictObject({
  regime: z.enum(REGIME_CODES),
  unitId: z.string(),
  reason: z.string().min(4),
  basis: z.strictObject({ documentClause: z.string().min(1), quote: z.string().min(4) }),
});

export const routingRuleSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9_]+$/),
    /** The unit this rule concerns; omit and set `townshipOfPlace` to select the township where it happened. */
    unitId: z.string().optional(),
    townshipOfPlace: z.literal(true).optional(),
    role: z.enum(UNIT_ROLES),
    when: conditionSchema,
    /** Plain-language reason shown in the preview, e.g. "急性中毒事故". */
    reason: z.string().min(2),
    basis: basisSchema,
  })
  .refine((r) => (r.unitId ? !r.townshipOfPlace : r.townshipOfPlace), 'a rule names either unitId or townshipOfPlace');

const minutes = z.number().int().positive().max(7 * 24 * 60);
const perSeverity = z.strictObject({ general: minutes, major: minutes, extraordinary: minutes });

/**
 * How the jurisdiction tightens the statutory upward-reporting clocks (domain/obligations.ts):
 * a target in minutes for 立即/及时, and per-obligation limits. Validated so that nothing is
 * later than the statute allows; the domain takes the minimum again when it applies them.
 */
export const upwardReportingSchema = z.strictObject({
  immediateMinutes: z.number().int().positive().max(MAX_IMMEDIATE_MINUTES).default(30),
  overrides: z.array(z.strictObject({ key: z.string(), minutes: z.number().int().positive(), reason: z.string().optional() })).default([]),
  /** The real names of superiors outside the deployment, e.g. 信阳's 上级卫生行政部门 is 河南省卫生健康委员会. */
  recipientNames: z.partialRecord(z.enum(RECIPIENT_KINDS), z.string().min(2)).default({}),
});

/** A task the commander can create in one step for an incident under a regime (联合处置). */
export const suggestedTaskSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/),
  unitId: z.string(),
  role: z.enum(['lead', 'support']),
  title: z.string().min(2).max(120),
  description: z.string().min(4).max(2000),
  /** Due this many minutes after the task is created. */
  dueInMinutes: minutes,
  /** The clause of the jurisdiction's document it rests on, quoted. */
  basis: z.strictObject({ ref: z.string(), quote: z.string().min(4) }).optional(),
});

export const rulebookSchema = z
  .strictObject({
    jurisdiction: z.strictObject({
      id: z.string().regex(/^[a-z][a-z0-9_]*$/),
      name: z.string(),
      level: z.enum(JURISDICTION_LEVELS),
      parentId: z.string().optional(),
      /** Offset used to show and interpret local times, e.g. "+08:00". */
      utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/),
    }),
    version: z.string().min(1),
    document: z.strictObject({
      title: z.string(),
      number: z.string(),
      issuedOn: z.string().optional(),
    }),
    /** The unit that runs the joint meeting office and files reports (the health commission). */
    commissionUnitId: z.string(),
    units: z.array(memberUnitSchema).min(1),
    routing: z.array(routingRuleSchema).min(1),
    /** Minutes from notification to the acknowledgement deadline, per role and severity. */
    ackDeadlineMinutes: z.strictObject({ lead: perSeverity, support: perSeverity, inform: perSeverity }),
    /**
     * The escalation ladder after a missed deadline, in minutes after it: at the deadline every
     * liaison is re-sent over every channel; then the unit head; then a 督办 alert for the commanders.
     */
    escalationMinutes: z
      .strictObject({ unitHead: perSeverity, commander: perSeverity })
      .default({ unitHead: { general: 15, major: 10, extraordinary: 5 }, commander: { general: 30, major: 20, extraordinary: 10 } }),
    upwardReporting: upwardReportingSchema.default({ immediateMinutes: 30, overrides: [], recipientNames: {} }),
    leadDeviations: z.array(leadDeviationSchema).default([]),
    /**
     * The document's clause under which a member unit that learns of an accident first reports it
     * (信阳 三(四)2 「其他部门如遇…及时向有关单位通报」). Absent: the document says nothing of it, and the
     * jurisdiction's units do not file reports (the commission files every 初报).
     */
    unitReporting: z.strictObject({ documentClause: z.string().min(1), quote: z.string().min(1) }).optional(),
    /**
     * 年度报送: the document's clause under which every member unit submits its previous year's
     * summary, this year's plan and proposed topics by a day of January (信阳 四(三) 「每年1月15日前」),
     * and when the reminders start (the previous December). Absent: the document asks for none.
     */
    annualSubmission: z
      .strictObject({
        documentClause: z.string().min(1),
        quote: z.string().min(1),
        due: z.strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(28) }),
        remindFrom: z.strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(28) }),
      })
      .optional(),
    /** Suggested joint response tasks per regime the incident falls under. */
    suggestedTasks: z.partialRecord(z.enum(REGIME_CODES), z.array(suggestedTaskSchema)).default({}),
  })
  .superRefine((book, ctx) => {
    for (const severity of ['general', 'major', 'extraordinary'] as const)
      if (book.escalationMinutes.commander[severity] <= book.escalationMinutes.unitHead[severity])
        ctx.addIssue({ code: 'custom', path: ['escalationMinutes', 'commander', severity], message: 'the commander step must come after the unit head step' });
    const units = new Map(book.units.map((u) => [u.id, u]));
    book.upwardReporting.overrides.forEach((o, i) => {
      const rule = OBLIGATION_RULES.find((r) => r.key === o.key);
      if (!rule) ctx.addIssue({ code: 'custom', path: ['upwardReporting', 'overrides', i, 'key'], message: `unknown obligation ${o.key}` });
      else if (o.minutes > statutoryCeiling(rule))
        ctx.addIssue({
          code: 'custom',
          path: ['upwardReporting', 'overrides', i, 'minutes'],
          message: `${o.minutes} minutes would loosen the statute (${rule.citation}: at most ${statutoryCeiling(rule)})`,
        });
    });
    const suggestionIds = new Set<string>();
    for (const [regime, list] of Object.entries(book.suggestedTasks))
      (list ?? []).forEach((t, i) => {
        if (suggestionIds.has(t.id)) ctx.addIssue({ code: 'custom', path: ['suggestedTasks', regime, i, 'id'], message: 'duplicate suggestion id' });
        suggestionIds.add(t.id);
        if (!units.has(t.unitId)) ctx.addIssue({ code: 'custom', path: ['suggestedTasks', regime, i, 'unitId'], message: `unknown unit ${t.unitId}` });
      });
    if (units.size !== book.units.length) ctx.addIssue({ code: 'custom', path: ['units'], message: 'duplicate unit id' });
    if (!units.has(book.commissionUnitId))
      ctx.addIssue({ code: 'custom', path: ['commissionUnitId'], message: 'not a unit of this rulebook' });
    book.leadDeviations.forEach((d, i) => {
      if (!units.has(d.unitId)) ctx.addIssue({ code: 'custom', path: ['leadDeviations', i, 'unitId'], message: `unknown unit ${d.unitId}` });
    });
    const ruleIds = new Set<string>();
    book.routing.forEach((rule, i) => {
      if (ruleIds.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['routing', i, 'id'], message: 'duplicate rule id' });
      ruleIds.add(rule.id);
      const unit = rule.unitId ? units.get(rule.unitId) : undefined;
      if (rule.unitId && !unit)
        ctx.addIssue({ code: 'custom', path: ['routing', i, 'unitId'], message: `unknown unit ${rule.unitId}` });
      if ('unitDuty' in rule.basis) {
        if (!unit)
          ctx.addIssue({ code: 'custom', path: ['routing', i, 'basis'], message: 'unitDuty needs a unitId' });
        else if (!unit.duties.some((d) => d.ref === (rule.basis as { unitDuty: string }).unitDuty))
          ctx.addIssue({
            code: 'custom',
            path: ['routing', i, 'basis', 'unitDuty'],
            message: `${unit.id} has no duty clause ${rule.basis.unitDuty}`,
          });
      }
      if (rule.townshipOfPlace && !book.units.some((u) => u.kind === 'township'))
        ctx.addIssue({ code: 'custom', path: ['routing', i], message: 'townshipOfPlace needs township units' });
    });
  });

export type RulebookInput = z.input<typeof rulebookSchema>;
export type Rulebook = z.output<typeof rulebookSchema>;
export type MemberUnit = Rulebook['units'][number];
export type RoutingRule = Rulebook['routing'][number];
export type SuggestedTask = z.output<typeof suggestedTaskSchema>;

const AUTHORITY_RECIPIENTS = { ecology_environment: 'environment', emergency_management: 'emergency_management', public_security: 'police' } as const;

/** The names a jurisdiction's documents give its upward-reporting recipients: named superiors, then its member units. */
export function recipientNamesOf(book: Rulebook): Partial<Record<(typeof RECIPIENT_KINDS)[number], string>> {
  const names: Partial<Record<(typeof RECIPIENT_KINDS)[number], string>> = { ...book.upwardReporting.recipientNames };
  for (const unit of book.units) {
    const kind = unit.authority && unit.authority !== 'health' ? AUTHORITY_RECIPIENTS[unit.authority] : undefined;
    if (kind && !names[kind]) names[kind] = unit.name;
  }
  return names;
}

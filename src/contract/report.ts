/**
 * The incident report as the duty officer files it (spec §6, §8). One schema serves validation,
 * the OpenAPI document and the web form. Messages are Chinese first, English after.
 */
import { z } from 'zod';
import {
  HAZARD_CATEGORIES,
  INCIDENT_FLAGS,
  INDUSTRIES,
  LABOR_RELATIONS,
  OWNERSHIPS,
  RADIATION_SOURCE_CLASSES,
  SETTINGS,
  STATE_OWNER_LEVELS,
  UNIT_ROLES,
} from '../domain/enums.js';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from '../domain/credit-code.js';
import { EARLIEST_YEAR, isBeforeEarliestYear } from '../domain/time-bounds.js';
import { phoneNumber } from './phone.js';
import { noRepeats } from './unique.js';

/** ISO 8601 with an explicit offset; the commission needs to know which clock a time was read on. */
export const isoDateTime = z.iso
  .datetime({ offset: true, message: '时间格式不正确，须写明年月日、时分和时区' })
  .refine((t) => !isBeforeEarliestYear(t), { message: `年份不能早于${EARLIEST_YEAR}年`, when: (p) => !p.issues.length })
  .meta({ example: '2026-11-23T08:30:00+08:00' });

const text = (max: number, what: string) =>
  z.string().trim().min(1, `${what}不能为空 (required)`).max(max, `${what}不超过${max}字 (at most ${max} characters)`);

const count = (what: string) =>
  z
    .number({ message: `${what}须为数字 (must be a number)` })
    .int(`${what}须为整数 (must be an integer)`)
    .min(0, `${what}不能为负数 (cannot be negative)`)
    .max(100000, `${what}过大 (too large)`);

/** 坐标 (GCJ-02 as Chinese maps give it), optional; both or neither. Within China's extent. */
const coordinatesShape = {
  lat: z.number({ message: '纬度须为数字' }).min(3.5, '纬度须在3.5至54之间（我国境内）').max(54, '纬度须在3.5至54之间（我国境内）').optional(),
  lng: z.number({ message: '经度须为数字' }).min(73, '经度须在73至136之间（我国境内）').max(136, '经度须在73至136之间（我国境内）').optional(),
};

export const placeSchema = z.object({
  address: text(200, '事发地址'),
  township: z.string().trim().max(50).optional().meta({ description: '乡镇/街道 township or street' }),
  otherTownships: z
    .array(z.string().trim().min(1, '乡镇（街道）名称不能为空').max(50))
    .max(20)
    .superRefine(noRepeats('乡镇（街道）有重复 (duplicates)'))
    .optional()
    .meta({ description: 'Further townships or streets the accident spans; each is routed as the one of the place' }),
  ...coordinatesShape,
}).superRefine((p, ctx) => {
  if ((p.lat === undefined) !== (p.lng === undefined))
    ctx.addIssue({ code: 'custom', path: [p.lat === undefined ? 'lat' : 'lng'], message: '经度和纬度须同时填写' });
});

export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: CREDIT_CODE_MESSAGES[problem] });
  })
  .meta({ description: '统一社会信用代码 (18 characters, check character validated)', example: '91411500MA44XXXX0X' });

export const employerSchema = z.object({
  name: text(100, '用人单位名称'),
  creditCode: creditCodeSchema.optional(),
  industry: z.enum(INDUSTRIES, { message: '行业代码无效 (unknown industry code)' }),
  ownership: z.enum(OWNERSHIPS, { message: '所有制类型无效 (unknown ownership code)' }),
  licensed: z.boolean({ message: '须说明是否持照经营 (licensed must be true or false)' }),
  laborRelation: z.enum(LABOR_RELATIONS, { message: '请选择劳动关系是否明确' }),
  stateOwnerLevel: z
    .enum(STATE_OWNER_LEVELS, { message: '国有企业出资层级无效' })
    .optional()
    .meta({ description: 'For a state-owned employer: which level’s 国资委 holds it (central, provincial 省属, city 市属, county)' }),
});

export const casualtiesSchema = z
  .object({
    exposed: count('接触人数'),
    acuteCases: count('急性病例数'),
    severeCases: count('重症病例数'),
    deaths: count('死亡人数'),
    anthraxCases: count('炭疽病例数'),
    chronicCases: count('慢性职业病确诊人数')
      .optional()
      .meta({ description: 'Diagnosed chronic occupational disease cases (尘肺病等); never part of the 卫生部令第25号 grade' }),
  })
  .superRefine((c, ctx) => {
    if (c.severeCases > c.acuteCases)
      ctx.addIssue({ code: 'custom', path: ['severeCases'], message: '重症病例数不能多于急性病例数 (severe cases exceed acute cases)' });
  });

/** What 国务院令第449号 Art. 40 grades a radiation accident by, besides the casualties. */
export const radiationFactsSchema = z.object({
  sourceClass: z.enum(RADIATION_SOURCE_CLASSES, { message: '放射源类别无效 (unknown source class)' }).default('unknown'),
  lostOrStolen: z.boolean({ message: '须说明放射源是否丢失或被盗 (true or false)' }).default(false),
  wideContamination: z.boolean({ message: '须说明是否造成大范围严重辐射污染 (true or false)' }).default(false),
  // 第四十条(四) 一般辐射事故：「人员受到超过年剂量限值的照射」 — counted, so the grade can say how many.
  overexposed: count('受到超过年剂量限值照射的人数')
    .optional()
    .meta({ description: 'People exposed above the annual dose limit (国务院令第449号第四十条 一般辐射事故)' }),
});

export const unitAdjustmentSchema = z.object({
  unitId: z.string().min(1),
  role: z.enum(UNIT_ROLES),
  reason: text(500, '增加单位的理由'),
});

export const unitExclusionSchema = z.object({
  unitId: z.string().min(1),
  reason: text(500, '移除单位的理由'),
});

const uniqueList = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z
    .array(z.enum(values, { message: `${what}代码无效 (unknown code)` }))
    .max(values.length)
    .superRefine(noRepeats(`${what}有重复 (duplicates)`))
    .default([]);

/** The facts of one report version, without the jurisdiction it is filed in. */
export const incidentFactsSchema = z.object({
  title: text(120, '标题'),
  occurredAt: isoDateTime,
  receivedAt: isoDateTime.optional().meta({ description: 'When the commission received the report; defaults to now' }),
  place: placeSchema,
  employer: employerSchema,
  settings: uniqueList(SETTINGS, '场所'),
  hazard: z.object({
    category: z.enum(HAZARD_CATEGORIES, { message: '危害类别无效 (unknown hazard category)' }),
    agent: z.string().trim().max(100).optional().meta({ description: '致害物 e.g. 硫化氢' }),
  }),
  radiation: radiationFactsSchema.optional().meta({ description: 'Radiation accidents: source class, lost or stolen, wide contamination (国务院令第449号第四十条)' }),
  casualties: casualtiesSchema,
  flags: uniqueList(INCIDENT_FLAGS, '标记'),
  narrative: text(5000, '事故经过'),
  measuresTaken: z.string().trim().max(5000).optional(),
  reporter: z.object({
    name: text(50, '报告人姓名'),
    phone: phoneNumber('报告人电话'),
  }),
});

type FactsShape = Pick<z.infer<typeof incidentFactsSchema>, 'hazard' | 'casualties' | 'radiation' | 'employer'>;

/**
 * Facts that contradict each other, each with the field to fix. A chronic cluster has no acute
 * cases: they would grade it as an acute accident under 卫生部令第25号.
 */
function checkFactsConsistency(r: FactsShape, ctx: z.RefinementCtx): void {
  if (r.hazard.category === 'pneumoconiosis_cluster' && r.casualties.acuteCases > 0)
    ctx.addIssue({
      code: 'custom',
      path: ['casualties', 'acuteCases'],
      message: '尘肺病聚集属慢性职业病，确诊人数请填入“慢性职业病确诊人数”，急性病例数应为0 (chronic cluster: use chronicCases)',
    });
  if (r.radiation && r.hazard.category !== 'radiation')
    ctx.addIssue({ code: 'custom', path: ['radiation'], message: '仅放射/辐射事故填写放射源情况 (radiation facts need hazard radiation)' });
  if (r.employer.stateOwnerLevel && r.employer.ownership !== 'state_owned')
    ctx.addIssue({
      code: 'custom',
      path: ['employer', 'stateOwnerLevel'],
      message: '仅国有企业填写出资层级 (stateOwnerLevel needs ownership state_owned)',
    });
}

/** Body of `POST /routing/preview` and `POST /incidents`. */
export const reportSubmissionSchema = incidentFactsSchema
  .extend({
    jurisdictionId: z.string().min(1, '须指定辖区 (jurisdictionId required)'),
    extraUnits: z.array(unitAdjustmentSchema).max(50).default([]),
    excludeUnits: z.array(unitExclusionSchema).max(50).default([]),
    drill: z
      .boolean({ message: '须说明是否为演练' })
      .default(false)
      .meta({ description: '演练: an exercise. Every message, page and export says 【演练】; clocks run as for real; statistics leave it out' }),
  })
  .superRefine((r, ctx) => {
    checkFactsConsistency(r, ctx);
    // Refinements run even when a time failed its format check; compare only well-formed times
    // (Date.parse would read a time without offset on the server's clock and report a false issue).
    const wellFormed = (t: string) => isoDateTime.safeParse(t).success;
    if (r.receivedAt && wellFormed(r.receivedAt) && wellFormed(r.occurredAt) && Date.parse(r.receivedAt) < Date.parse(r.occurredAt))
      ctx.addIssue({ code: 'custom', path: ['receivedAt'], message: '接报时间不能早于发生时间 (received before occurred)' });
  })
  .meta({ id: 'ReportSubmission' });

/** Body of a 续报 / 终报: the full facts again (the web client starts from the current ones). */
export const followUpSubmissionSchema = incidentFactsSchema
  .omit({ receivedAt: true })
  .extend({
    kind: z.enum(['follow_up', 'final']),
    extraUnits: z.array(unitAdjustmentSchema).max(50).default([]),
    excludeUnits: z.array(unitExclusionSchema).max(50).default([]),
    closeOverride: z
      .object({ reason: text(1000, '强制结案理由') })
      .optional()
      .meta({ description: 'Commanders only, with kind final: close although obligations or tasks are still open, saying why' }),
  })
  .superRefine((r, ctx) => {
    checkFactsConsistency(r, ctx);
    if (r.closeOverride && r.kind !== 'final')
      ctx.addIssue({ code: 'custom', path: ['closeOverride'], message: '只有终报可以强制结案 (closeOverride needs kind final)' });
  })
  .meta({ id: 'FollowUpSubmission' });

export type IncidentFacts = z.infer<typeof incidentFactsSchema>;
export type ReportSubmission = z.infer<typeof reportSubmissionSchema>;
export type FollowUpSubmission = z.infer<typeof followUpSubmissionSchema>;
export type UnitAdjustment = z.infer<typeof unitAdjustmentSchema>;
export type UnitExclusion = z.infer<typeof unitExclusionSchema>;

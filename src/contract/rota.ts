/** Shapes of the duty rota API (值班表): the rota as edited, the week as shown, who is on duty now. */
import { z } from 'zod';
import { ROTA_PATTERN_KINDS } from '../domain/rota.js';

const id = z.string().trim().min(1).max(64);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分，如 08:00 (time: HH:MM)');
const date = z.iso.date({ message: '日期格式应为 年-月-日，如 2026-12-07 (date: YYYY-MM-DD)' });
const instant = z.iso.datetime({ offset: true, message: '时间须含日期和时区，如 2026-12-07T08:00:00+08:00 (ISO 8601 with offset)' });

export const rotaPatternSchema = z
  .object({
    id,
    userId: id,
    kind: z.enum(ROTA_PATTERN_KINDS, { message: '排班方式须为 每天、每周 或 节假日 (kind: daily, weekly or holiday)' }),
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
    startTime: time,
    endTime: time,
    from: date,
    until: date.nullable().default(null),
  })
  .refine((p) => p.kind !== 'weekly' || p.weekdays.length > 0, { message: '每周排班须选择星期 (weekly: choose weekdays)', path: ['weekdays'] })
  .refine((p) => p.until === null || p.until >= p.from, { message: '结束日期不能早于开始日期 (until before from)', path: ['until'] });

export const rotaOverrideSchema = z
  .object({ id, userId: id, start: instant, end: instant, replaces: id.nullable().default(null) })
  .refine((o) => Date.parse(o.end) > Date.parse(o.start), { message: '结束时间须晚于开始时间 (end must be after start)', path: ['end'] });

export const rotaSwapSchema = z.object({ id, fromUserId: id, toUserId: id, shiftStart: instant });

export const rotaSchema = z
  .object({
    holidays: z.array(date).max(400).default([]),
    patterns: z.array(rotaPatternSchema).max(200).default([]),
    overrides: z.array(rotaOverrideSchema).max(500).default([]),
    swaps: z.array(rotaSwapSchema).max(500).default([]),
  })
  .meta({ id: 'Rota' });

export const rotaUpdateSchema = z
  .object({
    rota: rotaSchema,
    /** The revision the editor started from; a newer one on the server is a conflict (409). */
    revision: z.number().int().min(0).optional(),
  })
  .meta({ id: 'RotaUpdate' });

const shiftSchema = z.object({ userId: z.string(), displayName: z.string(), start: z.string(), end: z.string(), source: z.enum(['pattern', 'swap', 'override']) });
const intervalSchema = z.object({ start: z.string(), end: z.string() });
const dutyPerson = z.object({ userId: z.string(), displayName: z.string() });

export const unitDutySchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    hasRota: z.boolean(),
    onDutyNow: z.array(dutyPerson),
    next: z.object({ start: z.string(), people: z.array(dutyPerson) }).nullable(),
    nobodyNow: z.boolean(),
    /** Hours in the next 7 days with nobody on duty. */
    gaps: z.array(intervalSchema),
  })
  .meta({ id: 'UnitDuty' });

export const dutyOverviewSchema = z
  .object({ jurisdictionId: z.string(), at: z.string(), units: z.array(unitDutySchema) })
  .meta({ id: 'DutyOverview' });

export const unitRotaSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    jurisdictionId: z.string(),
    utcOffset: z.string(),
    rota: rotaSchema,
    revision: z.number().int(),
    canEdit: z.boolean(),
    people: z.array(z.object({ userId: z.string(), displayName: z.string(), role: z.string() })),
    /** The week shown (Monday, local date) and its shifts. */
    weekStart: z.string(),
    shifts: z.array(shiftSchema),
    duty: unitDutySchema,
  })
  .meta({ id: 'UnitRota' });

export const calendarFeedSchema = z.object({ url: z.string() }).meta({ id: 'CalendarFeed' });

/** Shapes of the duty rota API (值班表): the rota as edited, the week as shown, who is on duty now. */
import { z } from 'zod';
import { ROTA_PATTERN_KINDS } from '../domain/rota.js';
import { EARLIEST_YEAR, isWithinWrittenYears, LATEST_YEAR } from '../domain/time-bounds.js';
import { noRepeats } from './unique.js';

const id = z.string().trim().min(1).max(64);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分，如 08:00 (time: HH:MM)');
const YEARS = `年份须在${EARLIEST_YEAR}至${LATEST_YEAR}年之间 (year ${EARLIEST_YEAR}–${LATEST_YEAR}); 长期有效请不填结束日期`;
const date = z.iso
  .date({ message: '日期格式应为 年-月-日，如 2026-12-07 (date: YYYY-MM-DD)' })
  .refine(isWithinWrittenYears, { message: YEARS, when: (p) => !p.issues.length });
const instant = z.iso
  .datetime({ offset: true, message: '时间须含日期和时区，如 2026-12-07T08:00:00+08:00 (ISO 8601 with offset)' })
  .refine(isWithinWrittenYears, { message: YEARS, when: (p) => !p.issues.length });

export const rotaPatternSchema = z
  .object({
    id,
    userId: id,
    kind: z.enum(ROTA_PATTERN_KINDS, { message: '排班方式须为 每天、每周 或 节假日 (kind: daily, weekly or holiday)' }),
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).superRefine(noRepeats('星期重复 (a weekday listed twice)')).default([]),
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

export const rotaSwapSchema = z
  .object({ id, fromUserId: id, toUserId: id, shiftStart: instant })
  .refine((w) => w.toUserId !== w.fromUserId, { message: '换班须换给另一人 (a swap goes to another person)', path: ['toUserId'] });

// An id names one entry: an override `replaces` a pattern by it, and an editor changes an entry by it.
const SAME_ID = '编号重复 (an id used twice)';

export const rotaSchema = z
  .object({
    holidays: z.array(date).max(400).superRefine(noRepeats('节假日重复 (a holiday listed twice)')).default([]),
    patterns: z.array(rotaPatternSchema).max(200).superRefine(noRepeats(SAME_ID, (p) => p.id, 'id')).default([]),
    overrides: z.array(rotaOverrideSchema).max(500).superRefine(noRepeats(SAME_ID, (o) => o.id, 'id')).default([]),
    swaps: z.array(rotaSwapSchema).max(500).superRefine(noRepeats(SAME_ID, (w) => w.id, 'id')).default([]),
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

/** 名册导出 and the blank template: the jurisdiction's member units and people as `.xlsx` or `.csv`. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { contactPoints, memberUnits, users } from '../../db/schema.js';
import { NOTES_SHEET, ROLE_OF_WORD, ROSTER_COLUMNS, ROSTER_NOTES, ROSTER_SHEET, SMS_OF_WORD, UNIT_COLUMNS, UNITS_SHEET } from '../../domain/roster/roster-columns.js';
import type { Actor, Services } from '../context.js';
import { requireRosterAdmin } from './access.js';
import { writeSheets, type SheetData, type SheetFormat } from './spreadsheet.js';

async function unitsSheet(services: Services, jurisdictionId: string) {
  const units = await services.db.select().from(memberUnits).where(eq(memberUnits.jurisdictionId, jurisdictionId)).orderBy(asc(memberUnits.position));
  const sheet: SheetData = {
    name: UNITS_SHEET,
    rows: [[...UNIT_COLUMNS], ...units.map((u) => [u.id, u.name, u.shortName, u.kind === 'township' ? '乡镇（街道）' : '部门', u.retiredAt ? (u.mergedInto ? '已合并' : '已撤销') : '在册'])],
  };
  return { units, sheet };
}

export async function exportRoster(services: Services, actor: Actor, jurisdictionId: string, format: SheetFormat) {
  await requireRosterAdmin(services, actor, jurisdictionId);
  const { units, sheet } = await unitsSheet(services, jurisdictionId);
  const live = units.filter((u) => !u.retiredAt);
  const people = live.length
    ? await services.db
        .select()
        .from(users)
        .where(and(inArray(users.unitId, live.map((u) => u.id)), eq(users.active, true)))
        .orderBy(asc(users.username))
    : [];
  const sms = people.length
    ? await services.db.select().from(contactPoints).where(and(inArray(contactPoints.userId, people.map((p) => p.id)), eq(contactPoints.channel, 'sms'), eq(contactPoints.enabled, true)))
    : [];
  const position = new Map(live.map((u, i) => [u.id, i]));
  const rows = people
    .filter((p) => p.role === 'liaison' || p.role === 'unit_head')
    .sort((a, b) => position.get(a.unitId!)! - position.get(b.unitId!)! || a.username.localeCompare(b.username))
    .map((p) => {
      const contact = sms.find((c) => c.userId === p.id);
      const phone = p.phone ?? contact?.address ?? '';
      return [
        live.find((u) => u.id === p.unitId)!.name,
        p.displayName,
        p.username,
        ROLE_OF_WORD[p.role as 'liaison' | 'unit_head'],
        phone,
        contact ? (SMS_OF_WORD[contact.provider as 'aliyun' | 'tencent'] ?? '') : '',
        p.onDuty ? '是' : '否',
      ];
    });
  return writeSheets([{ name: ROSTER_SHEET, rows: [[...ROSTER_COLUMNS], ...rows] }, sheet], format);
}

export async function rosterTemplate(services: Services, actor: Actor, jurisdictionId: string, format: SheetFormat) {
  await requireRosterAdmin(services, actor, jurisdictionId);
  const { sheet } = await unitsSheet(services, jurisdictionId);
  return writeSheets([{ name: ROSTER_SHEET, rows: [[...ROSTER_COLUMNS]] }, { name: NOTES_SHEET, rows: ROSTER_NOTES }, sheet], format);
}

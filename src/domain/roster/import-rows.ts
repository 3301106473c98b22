/**
 * 名册导入 checked row by row before anything is written: every problem of every row, with the row
 * number the office sees in its spreadsheet and the column it is in, in Chinese. Returns the plan
 * only when there is no problem at all (all or nothing). Pure.
 */
import { z } from 'zod';
import { unsafeTextProblem } from '../../contract/safe-text.js';
import { ROLE_WORDS, ROSTER_COLUMNS, SMS_WORDS, unguardCell, YES_NO, type RosterColumn } from './roster-columns.js';

export interface SheetRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  cells: Partial<Record<string, string>>;
}

export interface RosterUnit {
  id: string;
  name: string;
  shortName: string;
  retired: boolean;
}

export interface ExistingAccount {
  username: string;
  /** The jurisdiction and role it has: only a member-unit account of this jurisdiction may be updated. */
  jurisdictionId: string | null;
  role: string;
}

export interface RowProblem {
  row: number;
  column: string | null;
  message: string;
}

export interface PlannedPerson {
  row: number;
  username: string;
  displayName: string;
  role: 'liaison' | 'unit_head';
  unitId: string;
  phone: string | null;
  smsProvider: 'aliyun' | 'tencent' | null;
  onDuty: boolean;
  /** Whether an account with this username already exists (it is updated, not created). */
  existing: boolean;
}

export type ImportCheck = { ok: true; people: PlannedPerson[] } | { ok: false; problems: RowProblem[]; checkedRows: number };

const oneOf = <T extends Record<string, unknown>>(words: T, message: string) =>
  z.string().refine((v): v is Extract<keyof T, string> => v in words, message);

/** One row's cells as the sheet has them; every message names what is wrong in the office's words. */
export const rosterRowSchema = z.object({
  单位名称: z.string().min(1, '请填写单位名称'),
  姓名: z.string().min(1, '请填写姓名').max(50, '姓名不超过50字'),
  用户名: z
    .string()
    .min(1, '请填写用户名')
    .transform((v) => v.toLowerCase())
    .pipe(z.string().regex(/^[a-z0-9][a-z0-9._-]{2,62}$/, '用户名须为3–63位小写字母、数字或 . _ -')),
  角色: oneOf(ROLE_WORDS, '角色须为「联络员」或「单位负责人」'),
  手机号码: z.union([z.literal(''), z.string().regex(/^(\+86)?1[3-9]\d{9}$/, '手机号码格式不正确，须为11位手机号')]),
  短信通道: z.union([z.literal(''), oneOf(SMS_WORDS, '短信通道须为「阿里云」「腾讯云」或留空')]),
  在岗: z.union([z.literal(''), oneOf(YES_NO, '在岗须为「是」或「否」')]),
});

const clean = (v: string | undefined) => unguardCell(String(v ?? '').trim());

/** Missing columns are a problem of the header row; nothing else is checked then. */
export function missingColumns(headers: readonly string[]): RowProblem[] {
  return ROSTER_COLUMNS.filter((c) => !headers.includes(c)).map((c) => ({ row: 1, column: c, message: `第1行缺少列「${c}」，请使用下载的模板` }));
}

export function checkRosterRows(rows: readonly SheetRow[], jurisdictionId: string, units: readonly RosterUnit[], accounts: readonly ExistingAccount[]): ImportCheck {
  const problems: RowProblem[] = [];
  const people: PlannedPerson[] = [];
  const byName = new Map<string, RosterUnit>();
  for (const u of units) {
    byName.set(u.name, u);
    if (!byName.has(u.shortName)) byName.set(u.shortName, u);
  }
  const existing = new Map(accounts.map((a) => [a.username.toLowerCase(), a]));
  const seen = new Map<string, number>();
  const filled = rows.filter((r) => ROSTER_COLUMNS.some((c) => clean(r.cells[c]) !== ''));
  if (filled.length === 0) return { ok: false, problems: [{ row: 2, column: null, message: '表中没有人员，请从第2行起填写' }], checkedRows: 0 };

  for (const r of filled) {
    const cells = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c, clean(r.cells[c])])) as Record<RosterColumn, string>;
    const say = (column: string | null, message: string) => problems.push({ row: r.row, column, message: `第${r.row}行${column ? `「${column}」` : ''}：${message}` });
    const unsafe = ROSTER_COLUMNS.filter((c) => unsafeTextProblem(cells[c]));
    unsafe.forEach((c) => say(c, '含有无法保存的字符'));
    const parsed = rosterRowSchema.safeParse(cells);
    if (!parsed.success) for (const issue of parsed.error.issues) say(String(issue.path[0] ?? ''), issue.message);
    const unit = cells.单位名称 ? byName.get(cells.单位名称) : undefined;
    if (cells.单位名称 && !unit) say('单位名称', `本辖区没有成员单位「${cells.单位名称}」`);
    else if (unit?.retired) say('单位名称', `成员单位「${unit.name}」已撤销或合并`);
    if (cells.短信通道 && !cells.手机号码) say('手机号码', '填写了短信通道，须填写手机号码');
    const username = cells.用户名.toLowerCase();
    if (username) {
      const first = seen.get(username);
      if (first !== undefined) say('用户名', `用户名「${username}」与第${first}行重复`);
      else seen.set(username, r.row);
      const account = existing.get(username);
      if (account && (account.jurisdictionId !== jurisdictionId || (account.role !== 'liaison' && account.role !== 'unit_head')))
        say('用户名', `用户名「${username}」已被其他辖区或非成员单位的账号使用`);
    }
    if (parsed.success && !unsafe.length && unit && !unit.retired)
      people.push({
        row: r.row,
        username: parsed.data.用户名,
        displayName: parsed.data.姓名,
        role: ROLE_WORDS[parsed.data.角色 as keyof typeof ROLE_WORDS],
        unitId: unit.id,
        phone: parsed.data.手机号码 ? (parsed.data.手机号码.startsWith('+86') ? parsed.data.手机号码 : `+86${parsed.data.手机号码}`) : null,
        smsProvider: parsed.data.短信通道 ? SMS_WORDS[parsed.data.短信通道 as keyof typeof SMS_WORDS] : null,
        onDuty: parsed.data.在岗 ? YES_NO[parsed.data.在岗 as keyof typeof YES_NO] : true,
        existing: existing.has(username),
      });
  }
  return problems.length ? { ok: false, problems, checkedRows: filled.length } : { ok: true, people };
}

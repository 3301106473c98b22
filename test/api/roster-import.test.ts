/**
 * 名册导入/导出 over HTTP: a file with errors lists every row's problem with its row number and
 * writes nothing; a clean file applies; a failure half-way through the apply writes nothing; the
 * export and template are spreadsheets with Chinese headers and guarded cells.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, users } from '../../src/db/schema.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { rosterCsv, rosterXlsx, uploadRoster } from '../support/roster-files.js';

let server: TestServer;
let admin: string;
let unionName: string;
let unionId: string;
let healthName: string;

const userCount = async () => (await server.services.db.select({ n: count() }).from(users))[0]!.n;
const eventCount = async () => (await server.services.db.select({ n: count() }).from(events))[0]!.n;

beforeAll(async () => {
  server = await startTestServer({ manualEngine: true });
  admin = await server.login('admin');
  const units = (await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang', { token: admin })).body.units;
  const union = units.find((u: any) => u.name.includes('总工会'));
  unionName = union.name;
  unionId = union.id;
  healthName = units.find((u: any) => u.name.includes('卫生健康')).name;
});
afterAll(async () => server?.close());

describe('名册导入', () => {
  it('a file with errors lists every row’s problem with its sheet row number, and neither the preview nor the apply writes anything', async () => {
    const file = await rosterXlsx([
      [unionName, '李联络', 'roster.li', '联络员', '13900000001', '阿里云', '是'],
      ['不存在的局', '王某', 'roster.wang', '联络员', '', '', ''],
      [healthName, '赵某', 'roster.zhao', '科长', '12345', '', '也许'],
      [unionName, '钱某', 'roster.li', '单位负责人', '', '腾讯云', ''],
      ['', '', '', '', '', '', ''],
      [unionName, '孙某', 'admin', '联络员', '', '', ''],
    ]);
    const [usersBefore, eventsBefore] = [await userCount(), await eventCount()];
    const preview = await uploadRoster(server, admin, 'preview', file);
    expect(preview.status).toBe(200);
    expect(preview.body.ok).toBe(false);
    const problems: { row: number; column: string | null; message: string }[] = preview.body.problems;
    expect(problems.map((p) => [p.row, p.column])).toEqual(
      expect.arrayContaining([
        [3, '单位名称'],
        [4, '角色'],
        [4, '手机号码'],
        [4, '在岗'],
        [5, '用户名'],
        [5, '手机号码'],
        [7, '用户名'],
      ]),
    );
    expect(problems.find((p) => p.row === 3)!.message).toBe('第3行「单位名称」：本辖区没有成员单位「不存在的局」');
    expect(problems.find((p) => p.row === 5 && p.column === '用户名')!.message).toContain('与第2行重复');
    // The good row 2 and the blank row 6 have no problem.
    expect(problems.some((p) => p.row === 2 || p.row === 6)).toBe(false);
    expect(problems.every((p) => /[\u4e00-\u9fff]/.test(p.message) && !/[A-Za-z]{4,}/.test(p.message.replace(/roster\.\w+|admin/g, '')))).toBe(true);

    const applied = await uploadRoster(server, admin, 'import', file);
    expect(applied.status).toBe(422);
    expect(applied.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['第3行·单位名称', '第7行·用户名']));
    expect(await userCount()).toBe(usersBefore);
    expect(await eventCount()).toBe(eventsBefore);
  });

  it('a file without the template’s columns is refused at its header row', async () => {
    const preview = await uploadRoster(server, admin, 'preview', await rosterXlsx([[unionName, '某人']], ['单位', '姓名']));
    expect(preview.body.ok).toBe(false);
    expect(preview.body.problems[0]).toMatchObject({ row: 1, column: '单位名称' });
  });

  it('a clean file applies: new people can log in with the password shown once, existing ones are updated, phones get their SMS channel', async () => {
    const existing = `liaison.${unionId}`;
    const file = await rosterXlsx([
      [unionName, '周新人', 'roster.zhou', '联络员', '13900000002', '阿里云', '是'],
      [unionName, '吴负责', 'roster.wu', '单位负责人', '+8613900000003', '', '否'],
      [unionName, '改名联络员', existing, '联络员', '13900000004', '腾讯云', '是'],
    ]);
    const preview = await uploadRoster(server, admin, 'preview', file);
    expect(preview.body).toMatchObject({ ok: true, problems: [], rows: 3, created: 2, updated: 1 });
    const applied = await uploadRoster(server, admin, 'import', file);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ rows: 3, created: 2, updated: 1 });
    const zhou = applied.body.newAccounts.find((a: any) => a.username === 'roster.zhou');
    const token = await server.login('roster.zhou', zhou.initialPassword);
    const me = (await server.request('GET', '/api/v1/auth/me', { token })).body;
    // The office handed the initial password over: the person replaces it at the first login.
    expect(me).toMatchObject({ displayName: '周新人', role: 'liaison', unitId: unionId, mustChangePassword: true });
    const [wu] = await server.services.db.select().from(users).where(eq(users.username, 'roster.wu'));
    expect(wu).toMatchObject({ role: 'unit_head', onDuty: false, phone: '+8613900000003' });
    const [updated] = await server.services.db.select().from(users).where(eq(users.username, existing));
    expect(updated!.displayName).toBe('改名联络员');
    const imported = await server.services.db.select().from(events).where(eq(events.type, 'roster.imported')).orderBy(events.seq);
    expect(imported.at(-1)!.data).toMatchObject({ rows: 3, created: 2, updated: 1 });
  });

  it('a CSV file imports the same way', async () => {
    const applied = await uploadRoster(server, admin, 'import', rosterCsv([[unionName, '郑表格', 'roster.zheng', '联络员', '13900000005', '', '是']]), '名册.csv');
    expect(applied.status).toBe(200);
    expect(applied.body.created).toBe(1);
  });

  it('a failure half-way through the apply writes nothing: the rows before it are rolled back with it', async () => {
    // The database itself refuses the second person, after the first has been written in the transaction.
    await server.services.db.execute(sql`create function roster_refuse() returns trigger language plpgsql as $$
      begin if new.username = 'roster.boom' then raise exception 'refused for the test'; end if; return new; end $$`);
    await server.services.db.execute(sql`create trigger roster_refuse before insert on users for each row execute function roster_refuse()`);
    try {
      const file = await rosterXlsx([
        [unionName, '第一人', 'roster.first', '联络员', '13900000006', '阿里云', '是'],
        [unionName, '第二人', 'roster.boom', '联络员', '', '', '是'],
        [unionName, '第三人', 'roster.third', '联络员', '', '', '是'],
      ]);
      expect((await uploadRoster(server, admin, 'preview', file)).body.ok).toBe(true);
      const [usersBefore, eventsBefore] = [await userCount(), await eventCount()];
      const applied = await uploadRoster(server, admin, 'import', file);
      expect(applied.status).toBeGreaterThanOrEqual(500);
      expect(await userCount()).toBe(usersBefore);
      expect(await server.services.db.select().from(users).where(eq(users.username, 'roster.first'))).toEqual([]);
      expect(await eventCount()).toBe(eventsBefore);
    } finally {
      await server.services.db.execute(sql`drop trigger roster_refuse on users`);
    }
  });
});

describe('名册导出与模板', () => {
  it('exports .xlsx with Chinese headers and every unit person, and .csv with formula-looking cells guarded', async () => {
    const res = await fetch(`${server.url}/api/v1/admin/jurisdictions/xinyang/roster?format=xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('人员名册')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '单位名称', '姓名', '用户名', '角色', '手机号码', '短信通道', '在岗']);
    const zhou = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(3).text === 'roster.zhou')!;
    expect([zhou.getCell(1).text, zhou.getCell(4).text, zhou.getCell(6).text]).toEqual([unionName, '联络员', '阿里云']);
    expect(workbook.getWorksheet('成员单位')!.rowCount).toBeGreaterThan(10);

    // A name typed with a leading ＝ (full-width, as a Chinese input method types it) must not become a formula.
    await uploadRoster(server, admin, 'import', await rosterXlsx([[unionName, '＝HYPERLINK("x")', 'roster.formula', '联络员', '', '', '是']]));
    const bytes = new Uint8Array(await (await fetch(`${server.url}/api/v1/admin/jurisdictions/xinyang/roster?format=csv`, { headers: { authorization: `Bearer ${admin}` } })).arrayBuffer());
    // A byte-order mark first, so Excel reads the Chinese as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes.slice(3));
    expect(csv.startsWith('单位名称,姓名,用户名,角色,手机号码,短信通道,在岗')).toBe(true);
    expect(csv).toContain(`"'＝HYPERLINK(""x"")"`);
    expect(csv).not.toMatch(/(^|,)＝HYPERLINK/m);
  });

  it('the template has the columns, how to fill them in and the jurisdiction’s units; it imports back as an empty roster', async () => {
    const res = await fetch(`${server.url}/api/v1/admin/jurisdictions/xinyang/roster/template?format=xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['人员名册', '填写说明', '成员单位']);
    const preview = await uploadRoster(server, admin, 'preview', bytes, '模板.xlsx');
    expect(preview.body.problems[0].message).toContain('表中没有人员');
  });

  it('only administrators of the jurisdiction: a commander is refused, another jurisdiction’s administrator does not see it', async () => {
    const commander = await server.login('commander');
    expect((await fetch(`${server.url}/api/v1/admin/jurisdictions/xinyang/roster`, { headers: { authorization: `Bearer ${commander}` } })).status).toBe(403);
    const { makeJurisdictionAdmin } = await import('../support/roster-admins.js');
    const anjiAdmin = await makeJurisdictionAdmin(server, 'anji');
    expect((await fetch(`${server.url}/api/v1/admin/jurisdictions/xinyang/roster`, { headers: { authorization: `Bearer ${anjiAdmin}` } })).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/admin/jurisdictions/anji/roster?format=csv`, { headers: { authorization: `Bearer ${anjiAdmin}` } })).status).toBe(200);
  });
});

describe('a zip bomb', () => {
  it('an .xlsx whose parts inflate past 50 MB is refused naming the file before it is read; nothing written', async () => {
    // A real roster file with one part swollen: 60 MB of repeated text compresses to well under 1 MB.
    const zip = await JSZip.loadAsync(await rosterXlsx([]));
    zip.file('xl/sharedStrings.xml', `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></si>'.repeat(800_000)}</sst>`);
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    const before = (await server.services.db.select({ n: count() }).from(events))[0]!.n;
    const res = await uploadRoster(server, admin, 'preview', bomb, 'bomb.xlsx');
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'file', message: '文件解压后过大' }]);
    expect((await server.services.db.select({ n: count() }).from(events))[0]!.n).toBe(before);
  });
});

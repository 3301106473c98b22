/** 成员单位调整 and 名册导入 as pure rules: row checks, merge planning, rulebook versions, who administers. */
import { describe, expect, it } from 'vitest';
import { mayAdministerJurisdiction } from '../../src/domain/policy/index.js';
import { checkRosterRows, missingColumns, type SheetRow } from '../../src/domain/roster/import-rows.js';
import { planMerge } from '../../src/domain/roster/merge-plan.js';
import { guardCell, unguardCell } from '../../src/domain/roster/roster-columns.js';
import { applyUnitEdit, nextRulebookVersion } from '../../src/domain/roster/unit-edits.js';
import { loadBundledRulebooks } from '../../src/rulebooks/index.js';

const xinyang = loadBundledRulebooks().find((b) => b.jurisdiction.id === 'xinyang')!;
const units = [
  { id: 'u_union', name: '信阳市总工会', shortName: '总工会', retired: false },
  { id: 'u_old', name: '信阳市旧局', shortName: '旧局', retired: true },
];
const row = (n: number, cells: string[]): SheetRow => ({
  row: n,
  cells: Object.fromEntries(['单位名称', '姓名', '用户名', '角色', '手机号码', '短信通道', '在岗'].map((h, i) => [h, cells[i] ?? ''])),
});

describe('名册导入 row checks', () => {
  it('plans every row when all are right: names by full or short name, phones with +86, on duty by default', () => {
    const result = checkRosterRows([row(2, ['信阳市总工会', '张三', 'Zhang.San', '联络员', '13900000000', '阿里云', '']), row(3, ['总工会', '李四', 'li.si', '单位负责人', '', '', '否'])], 'xinyang', units, []);
    expect(result).toEqual({
      ok: true,
      people: [
        { row: 2, username: 'zhang.san', displayName: '张三', role: 'liaison', unitId: 'u_union', phone: '+8613900000000', smsProvider: 'aliyun', onDuty: true, existing: false },
        { row: 3, username: 'li.si', displayName: '李四', role: 'unit_head', unitId: 'u_union', phone: null, smsProvider: null, onDuty: false, existing: false },
      ],
    });
  });

  it('lists every problem of every row with its sheet row number and column, and plans nothing', () => {
    const result = checkRosterRows(
      [
        row(2, ['信阳市旧局', '王五', 'wang.wu', '联络员']),
        row(3, ['总工会', '', 'x', '组长', '123', '移动', '可能']),
        row(4, ['总工会', '赵六', 'wang.wu', '联络员', '', '腾讯云']),
        row(5, ['总工会', '钱七', 'admin', '联络员']),
        row(6, []),
      ],
      'xinyang',
      units,
      [{ username: 'admin', jurisdictionId: null, role: 'admin' }],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.checkedRows).toBe(4);
    expect(result.problems.map((p) => [p.row, p.column])).toEqual([
      [2, '单位名称'],
      [3, '姓名'],
      [3, '用户名'],
      [3, '角色'],
      [3, '手机号码'],
      [3, '短信通道'],
      [3, '在岗'],
      [4, '手机号码'],
      [4, '用户名'],
      [5, '用户名'],
    ]);
    expect(result.problems[0]!.message).toBe('第2行「单位名称」：成员单位「信阳市旧局」已撤销或合并');
    expect(result.problems.find((p) => p.row === 4 && p.column === '用户名')!.message).toBe('第4行「用户名」：用户名「wang.wu」与第2行重复');
  });

  it('an empty sheet and a sheet without the template’s columns are problems of their own', () => {
    expect(checkRosterRows([row(2, [])], 'xinyang', units, [])).toMatchObject({ ok: false, problems: [{ row: 2, message: '表中没有人员，请从第2行起填写' }] });
    expect(missingColumns(['单位名称', '姓名']).map((p) => p.column)).toEqual(['用户名', '角色', '手机号码', '短信通道', '在岗']);
  });

  it('reads back its own formula guard, and guards full-width formula starts', () => {
    expect(guardCell('＝SUM(A1)')).toBe("'＝SUM(A1)");
    expect(guardCell('+8613900000000')).toBe("'+8613900000000");
    expect(unguardCell(guardCell('+8613900000000'))).toBe('+8613900000000');
    expect(unguardCell("'普通文本")).toBe("'普通文本");
  });
});

describe('合并 planning', () => {
  const union = xinyang.units.find((u) => u.name.includes('总工会'))!;
  const hr = xinyang.units.find((u) => u.name.includes('人力资源'))!;

  it('the survivor takes the absorbed unit’s duties under references naming their origin, and every rule still cites a clause that exists', () => {
    const plan = planMerge(xinyang, union.id, hr.id);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const survivor = plan.book.units.find((u) => u.id === hr.id)!;
    expect(plan.book.units.some((u) => u.id === union.id)).toBe(false);
    expect(survivor.duties).toHaveLength(hr.duties.length + union.duties.length);
    expect(survivor.duties.slice(hr.duties.length).map((d) => d.text)).toEqual(union.duties.map((d) => d.text));
    expect(Object.values(plan.movedDutyRefs).every((ref) => ref.startsWith(`原${union.shortName}`))).toBe(true);
    const moved = plan.book.routing.filter((r) => xinyang.routing.find((o) => o.id === r.id)?.unitId === union.id);
    expect(moved.length).toBeGreaterThan(0);
    for (const r of moved) {
      expect(r.unitId).toBe(hr.id);
      if ('unitDuty' in r.basis) expect(survivor.duties.map((d) => d.ref)).toContain(r.basis.unitDuty);
    }
    expect(plan.book.routing.some((r) => r.unitId === union.id)).toBe(false);
  });

  it('refuses merging a unit into itself, the commission away, or a township into a department', () => {
    expect(planMerge(xinyang, union.id, union.id).ok).toBe(false);
    expect(planMerge(xinyang, xinyang.commissionUnitId, hr.id)).toMatchObject({ ok: false, problems: [{ field: 'unitId' }] });
  });

  it('the merged book is a valid rulebook under the next version', () => {
    const result = applyUnitEdit(xinyang, { action: 'merge', unitId: union.id, intoUnitId: hr.id }, nextRulebookVersion(xinyang.version, [xinyang.version]));
    expect(result.ok && result.book.version).toBe(`${xinyang.version}-1`);
  });
});

describe('unit edits', () => {
  const union = xinyang.units.find((u) => u.name.includes('总工会'))!;
  it('retiring takes the unit’s rules with it; the commission cannot be retired', () => {
    const result = applyUnitEdit(xinyang, { action: 'retire', unitId: union.id }, 'v');
    expect(result.ok && result.book.routing.some((r) => r.unitId === union.id)).toBe(false);
    expect(applyUnitEdit(xinyang, { action: 'retire', unitId: xinyang.commissionUnitId }, 'v').ok).toBe(false);
  });

  it('a duty clause a rule cites cannot be dropped; added clauses are kept', () => {
    expect(applyUnitEdit(xinyang, { action: 'duties', unitId: union.id, duties: [{ ref: '（甲）', text: '一条新的职责条款。' }] }, 'v')).toMatchObject({ ok: false });
    const kept = applyUnitEdit(xinyang, { action: 'duties', unitId: union.id, duties: [...union.duties, { ref: '（新）', text: '一条新的职责条款。' }] }, 'v');
    expect(kept.ok && kept.book.units.find((u) => u.id === union.id)!.duties.at(-1)!.ref).toBe('（新）');
  });

  it('versions count on from the bundled one', () => {
    expect(nextRulebookVersion('2023.2', ['2023.2'])).toBe('2023.2-1');
    expect(nextRulebookVersion('2023.2-1', ['2023.2', '2023.2-1'])).toBe('2023.2-2');
  });
});

describe('who administers a jurisdiction', () => {
  it('the system admin every one, a jurisdiction admin its own, nobody else', () => {
    expect(mayAdministerJurisdiction({ role: 'admin', jurisdictionId: null, unitId: null }, 'xinyang')).toBe(true);
    expect(mayAdministerJurisdiction({ role: 'jurisdiction_admin', jurisdictionId: 'xinyang', unitId: null }, 'xinyang')).toBe(true);
    expect(mayAdministerJurisdiction({ role: 'jurisdiction_admin', jurisdictionId: 'anji', unitId: null }, 'xinyang')).toBe(false);
    expect(mayAdministerJurisdiction({ role: 'jurisdiction_admin', jurisdictionId: null, unitId: null }, 'xinyang')).toBe(false);
    expect(mayAdministerJurisdiction({ role: 'commander', jurisdictionId: 'xinyang', unitId: null }, 'xinyang')).toBe(false);
  });
});

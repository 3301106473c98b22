/**
 * 成员单位调整 in the rulebook: adding, renaming, re-wording the duties of, retiring and merging a
 * member unit, each making the jurisdiction's next rulebook version. The legal duty clauses live in
 * the rulebook, so a unit's change is a change of the rulebook; incidents keep the version they
 * were routed with. Pure: returns the new book, or every problem in Chinese.
 */
import { rulebookSchema, type MemberUnit, type Rulebook } from '../../rulebooks/schema.js';
import { planMerge } from './merge-plan.js';

export interface DutyClause {
  ref: string;
  text: string;
}

export type UnitEdit =
  | { action: 'add'; unit: { id: string; name: string; shortName: string; kind: 'department' | 'township'; section?: string; township?: string; duties: DutyClause[] } }
  | { action: 'rename'; unitId: string; name: string; shortName: string }
  | { action: 'duties'; unitId: string; duties: DutyClause[] }
  | { action: 'retire'; unitId: string }
  | { action: 'merge'; unitId: string; intoUnitId: string };

export interface EditProblem {
  field: string;
  message: string;
}

export type EditResult = { ok: true; book: Rulebook } | { ok: false; problems: EditProblem[] };

/** The next version's name: the bundled version, then a running number of administered changes (2023.2-1, 2023.2-2, …). */
export function nextRulebookVersion(current: string, existing: readonly string[]): string {
  const base = current.replace(/-\d+$/, '');
  let n = 1;
  while (existing.includes(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

const unitOf = (book: Rulebook, id: string) => book.units.find((u) => u.id === id);

export function applyUnitEdit(book: Rulebook, edit: UnitEdit, version: string): EditResult {
  const problems: EditProblem[] = [];
  let next: Rulebook = structuredClone(book);
  next.version = version;
  const fail = (field: string, message: string) => ({ ok: false as const, problems: [{ field, message }] });

  if (edit.action === 'add') {
    if (book.units.some((u) => u.id === edit.unit.id)) return fail('unit.id', `单位编号 ${edit.unit.id} 已被使用`);
    if (book.units.some((u) => u.name === edit.unit.name)) return fail('unit.name', `已有成员单位「${edit.unit.name}」`);
    const unit: MemberUnit = { ...edit.unit, kind: edit.unit.kind, duties: edit.unit.duties };
    next.units.push(unit);
  } else {
    const unit = unitOf(next, edit.unitId);
    if (!unit) return fail('unitId', '该成员单位不在本辖区现行规则库中');
    if (edit.action === 'rename') {
      if (next.units.some((u) => u.id !== unit.id && u.name === edit.name)) return fail('name', `已有成员单位「${edit.name}」`);
      unit.name = edit.name;
      unit.shortName = edit.shortName;
    } else if (edit.action === 'duties') {
      const refs = new Set(edit.duties.map((d) => d.ref));
      if (refs.size !== edit.duties.length) return fail('duties', '职责条款的序号不能重复');
      next.routing.forEach((rule, i) => {
        if (rule.unitId === unit.id && 'unitDuty' in rule.basis && !refs.has(rule.basis.unitDuty))
          problems.push({ field: `duties`, message: `通知规则「${rule.reason}」（第${i + 1}条）依据本单位职责条款${rule.basis.unitDuty || '（全文）'}，不能删去该条款` });
      });
      unit.duties = edit.duties;
    } else if (edit.action === 'retire') {
      if (unit.id === book.commissionUnitId) return fail('unitId', '联席会议办公室所在单位不能撤销');
      next = withoutUnit(next, unit.id);
    } else {
      const plan = planMerge(next, edit.unitId, edit.intoUnitId);
      if (!plan.ok) return plan;
      next = plan.book;
    }
  }
  if (problems.length) return { ok: false, problems };
  const parsed = rulebookSchema.safeParse(next);
  if (!parsed.success)
    return { ok: false, problems: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: `修改后的规则库不成立（${i.path.join('.')}）` })) };
  return { ok: true, book: parsed.data };
}

/** The book without the unit: its rules, lead deviations and suggested tasks go with it. */
function withoutUnit(book: Rulebook, unitId: string): Rulebook {
  return {
    ...book,
    units: book.units.filter((u) => u.id !== unitId),
    routing: book.routing.filter((r) => r.unitId !== unitId),
    leadDeviations: book.leadDeviations.filter((d) => d.unitId !== unitId),
    suggestedTasks: Object.fromEntries(Object.entries(book.suggestedTasks).map(([k, list]) => [k, (list ?? []).filter((t) => t.unitId !== unitId)])),
  };
}

/**
 * 合并成员单位: the absorbed unit's duties, rules, lead deviations and suggested tasks pass to the
 * surviving unit. Its duty clauses keep their wording under a reference that names where they came
 * from (原安监局(五)), so no clause of the survivor is overwritten and every rule still cites a
 * clause that exists. Pure.
 */
import type { Rulebook } from '../../rulebooks/schema.js';
import type { EditProblem } from './unit-edits.js';

export type MergePlan = { ok: true; book: Rulebook; movedDutyRefs: Record<string, string> } | { ok: false; problems: EditProblem[] };

export function planMerge(book: Rulebook, absorbedId: string, survivorId: string): MergePlan {
  const fail = (field: string, message: string) => ({ ok: false as const, problems: [{ field, message }] });
  if (absorbedId === survivorId) return fail('intoUnitId', '不能与自身合并');
  const absorbed = book.units.find((u) => u.id === absorbedId);
  const survivor = book.units.find((u) => u.id === survivorId);
  if (!absorbed) return fail('unitId', '被合并的单位不在本辖区现行规则库中');
  if (!survivor) return fail('intoUnitId', '合并后保留的单位不在本辖区现行规则库中');
  if (absorbed.id === book.commissionUnitId) return fail('unitId', '联席会议办公室所在单位不能被合并，请把其他单位并入它');
  if (absorbed.kind !== survivor.kind) return fail('intoUnitId', '部门只能与部门合并，乡镇（街道）只能与乡镇（街道）合并');

  const taken = new Set(survivor.duties.map((d) => d.ref));
  const movedDutyRefs: Record<string, string> = {};
  const movedDuties = absorbed.duties.map((d) => {
    let ref = `原${absorbed.shortName}${d.ref}`;
    for (let n = 2; taken.has(ref); n++) ref = `原${absorbed.shortName}${d.ref}之${n}`;
    taken.add(ref);
    movedDutyRefs[d.ref] = ref;
    return { ref, text: d.text };
  });
  const units = book.units
    .filter((u) => u.id !== absorbed.id)
    .map((u) => (u.id === survivor.id ? { ...u, duties: [...u.duties, ...movedDuties], authority: u.authority ?? absorbed.authority } : u));
  const routing = book.routing.map((r) => {
    if (r.unitId !== absorbed.id) return r;
    const basis = 'unitDuty' in r.basis ? { unitDuty: movedDutyRefs[r.basis.unitDuty]! } : r.basis;
    return { ...r, unitId: survivor.id, basis };
  });
  return {
    ok: true,
    movedDutyRefs,
    book: {
      ...book,
      units,
      routing,
      leadDeviations: book.leadDeviations.map((d) => (d.unitId === absorbed.id ? { ...d, unitId: survivor.id } : d)),
      suggestedTasks: Object.fromEntries(
        Object.entries(book.suggestedTasks).map(([k, list]) => [k, (list ?? []).map((t) => (t.unitId === absorbed.id ? { ...t, unitId: survivor.id } : t))]),
      ),
    },
  };
}

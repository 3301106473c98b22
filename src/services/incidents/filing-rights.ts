/** Who may file and preview reports in a jurisdiction: the policy's mayFileReport. */
import { isCommission, mayFileReport } from '../../domain/policy/index.js';
import type { Rulebook } from '../../rulebooks/schema.js';
import type { Actor, Services } from '../context.js';
import { forbidden, invalid } from '../errors.js';

export async function requireFilingRights(services: Services, actor: Actor, jurisdictionId: string): Promise<Rulebook> {
  if (!isCommission(actor)) throw forbidden('只有卫健委值班员和指挥长可以报告事故 (only commission staff file reports)');
  const book = await services.rulebooks.current(jurisdictionId);
  if (!book) throw invalid('辖区不存在 (unknown jurisdiction)', [{ field: 'jurisdictionId', message: `没有辖区 ${jurisdictionId} (unknown jurisdiction)` }]);
  if (!mayFileReport(actor, jurisdictionId)) throw forbidden('不能为其他辖区报告事故 (not your jurisdiction)');
  return book;
}

/** Report bodies for tests, in the shape the duty console sends. */
export function xinyangReport(overrides: Record<string, any> = {}): Record<string, any> {
  return {
    jurisdictionId: 'xinyang',
    title: '某化工厂硫化氢中毒事故',
    occurredAt: '2026-11-23T08:10:00+08:00',
    receivedAt: '2026-11-23T08:40:00+08:00',
    place: { address: '信阳市浉河区工业园路1号', township: '五星街道' },
    employer: {
      name: '信阳某化工有限公司',
      industry: 'chemical',
      ownership: 'private',
      licensed: true,
      laborRelation: 'determined',
    },
    settings: [],
    hazard: { category: 'acute_poisoning', agent: '硫化氢' },
    casualties: { exposed: 8, acuteCases: 3, severeCases: 1, deaths: 0, anthraxCases: 0 },
    flags: [],
    narrative: '清理污水池时三名工人吸入硫化氢出现中毒症状，已送医。',
    measuresTaken: '已停止作业，疏散现场。',
    reporter: { name: '王值班', phone: '0376-1234567' },
    ...overrides,
  };
}

/** Finds a unit id by part of its name, so tests read in the domain's words. */
export async function unitIdByName(
  server: { request: (m: string, p: string, o?: any) => Promise<{ body: any }> },
  token: string,
  jurisdictionId: string,
  namePart: string,
): Promise<string> {
  const res = await server.request('GET', `/api/v1/jurisdictions/${jurisdictionId}/units`, { token });
  const unit = res.body.units.find((u: any) => u.name.includes(namePart));
  if (!unit) throw new Error(`no unit named like ${namePart} in ${jurisdictionId}`);
  return unit.id;
}

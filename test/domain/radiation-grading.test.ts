/**
 * Radiation accidents under 国务院令第449号, and where 卫生部令第25号 stops: 25号第二条 leaves
 * 放射事故 to the radiation rules (regulations.md §2), so a pure radiation-source accident carries no 25号 line.
 */
import { describe, expect, it } from 'vitest';
import { classifyIncident, gradedByOrder25, radiationAccidentGrading } from '../../src/domain/classification.js';
import { xinyang } from '../../src/rulebooks/xinyang.js';
import { facts } from './fixtures.js';

const radiation = (over: { agent?: string; deaths?: number; severeCases?: number; acuteCases?: number; sourceClass?: any; overexposed?: number; lostOrStolen?: boolean } = {}) => ({
  ...facts({ hazard: { category: 'radiation', agent: over.agent ?? '铯-137放射源' }, casualties: { acuteCases: over.acuteCases ?? over.severeCases ?? 0, severeCases: over.severeCases ?? 0, deaths: over.deaths ?? 0 } }),
  radiation: { sourceClass: over.sourceClass ?? 'unknown', lostOrStolen: over.lostOrStolen ?? false, wideContamination: false, overexposed: over.overexposed },
});
const codes = (f: Parameters<typeof classifyIncident>[0]) => classifyIncident(f).regimes.map((r) => r.code);

describe('卫生部令第25号第二条 ("放射事故 are handled under 《放射事故管理规定》", regulations.md §2): 25号 does not grade a pure radiation-source accident', () => {
  it('a radiation-source accident with 9 severe cases carries the 449号 line only, graded 较大 and handled as 重大', () => {
    const f = radiation({ severeCases: 9 });
    expect(gradedByOrder25(f)).toBe(false);
    const cls = classifyIncident(f);
    expect(cls.regimes.map((r) => r.code)).toEqual(['radiation_accident']);
    expect(cls.regimes[0]).toMatchObject({ grade: '较大', severity: 'major' });
    expect(cls.severity).toBe('major');
    expect(cls.severityReason).toContain('国务院令第449号第四十条');
    expect(cls.severityReason).toContain('放射事故不按卫生部令第25号分级');
  });

  it('a lost Ⅳ类 source with nobody hurt is still a 一般辐射事故, with no 25号 line', () => {
    expect(codes(radiation({ sourceClass: 'IV', lostOrStolen: true }))).toEqual(['radiation_accident']);
  });

  it('the 25号 line comes back when the facts also make it an acute occupational disease accident (a poison released beside the source)', () => {
    const f = radiation({ agent: '铯-137放射源失控，同时氯气泄漏', acuteCases: 4 });
    expect(gradedByOrder25(f)).toBe(true);
    expect(codes(f)).toContain('occupational_hazard_accident');
    expect(codes(f)).toContain('radiation_accident');
  });

  it('every other hazard keeps its 25号 line', () => {
    for (const category of ['acute_poisoning', 'asphyxiation', 'anthrax', 'heatstroke', 'other'] as const)
      expect(classifyIncident(facts({ hazard: { category } })).regimes[0]!.code, category).toBe('occupational_hazard_accident');
  });
});

describe('国务院令第449号第四十条 一般辐射事故 「人员受到超过年剂量限值的照射」', () => {
  it('is a fact of the report, and the grade says it was the reason', () => {
    const g = radiationAccidentGrading(0, 0, { sourceClass: 'unknown', overexposed: 3 });
    expect(g).toEqual({ grade: '一般', basis: '3人受到超过年剂量限值的照射' });
    const cls = classifyIncident(radiation({ overexposed: 3 }));
    expect(cls.regimes[0]!.reason).toContain('3人受到超过年剂量限值的照射');
    expect(cls.severity).toBe('general');
  });

  it('a source class or casualties above it decide a higher grade, and the overexposure is still said', () => {
    const cls = classifyIncident(radiation({ sourceClass: 'III', overexposed: 2 }));
    expect(cls.regimes[0]).toMatchObject({ grade: '较大' });
    expect(cls.regimes[0]!.reason).toContain('Ⅲ类放射源丢失、被盗、失控');
    expect(cls.regimes[0]!.reason).toContain('2人受到超过年剂量限值的照射');
  });

  it.each([
    [{ deaths: 3 }, '特别重大'],
    [{ sourceClass: 'II' }, '重大'],
    [{ deaths: 1 }, '重大'],
    [{ severeCases: 10 }, '重大'],
    [{ sourceClass: 'III' }, '较大'],
    [{ severeCases: 1 }, '较大'],
    [{ sourceClass: 'V' }, '一般'],
    [{ overexposed: 1 }, '一般'],
  ] as const)('%o → %s', (over, grade) => {
    const o = over as { deaths?: number; severeCases?: number; sourceClass?: any; overexposed?: number };
    expect(radiationAccidentGrading(o.deaths ?? 0, o.severeCases ?? 0, { sourceClass: o.sourceClass, overexposed: o.overexposed }).grade).toBe(grade);
  });
});

describe('国务院令第449号第四十三条 (生态环境: 应急响应、调查处理、定性定级; 卫生: 医疗应急 only): 信阳 卫健委 supports the medical response, 生态环境局 leads', () => {
  const tasks = xinyang.suggestedTasks!.radiation_accident!;
  it('the medical-response suggestion is the health commission’s, as support', () => {
    const medical = tasks.find((t) => t.id === 'wjw_radiation_medical')!;
    expect(medical).toMatchObject({ unitId: 'xy_wjw', role: 'support' });
    expect(medical.description).toContain('医疗应急');
    expect(medical.description).toContain('生态环境局牵头');
  });
  it('the response itself is led by 生态环境局, and only it leads', () => {
    expect(tasks.filter((t) => t.role === 'lead').map((t) => t.unitId)).toEqual(['xy_sthj']);
  });
});

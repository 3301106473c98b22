/** The incident's timeline says which member unit reported an accident the commission confirmed (信阳 三(四)2). */
import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../web/src/lib/describe-event.js';

const reported = (incident: Record<string, unknown>) => ({ seq: 1, type: 'incident.reported', at: '2026-11-23T01:00:00Z', jurisdictionId: 'xinyang', incidentId: 'inc_1', data: { incident } });

describe('三(四)2 「其他部门如遇…及时向有关单位通报」 on the timeline', () => {
  it('a confirmed unit report names the unit that reported it and the officer who confirmed it', () => {
    const line = describeEvent(reported({ title: '某厂中毒', severity: 'general', filedBy: '值班员甲', fromUnitReport: { id: 'urp_1', unitId: 'xy_zgh', unitName: '信阳市总工会' } }));
    expect(line.text).toBe('初报：某厂中毒（一般），信阳市总工会报告，值班员甲确认');
  });
  it('a 初报 the commission filed itself reads as before', () => {
    expect(describeEvent(reported({ title: '某厂中毒', severity: 'general', filedBy: '值班员甲', fromUnitReport: null })).text).toBe('初报：某厂中毒（一般），值班员甲报告');
  });
});

/** The rulebook's upward-reporting policy and suggested tasks, validated at load. */
import { describe, expect, it } from 'vitest';
import { loadBundledRulebooks } from '../../src/rulebooks/index.js';
import { rulebookSchema, type RulebookInput } from '../../src/rulebooks/schema.js';
import { testRulebookInput } from './fixtures.js';

function edit(change: (b: RulebookInput) => void): RulebookInput {
  const b = structuredClone(testRulebookInput());
  change(b);
  return b;
}
const issues = (input: unknown) => {
  const r = rulebookSchema.safeParse(input);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => ({ path: i.path, message: i.message }));
};

describe('upwardReporting', () => {
  it('defaults: 立即 means 30 minutes, no overrides', () => {
    expect(rulebookSchema.parse(testRulebookInput()).upwardReporting).toEqual({ immediateMinutes: 30, overrides: [], recipientNames: {} });
  });

  it('a tighter limit loads', () => {
    const book = rulebookSchema.parse(edit((b) => (b.upwardReporting = { immediateMinutes: 15, overrides: [{ key: 'ohs_general_government', minutes: 120, reason: '市政府要求2小时内' }] })));
    expect(book.upwardReporting.overrides[0]!.minutes).toBe(120);
  });

  it('the statute’s own limit loads (equal is not looser)', () => {
    expect(rulebookSchema.safeParse(edit((b) => (b.upwardReporting = { overrides: [{ key: 'phe_government', minutes: 120 }] }))).success).toBe(true);
  });

  it('a looser limit is refused at load, naming the statute', () => {
    const found = issues(edit((b) => (b.upwardReporting = { overrides: [{ key: 'ohs_general_government', minutes: 361 }] })));
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toEqual(['upwardReporting', 'overrides', 0, 'minutes']);
    expect(found[0]!.message).toContain('loosen the statute');
    expect(found[0]!.message).toContain('卫生部令第25号');
  });

  it('立即 given more than an hour is refused, as a target or as an override', () => {
    expect(issues(edit((b) => (b.upwardReporting = { immediateMinutes: 61 })))[0]!.path).toEqual(['upwardReporting', 'immediateMinutes']);
    expect(issues(edit((b) => (b.upwardReporting = { overrides: [{ key: 'ohs_serious_government', minutes: 61 }] })))[0]!.path).toEqual([
      'upwardReporting',
      'overrides',
      0,
      'minutes',
    ]);
  });

  it('an unknown obligation is refused', () => {
    expect(issues(edit((b) => (b.upwardReporting = { overrides: [{ key: 'nope', minutes: 10 }] })))).toEqual([
      { path: ['upwardReporting', 'overrides', 0, 'key'], message: 'unknown obligation nope' },
    ]);
  });
});

describe('suggestedTasks', () => {
  const task = { id: 'wjw_rescue', unitId: 't_wjw', role: 'lead' as const, title: '医疗救治', description: '组织做好医疗救治工作', dueInMinutes: 60 };

  it('default to none', () => {
    expect(rulebookSchema.parse(testRulebookInput()).suggestedTasks).toEqual({});
  });

  it('name a unit of the rulebook', () => {
    expect(issues(edit((b) => (b.suggestedTasks = { occupational_hazard_accident: [{ ...task, unitId: 't_nobody' }] })))).toEqual([
      { path: ['suggestedTasks', 'occupational_hazard_accident', 0, 'unitId'], message: 'unknown unit t_nobody' },
    ]);
  });

  it('have unique ids across regimes', () => {
    expect(issues(edit((b) => (b.suggestedTasks = { occupational_hazard_accident: [task], radiation_accident: [task] })))[0]!.message).toBe('duplicate suggestion id');
  });

  it('信阳 suggests tasks for the accident, production-safety and radiation regimes, each quoting its clause', () => {
    const xinyang = loadBundledRulebooks().find((b) => b.jurisdiction.id === 'xinyang')!;
    expect(Object.keys(xinyang.suggestedTasks).sort()).toEqual(['occupational_hazard_accident', 'production_safety_accident', 'radiation_accident']);
    for (const list of Object.values(xinyang.suggestedTasks)) for (const t of list!) expect(t.basis?.quote.length).toBeGreaterThan(4);
  });
});

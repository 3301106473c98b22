import { describe, expect, it } from 'vitest';
import { compareVersions, type VersionSnapshot } from '../../src/domain/report-changes.js';
import { casualties } from './fixtures.js';

function snapshot(over: Partial<VersionSnapshot> = {}): VersionSnapshot {
  return {
    severity: 'general',
    casualties: casualties({ exposed: 10, acuteCases: 3 }),
    routing: [
      { unitId: 'a', role: 'lead' },
      { unitId: 'b', role: 'support' },
      { unitId: 'c', role: 'inform' },
    ],
    ...over,
  };
}

describe('compareVersions', () => {
  it('identical versions need no new acknowledgement', () => {
    expect(compareVersions(snapshot(), snapshot())).toEqual({
      severityChanged: false,
      casualtiesChanged: false,
      routingChanged: false,
      addedUnits: [],
      removedUnits: [],
      roleChangedUnits: [],
      requiresReacknowledgement: false,
    });
  });

  it('the routing order alone is not a change', () => {
    const next = snapshot({ routing: [...snapshot().routing].reverse() });
    expect(compareVersions(snapshot(), next).requiresReacknowledgement).toBe(false);
  });

  it('a severity change', () => {
    const r = compareVersions(snapshot(), snapshot({ severity: 'major' }));
    expect(r.severityChanged).toBe(true);
    expect(r.requiresReacknowledgement).toBe(true);
  });

  it.each(['exposed', 'acuteCases', 'severeCases', 'deaths', 'anthraxCases'] as const)('a change of %s', (field) => {
    const c = snapshot().casualties;
    const r = compareVersions(snapshot(), snapshot({ casualties: { ...c, [field]: c[field] + 1 } }));
    expect(r.casualtiesChanged).toBe(true);
    expect(r.severityChanged).toBe(false);
    expect(r.requiresReacknowledgement).toBe(true);
  });

  it('added, removed and role-changed units', () => {
    const r = compareVersions(
      snapshot(),
      snapshot({
        routing: [
          { unitId: 'a', role: 'lead' },
          { unitId: 'b', role: 'lead' },
          { unitId: 'd', role: 'inform' },
        ],
      }),
    );
    expect(r.addedUnits).toEqual(['d']);
    expect(r.removedUnits).toEqual(['c']);
    expect(r.roleChangedUnits).toEqual(['b']);
    expect(r.routingChanged).toBe(true);
    expect(r.requiresReacknowledgement).toBe(true);
  });
});

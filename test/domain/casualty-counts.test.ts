import { describe, expect, it } from 'vitest';
import { casualtyWarnings } from '../../src/domain/casualty-counts.js';

const c = (over: Record<string, number>) => ({ exposed: 8, acuteCases: 3, severeCases: 1, deaths: 0, anthraxCases: 0, ...over });

describe('casualtyWarnings: counts that contradict the people exposed are flagged, never refused', () => {
  it('consistent counts: nothing', () => {
    expect(casualtyWarnings(c({}))).toEqual([]);
    expect(casualtyWarnings(c({ acuteCases: 8, deaths: 8 }))).toEqual([]);
  });
  it('0 exposed is "not counted yet": nothing', () => {
    expect(casualtyWarnings(c({ exposed: 0, acuteCases: 60 }))).toEqual([]);
  });
  it('more ill or dead than exposed: one warning naming each count', () => {
    const [w, ...rest] = casualtyWarnings(c({ exposed: 2, acuteCases: 60, deaths: 5, chronicCases: 1 }));
    expect(rest).toEqual([]);
    expect(w!.code).toBe('casualties_exceed_exposed');
    expect(w!.message).toBe('急性病例数（60人）、死亡人数（5人）多于接触人数（2人），请核实后在续报中更正');
  });
});

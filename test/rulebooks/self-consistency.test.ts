/**
 * Self-consistency (issue 9): when a regime in a preview names a lead body and that body is a
 * member unit of the jurisdiction, the routing gives it the lead or carries a warning saying why
 * not, with the clause. A property over generated facts, for all five jurisdictions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncidentFacts } from '../../src/contract/report.js';
import { classifyIncident } from '../../src/domain/classification.js';
import {
  HAZARD_CATEGORIES,
  INCIDENT_FLAGS,
  INDUSTRIES,
  LABOR_RELATIONS,
  OWNERSHIPS,
  RADIATION_SOURCE_CLASSES,
  SETTINGS,
  STATE_OWNER_LEVELS,
} from '../../src/domain/enums.js';
import { routeByRulebook } from '../../src/domain/routing.js';
import { books } from './helpers.js';

const subset = <T,>(values: readonly T[]) => fc.subarray([...values]);
const small = fc.integer({ min: 0, max: 60 });

export const arbitraryFacts: fc.Arbitrary<IncidentFacts> = fc
  .record({
    category: fc.constantFrom(...HAZARD_CATEGORIES),
    agent: fc.option(fc.constantFrom('硫化氢', '一氧化碳', '氯气', '高温', '粉尘', '铱-192'), { nil: undefined }),
    industry: fc.constantFrom(...INDUSTRIES),
    ownership: fc.constantFrom(...OWNERSHIPS),
    level: fc.option(fc.constantFrom(...STATE_OWNER_LEVELS), { nil: undefined }),
    licensed: fc.boolean(),
    laborRelation: fc.constantFrom(...LABOR_RELATIONS),
    settings: subset(SETTINGS),
    flags: subset(INCIDENT_FLAGS),
    acute: small,
    severe: small,
    deaths: fc.integer({ min: 0, max: 8 }),
    anthrax: fc.integer({ min: 0, max: 6 }),
    chronic: small,
    sourceClass: fc.constantFrom(...RADIATION_SOURCE_CLASSES),
    lostOrStolen: fc.boolean(),
    wideContamination: fc.boolean(),
  })
  .map((g): IncidentFacts => ({
    title: '生成的事故',
    occurredAt: '2026-11-23T08:30:00+08:00',
    place: { address: '某路1号' },
    employer: {
      name: '某单位',
      industry: g.industry,
      ownership: g.ownership,
      ...(g.ownership === 'state_owned' && g.level ? { stateOwnerLevel: g.level } : {}),
      licensed: g.licensed,
      laborRelation: g.laborRelation,
    },
    settings: g.settings,
    hazard: { category: g.category, ...(g.agent ? { agent: g.agent } : {}) },
    ...(g.category === 'radiation' ? { radiation: { sourceClass: g.sourceClass, lostOrStolen: g.lostOrStolen, wideContamination: g.wideContamination } } : {}),
    casualties: {
      exposed: g.acute + 3,
      acuteCases: g.category === 'pneumoconiosis_cluster' ? 0 : g.acute,
      severeCases: g.category === 'pneumoconiosis_cluster' ? 0 : Math.min(g.severe, g.acute),
      deaths: g.deaths,
      anthraxCases: g.anthrax,
      chronicCases: g.chronic,
    },
    flags: g.flags,
    narrative: '生成',
    reporter: { name: '值班员', phone: '0376-1234567' },
  }));

describe('a regime’s lead body, when it is a member unit, leads or is explained with the clause', () => {
  for (const book of books)
    it(`${book.jurisdiction.name}`, () => {
      fc.assert(
        fc.property(arbitraryFacts, (facts) => {
          const cls = classifyIncident(facts);
          const { routing, warnings } = routeByRulebook(book, facts, cls);
          expect(warnings.filter((w) => w.code === 'regime_lead_missing')).toEqual([]);
          for (const regime of cls.regimes)
            for (const lead of regime.leads ?? [])
              for (const unit of book.units.filter((u) => u.authority === lead.authority)) {
                if (routing.find((d) => d.unitId === unit.id)?.role === 'lead') continue;
                const why = warnings.find((w) => w.code === 'regime_lead_deviation' && w.message.includes(unit.name));
                expect(why, `${regime.name} → ${unit.name}`).toBeDefined();
                // The clause of the jurisdiction's own document, quoted.
                expect(why!.message).toMatch(/「.{4,}」/);
                expect(why!.message).toContain(lead.citation);
              }
        }),
        { numRuns: 400 },
      );
    });
});

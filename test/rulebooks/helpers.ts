/** Shared builders for the rulebook tests (not a test file itself). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IncidentFacts } from '../../src/contract/report.js';
import { classifyIncident } from '../../src/domain/classification.js';
import type { UnitRole } from '../../src/domain/enums.js';
import { routeByRulebook } from '../../src/domain/routing.js';
import { loadBundledRulebooks } from '../../src/rulebooks/index.js';
import type { Rulebook } from '../../src/rulebooks/schema.js';

export const books: Rulebook[] = loadBundledRulebooks();

export function book(id: string): Rulebook {
  const found = books.find((b) => b.jurisdiction.id === id);
  if (!found) throw new Error(`no bundled rulebook ${id}`);
  return found;
}

export interface FactsOverrides {
  casualties?: Partial<IncidentFacts['casualties']>;
  hazard?: IncidentFacts['hazard']['category'];
  employer?: Partial<IncidentFacts['employer']>;
  township?: string | undefined;
  settings?: IncidentFacts['settings'];
  flags?: IncidentFacts['flags'];
}

/**
 * A quiet baseline: an "other" hazard at a licensed private employer of industry "other", with
 * nobody ill, no settings, no flags. Each scenario changes only what it tests.
 */
export function facts(over: FactsOverrides = {}): IncidentFacts {
  return {
    title: '测试事故',
    occurredAt: '2026-11-23T08:30:00+08:00',
    place: { address: '某路1号', ...('township' in over ? { township: over.township } : {}) },
    employer: {
      name: '某有限公司',
      industry: 'other',
      ownership: 'private',
      licensed: true,
      laborRelation: 'determined',
      ...over.employer,
    },
    settings: over.settings ?? [],
    hazard: { category: over.hazard ?? 'other' },
    casualties: { exposed: 5, acuteCases: 0, severeCases: 0, deaths: 0, anthraxCases: 0, ...over.casualties },
    flags: over.flags ?? [],
    narrative: '测试',
    reporter: { name: '值班员', phone: '0376-1234567' },
  };
}

/** Routes the facts through the real classification and routing engine. */
export function route(jurisdictionId: string, over: FactsOverrides = {}) {
  const f = facts(over);
  return routeByRulebook(book(jurisdictionId), f, classifyIncident(f));
}

/** unitId → role of the routing for these facts. */
export function roles(jurisdictionId: string, over: FactsOverrides = {}): Record<string, UnitRole> {
  return Object.fromEntries(route(jurisdictionId, over).routing.map((d) => [d.unitId, d.role]));
}

/** Seed documents live in shared/ beside the repository (see shared/seeds/README.md). */
export const SEED_FILES: Record<string, string> = {
  ningde: '000_a28134d8ada727af.txt',
  licheng: '001_54f5a84efcc14b5b.txt',
  xinyang: '002_29c748ca9a94d3de.txt',
  anji: '003_5854eaf57c274996.txt',
  guangdong: '004_18362b55f19b4946.txt',
};

export const SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
export const seedsPresent = existsSync(SEEDS_DIR);

export function readSeed(jurisdictionId: string): string {
  return readFileSync(new URL(`../../../shared/seeds/${SEED_FILES[jurisdictionId]}`, import.meta.url), 'utf8');
}

/** Whitespace (line wraps, page breaks) removed; full-width parentheses made half-width. */
export function normalize(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

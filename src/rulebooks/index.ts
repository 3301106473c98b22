/** The rulebooks this project ships, validated when loaded. */
import { rulebookSchema, type Rulebook, type RulebookInput } from './schema.js';
import { xinyang } from './xinyang.js';
import { anji } from './anji.js';
import { ningde } from './ningde.js';
import { licheng } from './licheng.js';
import { guangdong } from './guangdong.js';

export const BUNDLED_RULEBOOKS: RulebookInput[] = [xinyang, anji, ningde, licheng, guangdong];

/** Parses a rulebook; throws with every problem listed when it is not valid. */
export function loadRulebook(input: unknown): Rulebook {
  const parsed = rulebookSchema.safeParse(input);
  if (!parsed.success) {
    const where = (input as { jurisdiction?: { id?: string } })?.jurisdiction?.id ?? 'unknown';
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`rulebook ${where} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadBundledRulebooks(): Rulebook[] {
  const books = BUNDLED_RULEBOOKS.map(loadRulebook);
  const ids = new Set<string>();
  for (const book of books)
    for (const unit of book.units) {
      if (ids.has(unit.id)) throw new Error(`unit id ${unit.id} is used by two rulebooks`);
      ids.add(unit.id);
    }
  return books;
}

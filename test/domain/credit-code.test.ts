import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_MESSAGES,
  creditCodeCheckCharacter,
  creditCodeProblem,
  type CreditCodeProblem,
} from '../../src/domain/credit-code.js';
import { creditCodeSchema, employerSchema } from '../../src/contract/report.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100-2015: W_i = 3^(i-1) mod 31. */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** Independent reference implementation of the check character. */
function referenceCheck(first17: string): string {
  const sum = [...first17].reduce((s, ch, i) => s + ALPHABET.indexOf(ch) * WEIGHTS[i]!, 0);
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** A complete valid code from a 17-character prefix. */
function complete(first17: string): string {
  const check = creditCodeCheckCharacter(first17);
  if (check === null) throw new Error(`invalid prefix ${first17}`);
  return first17 + check;
}

/** Prefixes built from the alphabet with a 6-digit division code at positions 3–8. */
const PREFIXES = [
  '91350100M000100Y4', // GB 32100-2015 example, check 3
  '91411500MA44XXXX0',
  '9141150000000000A',
  '12100000400000192',
  '52100000500014452',
  '31110000UWXY12345',
  '93330523MA2B3C4D5',
  '11411500000000000',
  'Y1000000PQRTUWXY0',
  'A2999999HJKLMNPQR',
  '91440300708461136',
  '00000000000000000',
];

describe('creditCodeCheckCharacter', () => {
  it('weights are 3^(i-1) mod 31', () => {
    expect(WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });

  it.each(PREFIXES)('matches the reference computation for %s', (p) => {
    expect(creditCodeCheckCharacter(p)).toBe(referenceCheck(p));
  });

  it('computes the check character of the GB 32100-2015 example 91350100M000100Y43', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('known codes in real format', () => {
    expect(creditCodeCheckCharacter('91110000600037341')).toBe('L');
    expect(creditCodeCheckCharacter('91440300708461136')).toBe('T');
  });

  it('an all-zero prefix gives check 0 (sum 0 → (31 − 0) mod 31)', () => {
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });

  it('every one of the 31 residues is reachable and maps to the alphabet', () => {
    const seen = new Set<string>();
    // Vary only the last character (weight 28, which is coprime to 31): 31 different checks.
    for (const ch of ALPHABET) seen.add(creditCodeCheckCharacter(`9141150000000000${ch}`)!);
    expect(seen.size).toBe(31);
    for (const ch of seen) expect(ALPHABET).toContain(ch);
  });

  it.each(['I', 'O', 'S', 'V', 'Z', 'a', '-', ' '])('returns null when a character is %j', (bad) => {
    expect(creditCodeCheckCharacter(`9141150000000000${bad}`)).toBeNull();
  });

  it('returns null when the prefix is shorter than 17 characters', () => {
    expect(creditCodeCheckCharacter('9141150000')).toBeNull();
  });
});

describe('creditCodeProblem', () => {
  describe('valid codes', () => {
    it.each(PREFIXES.map(complete))('%s is valid', (code) => {
      expect(code).toHaveLength(18);
      expect(creditCodeProblem(code)).toBeNull();
    });
    it('91350100M000100Y43 (GB 32100-2015 example) is valid', () => {
      expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    });
    it('91110000600037341L is valid', () => {
      expect(creditCodeProblem('91110000600037341L')).toBeNull();
    });
  });

  describe('check_digit', () => {
    it.each(PREFIXES)('every wrong check character after %s is rejected', (p) => {
      const right = creditCodeCheckCharacter(p)!;
      for (const ch of ALPHABET) {
        if (ch === right) continue;
        expect(creditCodeProblem(p + ch)).toBe('check_digit');
      }
    });
    it('a single changed body character is caught', () => {
      const code = '91350100M000100Y43';
      expect(creditCodeProblem('91350100M000100Y53')).toBe('check_digit');
      expect(creditCodeProblem(code.replace('M', 'N'))).toBe('check_digit');
    });
    it('swapping two adjacent different characters is caught', () => {
      expect(creditCodeProblem('91350100M000100Y34')).toBe('check_digit');
      expect(creditCodeProblem('19350100M000100Y43')).toBe('check_digit');
    });
  });

  describe('length', () => {
    it.each([
      ['17 characters', '91350100M000100Y4'],
      ['19 characters', '91350100M000100Y433'],
      ['empty', ''],
      ['one character', '9'],
      ['36 characters', '91350100M000100Y4391350100M000100Y43'],
    ])('%s → length', (_label, code) => {
      expect(creditCodeProblem(code)).toBe('length');
    });
    it('length is checked before characters', () => {
      expect(creditCodeProblem('IOSVZ')).toBe('length');
    });
  });

  describe('character', () => {
    it.each(['I', 'O', 'S', 'V', 'Z'])('forbidden letter %s → character', (letter) => {
      // in the body (position 9, a letter position) and as the check character
      expect(creditCodeProblem(`91350100${letter}000100Y43`)).toBe('character');
      expect(creditCodeProblem(`91350100M000100Y4${letter}`)).toBe('character');
    });
    it('lowercase letters are not accepted by the pure function', () => {
      expect(creditCodeProblem('91350100m000100Y43')).toBe('character');
    });
    it.each(['-', ' ', '中', '*'])('%j → character', (ch) => {
      expect(creditCodeProblem(`91350100M000100Y4${ch}`)).toBe('character');
    });
    it('characters are checked before the division code', () => {
      expect(creditCodeProblem('91O50100M000100Y43')).toBe('character');
    });
  });

  describe('division', () => {
    it.each([
      ['letter at position 3', '91A50100M000100Y4'],
      ['letter at position 8', '9135010AM000100Y4'],
      ['letters across 3–8', '91ABCDEFM000100Y4'],
    ])('%s → division', (_label, prefix) => {
      // Even with the correct check character, a non-numeric division code is rejected.
      expect(creditCodeProblem(complete(prefix))).toBe('division');
    });
    it('letters at positions 1–2 and 9–17 are allowed', () => {
      expect(creditCodeProblem(complete('AB123456CDEFGHJKL'))).toBeNull();
    });
  });

  it('every problem has a bilingual message', () => {
    const problems: CreditCodeProblem[] = ['length', 'character', 'division', 'check_digit'];
    for (const p of problems) {
      expect(CREDIT_CODE_MESSAGES[p]).toMatch(/统一社会信用代码/);
      expect(CREDIT_CODE_MESSAGES[p]).toMatch(/\(.+\)/);
    }
  });
});

describe('creditCodeSchema (zod)', () => {
  it('upper-cases lowercase input, then validates it', () => {
    const r = creditCodeSchema.safeParse('91350100m000100y43');
    expect(r.success).toBe(true);
    expect(r.data).toBe('91350100M000100Y43');
  });
  it('trims surrounding whitespace', () => {
    expect(creditCodeSchema.parse('  91110000600037341l \n')).toBe('91110000600037341L');
  });
  it('lowercase with a wrong check character still fails with the check message', () => {
    const r = creditCodeSchema.safeParse('91350100m000100y44');
    expect(r.success).toBe(false);
    expect(r.error!.issues).toHaveLength(1);
    expect(r.error!.issues[0]!.message).toBe(CREDIT_CODE_MESSAGES.check_digit);
  });
  it.each<[string, CreditCodeProblem]>([
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100O000100Y43', 'character'],
    ['91350100s000100Y43', 'character'], // upper-cased to S, which is forbidden
    [complete('91A50100M000100Y4'), 'division'],
    ['91350100M000100Y44', 'check_digit'],
  ])('%s → %s message', (code, problem) => {
    const r = creditCodeSchema.safeParse(code);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual([CREDIT_CODE_MESSAGES[problem]]);
  });
  it('inside the employer the issue path names the field', () => {
    const r = employerSchema.safeParse({
      name: '某公司',
      creditCode: '91350100M000100Y44',
      industry: 'chemical',
      ownership: 'private',
      licensed: true,
      laborRelation: 'determined',
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path)).toEqual([['creditCode']]);
  });
});

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (no I, O, S, V, Z);
 * characters 3–8 are the administrative division code; the last one is a mod-31 check character.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'character' | 'division' | 'check_digit';

/** The check character the first 17 characters call for, or null when one of them is invalid. */
export function creditCodeCheckCharacter(first17: string): string | null {
  // A missing character is invalid too (indexOf('') would be 0, i.e. read as '0').
  if (first17.length < 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check]!;
}

/** Why a credit code is invalid, or null when it is valid. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!ALPHABET.includes(ch)) return 'character';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'division';
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return 'check_digit';
  return null;
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为18位 (must be 18 characters)',
  character: '统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z） (invalid character)',
  division: '统一社会信用代码第3至8位应为行政区划码数字 (characters 3–8 must be digits)',
  check_digit: '统一社会信用代码校验位不正确 (check character does not match)',
};

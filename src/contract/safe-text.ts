/**
 * Text PostgreSQL cannot store: U+0000 (text columns refuse it) and lone UTF-16 surrogates (they
 * have no UTF-8 form). Pure, so the web app can use the same check.
 */
export const NUL_MESSAGE = '含有不允许的空字符，请删除后重新提交';
export const SURROGATE_MESSAGE = '含有无法识别的字符（编码不完整），请删除后重新提交';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSAFE_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A field name that can be shown: unsafe characters written as \uXXXX escapes. */
export function printableName(name: string): string {
  return name.replace(UNSAFE_CHARACTER, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Why a string cannot be stored, or null when it can. */
export function unsafeTextProblem(value: string): string | null {
  if (value.includes('\u0000')) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(value)) return SURROGATE_MESSAGE;
  return null;
}

export interface UnsafeText {
  path: (string | number)[];
  message: string;
}

/**
 * The first string (value or key) in a parsed JSON value that cannot be stored, with its path.
 * Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function findUnsafeText(root: unknown): UnsafeText | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const message = unsafeTextProblem(value);
      if (message) return { path, message };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const message = unsafeTextProblem(key);
        if (message) return { path: [...path, printableName(key)], message: `字段名${message}` };
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}

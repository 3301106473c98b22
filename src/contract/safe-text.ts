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

/** No request of this API nests deeper: anything deeper is refused before it costs anything. */
export const MAX_NESTING = 32;
export const NESTING_MESSAGE = `嵌套层级过深（最多${MAX_NESTING}层）`;

interface Visit {
  value: unknown;
  parent: Visit | null;
  step: string | number | null;
  depth: number;
}

/** The path to a visited value, built only when a problem is reported. */
function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let v: Visit | null = visit; v && v.step !== null; v = v.parent) path.push(v.step);
  return path.reverse();
}

/**
 * The first string (value or key) in a parsed JSON value that cannot be stored, with its path, or
 * the first value nested deeper than MAX_NESTING. Iterative, so a deeply nested body cannot
 * exhaust the stack; each value is visited once and paths are not copied, so it stays linear.
 */
export function findUnsafeText(root: unknown): UnsafeText | null {
  const stack: Visit[] = [{ value: root, parent: null, step: null, depth: 0 }];
  while (stack.length) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (typeof value === 'string') {
      const message = unsafeTextProblem(value);
      if (message) return { path: pathOf(visit), message };
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_NESTING) return { path: pathOf(visit), message: NESTING_MESSAGE };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], parent: visit, step: i, depth: depth + 1 });
    } else {
      for (const [key, child] of Object.entries(value)) {
        const message = unsafeTextProblem(key);
        if (message) return { path: [...pathOf(visit), printableName(key)], message: `字段名${message}` };
        stack.push({ value: child, parent: visit, step: key, depth: depth + 1 });
      }
    }
  }
  return null;
}

/**
 * Messages are written Chinese first with an English gloss for developers, e.g.
 * 「手机号格式不正确 (mainland mobile number)」. People see only the Chinese: every message that
 * reaches a page or a problem+json answer passes through `forPeople`, so a gloss added tomorrow
 * cannot leak either.
 */
const ENGLISH_TAIL = /\s*[(（][^()（）]*[A-Za-z][^()（）]*[)）]\s*$/;

export function forPeople(message: string): string {
  let text = message;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    const stripped = text.replace(ENGLISH_TAIL, '');
    // Never strip a message down to nothing (a message that is only English stays as it is).
    if (/[\u4e00-\u9fff]/.test(stripped)) text = stripped;
  }
  return text;
}

/** A wait in words: 「30秒」, 「2分钟」 (rounded up, so nobody retries too early). */
export function waitWords(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  return s < 60 ? `${s}秒` : `${Math.ceil(s / 60)}分钟`;
}

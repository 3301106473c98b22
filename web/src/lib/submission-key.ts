/**
 * One Idempotency-Key per submission: the same body sent again (a second click, a retry after the
 * connection dropped mid-answer) carries the same key, so the server answers with what it already
 * created instead of creating it twice; a changed body is a new submission with a new key.
 */
import { useRef } from 'preact/hooks';
import { newKey } from './draft.js';

export function useSubmissionKey(): (body: unknown) => { 'Idempotency-Key': string } {
  const last = useRef<{ body: string; key: string } | null>(null);
  return (body) => {
    const json = JSON.stringify(body);
    if (last.current?.body !== json) last.current = { body: json, key: newKey() };
    return { 'Idempotency-Key': last.current.key };
  };
}

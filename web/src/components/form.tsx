/**
 * The pieces every small desk form shares: a labelled field with its error beside it, and an
 * action runner that turns a problem+json answer into a message and per-field errors.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError } from '../lib/api.js';

export type FieldErrors = Record<string, string>;

/** Props that tie an input to its label and its error. */
export function fieldProps(id: string, error?: string) {
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-err` : undefined };
}

export function Field({
  id,
  label,
  error,
  hint,
  required,
  wide,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  /** Spans the form's grid (long text). */
  wide?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${error ? ' has-error' : ''}${wide ? ' field-wide' : ''}`}>
      <label for={id}>
        {label}
        {required && (
          <span class="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
        {required && <span class="sr-only">（必填）</span>}
      </label>
      {children}
      {hint && <p class="hint">{hint}</p>}
      {error && (
        <p class="field-error" id={`${id}-err`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

/** The form-level message, read out when it appears. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="form-error" role="alert">
      {message}
    </p>
  );
}

/** Submit and cancel, the end of every inline form; the submit button says when it is sending. */
export function FormButtons({ busy, submitLabel, onCancel }: { busy: boolean; submitLabel: string; onCancel: () => void }) {
  return (
    <div class="row-actions">
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? '提交中…' : submitLabel}
      </button>
      <button type="button" class="btn" onClick={onCancel}>
        取消
      </button>
    </div>
  );
}

export interface Action {
  busy: boolean;
  error: string | null;
  fields: FieldErrors;
  /** Runs a request; on failure keeps its message and field errors and resolves to undefined. */
  run<T>(request: () => Promise<T>): Promise<T | undefined>;
  /** Errors found before anything is sent. */
  reject(fields: FieldErrors, message?: string): void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  return {
    busy,
    error,
    fields,
    async run(request) {
      setBusy(true);
      setError(null);
      setFields({});
      try {
        return await request();
      } catch (err) {
        setFields(err instanceof ApiError ? err.fieldErrors() : {});
        setError(describeError(err));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    reject(fields, message = '请修改标出的内容') {
      setFields(fields);
      setError(message);
    },
  };
}

/**
 * An inline form opened by a button: focus moves to its first field when it opens, and Escape
 * cancels it, so it works from the keyboard alone.
 */
export function useInlineForm(onCancel: () => void) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
  }, []);
  return {
    ref,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onCancel();
      }
    },
  };
}

/** Gives focus back to the button that opened a form once it is rendered again (after cancel). */
export function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** A person's phone number on the admin page: a `tel:` link to call, and (for admins) 修改 in place. */
import { useState } from 'preact/hooks';
import type { Person } from '../../../../src/contract/admin.js';
import { PhoneLink } from '../../components/PhoneLinks.js';
import { describeError, patch } from '../../lib/api.js';

export function PhoneEditor({ person, canEdit, onChanged }: { person: Person; canEdit: boolean; onChanged: (p: Person) => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(person.phone ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = `phone-${person.id}`;

  if (!editing)
    return (
      <span class="phone-cell">
        {person.phone ? <PhoneLink phone={person.phone} /> : <span class="muted">未登记</span>}
        {canEdit && (
          <button
            type="button"
            class="btn btn-small"
            aria-label={`修改${person.displayName}的电话`}
            onClick={() => {
              setValue(person.phone ?? '');
              setError(null);
              setEditing(true);
            }}
          >
            修改
          </button>
        )}
      </span>
    );

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const phone = value.trim() === '' ? null : value.trim();
      const res = await patch<{ user: Person }>(`/api/v1/admin/users/${encodeURIComponent(person.id)}`, { phone });
      onChanged(res.user);
      setEditing(false);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="phone-edit" onSubmit={save}>
      <label for={inputId} class="sr-only">
        {person.displayName}的电话
      </label>
      <input id={inputId} type="tel" inputMode="tel" autoFocus value={value} onInput={(e) => setValue(e.currentTarget.value)} aria-describedby={error ? `${inputId}-error` : undefined} />
      <button type="submit" class="btn btn-small btn-primary" disabled={busy}>
        保存
      </button>
      <button type="button" class="btn btn-small" onClick={() => setEditing(false)}>
        取消
      </button>
      {error && (
        <span id={`${inputId}-error`} class="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

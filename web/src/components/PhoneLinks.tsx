/** One-tap calling: each number a `tel:` link, with whose number it is. */
import type { PhoneBookPerson } from './use-phone-book.js';

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

export function PhoneLink({ phone, who }: { phone: string; who?: string }) {
  return (
    <a class="tel-link" href={telHref(phone)} data-literal>
      <span aria-hidden="true">☎ </span>
      {who ? `${who} ` : ''}
      {phone}
    </a>
  );
}

/** The numbers of a unit's people: on-duty liaisons first, then the head. */
export function UnitPhones({ people, roles }: { people: PhoneBookPerson[] | undefined; roles?: string[] }) {
  const shown = (people ?? []).filter((p) => !roles || roles.includes(p.role));
  if (shown.length === 0) return null;
  return (
    <span class="unit-phones">
      {shown.map((p) => (
        <PhoneLink key={p.userId} phone={p.phone} who={p.displayName} />
      ))}
    </span>
  );
}

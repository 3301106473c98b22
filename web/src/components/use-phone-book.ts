/** The jurisdiction's phone book (unit → its people's numbers), for one-tap calling on the desk. */
import { useEffect, useState } from 'preact/hooks';
import type { PhoneBook } from '../../../src/contract/desk.js';
import { get } from '../lib/api.js';

export type PhoneBookPerson = PhoneBook['units'][number]['people'][number];
export type PhonesByUnit = Map<string, PhoneBookPerson[]>;

const ORDER: Record<string, number> = { liaison: 0, unit_head: 1 };

export function usePhoneBook(jurisdictionId: string | undefined): PhonesByUnit {
  const [book, setBook] = useState<PhonesByUnit>(new Map());
  useEffect(() => {
    if (!jurisdictionId) return;
    let cancelled = false;
    get<PhoneBook>(`/api/v1/jurisdictions/${encodeURIComponent(jurisdictionId)}/phone-book`)
      .then((r) => {
        if (cancelled) return;
        const sorted = (people: PhoneBookPerson[]) =>
          [...people].sort((a, b) => Number(b.onDuty) - Number(a.onDuty) || (ORDER[a.role] ?? 9) - (ORDER[b.role] ?? 9));
        setBook(new Map(r.units.map((u) => [u.unitId, sorted(u.people)])));
      })
      // Without numbers the names still show; calling is an extra.
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [jurisdictionId]);
  return book;
}

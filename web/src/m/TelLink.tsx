/** One-tap calling on the phone: a number, and the numbers of the unit's own people. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface UnitPerson {
  userId: string;
  displayName: string;
  role: string;
  phone: string;
  onDuty: boolean;
}

/** The unit's own liaisons and heads with a number (from the inbox answer). */
export const UnitPhonesContext = createContext<UnitPerson[]>([]);

/** A phone number one tap from a call. */
export function TelLink({ phone, label }: { phone: string; label?: string }) {
  const dial = phone.replace(/[^0-9+]/g, '');
  return (
    <a class="tel" href={`tel:${dial}`} aria-label={`拨打${label ?? ''}电话 ${phone}`} data-literal>
      ☎ {phone}
    </a>
  );
}

/** The number of one named person of the unit (a liaison who acknowledged), if known. */
export function PersonTel({ userId, label }: { userId: string | null | undefined; label: string }) {
  const person = useContext(UnitPhonesContext).find((p) => p.userId === userId);
  return person ? <TelLink phone={person.phone} label={label} /> : null;
}

/** 单位负责人 and their numbers: named where the unit is late and its head has been paged. */
export function UnitHeadPhones() {
  const heads = useContext(UnitPhonesContext).filter((p) => p.role === 'unit_head');
  if (heads.length === 0) return null;
  return (
    <p class="head-phones">
      单位负责人：
      {heads.map((h) => (
        <span key={h.userId}>
          {h.displayName} <TelLink phone={h.phone} label={h.displayName} />
        </span>
      ))}
    </p>
  );
}

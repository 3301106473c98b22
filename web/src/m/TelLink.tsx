/** A phone number one tap from a call. */
export function TelLink({ phone, label }: { phone: string; label?: string }) {
  const dial = phone.replace(/[^0-9+]/g, '');
  return (
    <a class="tel" href={`tel:${dial}`} aria-label={`拨打${label ?? ''}电话 ${phone}`}>
      ☎ {phone}
    </a>
  );
}

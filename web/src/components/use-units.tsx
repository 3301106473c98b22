/** The jurisdiction's member units, for choosing who gets a task or a reassigned duty. */
import { useEffect, useState } from 'preact/hooks';
import { get } from '../lib/api.js';

export interface UnitOption {
  id: string;
  name: string;
  shortName: string;
}

export function useUnits(jurisdictionId: string | undefined): UnitOption[] {
  const [units, setUnits] = useState<UnitOption[]>([]);
  useEffect(() => {
    if (!jurisdictionId) return;
    let cancelled = false;
    get<{ units: UnitOption[] }>(`/api/v1/jurisdictions/${encodeURIComponent(jurisdictionId)}/units`)
      .then((r) => !cancelled && setUnits(r.units.map(({ id, name, shortName }) => ({ id, name, shortName }))))
      // Without the list the forms say so; the rest of the page works.
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [jurisdictionId]);
  return units;
}

export function UnitOptions({ units, exclude = [] }: { units: UnitOption[]; exclude?: string[] }) {
  const skip = new Set(exclude);
  return (
    <>
      {units
        .filter((u) => !skip.has(u.id))
        .map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
    </>
  );
}

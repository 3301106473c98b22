/**
 * A list that names the same thing twice (a unit, an item, an id): where the repeats are, so the
 * field of each second mention can be named. Pure; the contract and the domain checks share it.
 */

/** The positions of the entries whose key an earlier entry already had: [a, b, a] → [2]. */
export function repeatedPositions<T>(list: readonly T[], key: (entry: T) => unknown = (entry) => entry): number[] {
  const seen = new Set<unknown>();
  const repeated: number[] = [];
  list.forEach((entry, i) => {
    const k = key(entry);
    if (seen.has(k)) repeated.push(i);
    seen.add(k);
  });
  return repeated;
}

/**
 * Lists that must not name the same thing twice (a unit, an item, an id): each repeat is refused
 * at its own path (`itemIds.1`, `patterns.2.id`), so the second mention is the one to remove.
 */
import type { z } from 'zod';
import { repeatedPositions } from '../domain/repeats.js';

/** A `superRefine` for an array: `key` says what counts as the same entry, `field` the entry's field to name. */
export const noRepeats =
  <T>(message: string, key?: (entry: T) => unknown, field?: string) =>
  (list: readonly T[], ctx: z.RefinementCtx): void => {
    for (const i of repeatedPositions(list, key)) ctx.addIssue({ code: 'custom', path: field ? [i, field] : [i], message });
  };

/** 【演练】: an exercise must never be mistaken for a real accident, so its items say so in words. */
export const DRILL_MARK = '【演练】';

export function DrillMark({ drill }: { drill: boolean | undefined }) {
  return drill ? <span class="drill-mark">{DRILL_MARK}</span> : null;
}

/** The report's facts as labelled lines (受照人数, 放射源类别, 出资层级…), the same on every page. */
import { factLines, type DisplayedFacts } from '../../../src/contract/fact-lines.js';

/** `skip`: keys the surrounding view already shows in its own way. */
export function FactLines({ facts, skip = [] }: { facts: DisplayedFacts; skip?: string[] }) {
  return (
    <>
      {factLines(facts)
        .filter((l) => !skip.includes(l.key))
        .map((l) => (
          <div class="fact-line" data-fact={l.key} key={l.key}>
            <dt>{l.label}</dt>
            <dd>
              {l.value}
              {l.literal && (
                <span class="mono" data-literal>
                  {' '}
                  {l.literal}
                </span>
              )}
            </dd>
          </div>
        ))}
    </>
  );
}

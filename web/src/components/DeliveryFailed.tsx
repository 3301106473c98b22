/**
 * Messages to a unit that were given up (a wrong number, a robot refused, a channel not
 * configured): marked, with when, the channel and the reason on demand. The incident grid and the
 * joint meeting's pages show the same mark.
 */
import { CHANNEL_LABELS, labelOf } from '../../../src/contract/labels.js';
import type { DeliveryFailure } from '../lib/incident-state.js';
import { formatDateTime, formatTime } from '../lib/time.js';

/** Nothing reached the unit and its deliveries failed: marked, with the reasons on demand. */
export function DeliveryFailed({ failures, withDate = false }: { failures: DeliveryFailure[]; withDate?: boolean }) {
  return (
    <details class="delivery-failed" data-delivery-failed="true">
      <summary>
        <span aria-hidden="true">✕ </span>送达失败
      </summary>
      <ul>
        {failures.map((f, i) => (
          <li key={i}>
            {withDate ? formatDateTime(f.at) : formatTime(f.at)} {labelOf(CHANNEL_LABELS, f.channel)}：{f.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}


/** Standing work: while the unit has not answered, what never reached it (it may not know it was asked). */
export function StandingUndelivered({ r }: { r: { state: string; undelivered?: DeliveryFailure[] } }) {
  return r.state === 'pending' && r.undelivered?.length ? <DeliveryFailed failures={r.undelivered} withDate /> : null;
}

/** /readyz: the database answers, this node's relay keeps up with the log, and due steps are being taken. */
import type { DatabaseHandle } from '../db/client.js';
import { engineLagSeconds, relayLagEvents } from './lag.js';
import type { ReadinessCheck } from './routes.js';

export interface ReadinessBounds {
  maxRelayLag: number;
  maxEngineLagSeconds: number;
}

export async function checkReadiness(database: DatabaseHandle, relayPosition: () => number, clock: () => Date, bounds: ReadinessBounds): Promise<ReadinessCheck[]> {
  try {
    await database.ping();
  } catch (err) {
    return [{ name: 'database', ok: false, detail: `unreachable: ${(err as Error).message}` }];
  }
  const checks: ReadinessCheck[] = [{ name: 'database', ok: true, detail: 'reachable' }];
  try {
    const relayLag = await relayLagEvents(database.db, relayPosition());
    checks.push({ name: 'relay', ok: relayLag <= bounds.maxRelayLag, detail: `${relayLag} events behind (bound ${bounds.maxRelayLag})` });
    const engineLag = await engineLagSeconds(database.db, clock());
    checks.push({ name: 'engine', ok: engineLag <= bounds.maxEngineLagSeconds, detail: `oldest due step ${Math.round(engineLag)} s old (bound ${bounds.maxEngineLagSeconds} s)` });
  } catch (err) {
    checks.push({ name: 'database', ok: false, detail: (err as Error).message });
  }
  return checks;
}

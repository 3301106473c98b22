/**
 * A bounded filing load for fault tests against a server process: duty officers file, liaisons
 * acknowledge, anything not answered 2xx is retried later with its same Idempotency-Key, and
 * every answer other than 2xx or 503 problem+json with Retry-After is recorded as unexpected.
 */
import type postgres from 'postgres';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { xinyangReport } from './reports.js';

/** Polls `condition` until it holds; past `ms` fails with what `diagnosis` tells. */
export async function waitUntil(what: string, condition: () => Promise<boolean>, ms = 60_000, diagnosis: () => string = () => '') {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${diagnosis()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Stops the load, retries what was not answered with its same keys, and checks the database: every
 * answer was 2xx or 503 problem+json with Retry-After, and every report and acknowledgement tried
 * (accepted at once or on a retry) is there exactly once.
 */
export async function expectNothingLostOrDoubled(load: FilingLoad, check: postgres.Sql) {
  await load.stop();
  expect(load.unexpected, 'answers other than 2xx or 503 problem+json with Retry-After').toEqual([]);
  await load.settle();
  expect(load.unexpected, 'answers to the retries').toEqual([]);
  const incidents = await check`select title, count(*)::int as n from incidents where title like ${`${load.names.title}-%`} group by title`;
  const counts = new Map(incidents.map((r) => [r.title as string, r.n as number]));
  for (const title of load.accepted) expect(counts.get(title) ?? 0, `${title}, accepted`).toBe(1);
  for (const title of load.attempted) expect(counts.get(title) ?? 0, title).toBe(1);
  expect(counts.size).toBe(load.attempted.size);
  const acks = await check`
    select n.id, n.state, (select count(*)::int from events e where e.type = 'notification.acknowledged' and e.data->'notification'->>'id' = n.id) as events
    from notifications n where n.id in ${check(load.acknowledged)}`;
  expect(acks).toHaveLength(load.acknowledged.length);
  for (const a of acks) expect([a.id, a.state, a.events]).toEqual([a.id, 'acknowledged', 1]);
}

/** Makes every open acknowledgement timer of the incident due and waits for the engine to take a step. */
export async function expectEngineEscalates(check: postgres.Sql, incidentId: string, what: string, diagnosis?: () => string) {
  await check`update notifications set next_escalation_at = now() - interval '1 second' where incident_id = ${incidentId} and next_escalation_at is not null`;
  await check`select pg_notify('lianfang_events', '')`;
  await waitUntil(
    what,
    async () => {
      const [r] = await check`select count(*)::int as n from events where incident_id = ${incidentId} and type = 'notification.escalated'`;
      return r!.n > 0;
    },
    60_000,
    diagnosis,
  );
}

/** A bounded load: `workers` duty officers each filing one report at a time, then acknowledging it as a liaison. */
export class FilingLoad {
  readonly attempted = new Set<string>();
  readonly accepted: string[] = [];
  readonly acknowledged: string[] = [];
  readonly unexpected: string[] = [];
  unavailable = 0;
  private readonly unsettledReports = new Map<string, { key: string; title: string }>();
  private readonly unsettledAcks = new Set<string>();
  private readonly tokens = new Map<string, Promise<string>>();
  private stopped = false;
  private running: Promise<void>[] = [];
  private serial = 0;

  constructor(
    private readonly url: string,
    private readonly workers: number,
    /** How its reports are titled and keyed: `<title>-<worker>-<serial>`, `<key>-<worker>-<serial>`. */
    readonly names = { title: '断库重启', key: 'restart' },
  ) {}

  async start() {
    await this.login('duty');
    this.running = Array.from({ length: this.workers }, (_, w) => this.work(w));
  }

  async stop() {
    this.stopped = true;
    await Promise.all(this.running);
  }

  /** Retries every request that was not answered 2xx, with its same Idempotency-Key, until it is. */
  async settle() {
    await Promise.all(
      [...this.unsettledReports.values()].map(async ({ key, title }) => {
        const filed = await this.retry(() => this.post('/api/v1/incidents', 'duty', xinyangReport({ title }), key));
        this.accepted.push(title);
        await this.acknowledge(filed.body.notifications[0]);
      }),
    );
    await Promise.all([...this.unsettledAcks].map((id) => this.retry(() => this.post(`/api/v1/notifications/${id}/acknowledge`, this.liaisonOf(id), {}))));
    this.acknowledged.push(...this.unsettledAcks);
  }

  async fileOne(title: string) {
    const filed = await this.retry(() => this.post('/api/v1/incidents', 'duty', xinyangReport({ title }), `${this.names.key}-after-all`));
    return { title, id: filed.body.id as string };
  }

  /** One login per person, shared by the workers acting as them (as one phone logs in once). */
  login(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = this.retry(() => this.call('POST', '/api/v1/auth/login', undefined, { username, password: DEMO_PASSWORD })).then((res) => res.body.token as string);
      this.tokens.set(username, token);
    }
    return token;
  }

  private async work(worker: number) {
    while (!this.stopped) {
      const serial = this.serial++;
      const title = `${this.names.title}-${worker}-${serial}`;
      const key = `${this.names.key}-${worker}-${serial}`;
      this.attempted.add(title);
      const filed = await this.post('/api/v1/incidents', 'duty', xinyangReport({ title }), key);
      if (filed.status !== 201) {
        this.unsettledReports.set(title, { key, title });
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      this.accepted.push(title);
      await this.acknowledge(filed.body.notifications[0]);
    }
  }

  private readonly liaisons = new Map<string, string>();
  private liaisonOf(notificationId: string) {
    return this.liaisons.get(notificationId)!;
  }

  private async acknowledge(notification: { id: string; unitId: string }) {
    this.liaisons.set(notification.id, `liaison.${notification.unitId}`);
    const res = await this.post(`/api/v1/notifications/${notification.id}/acknowledge`, `liaison.${notification.unitId}`, {});
    if (res.status === 200) this.acknowledged.push(notification.id);
    else this.unsettledAcks.add(notification.id);
  }

  private async post(path: string, username: string, body: unknown, key?: string) {
    const token = await this.login(username);
    return this.call('POST', path, token, body, key);
  }

  private async retry(request: () => Promise<{ status: number; body: any }>) {
    for (;;) {
      const res = await request();
      if (res.status >= 200 && res.status < 300) return res;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** One HTTP call; a refused connection is status 0 (and a failure of the test: the process must stay up). */
  private async call(method: string, path: string, token: string | undefined, body: unknown, key?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (key) headers['idempotency-key'] = key;
    let res: Response;
    try {
      res = await fetch(this.url + path, { method, headers, body: JSON.stringify(body) });
    } catch (err) {
      this.unexpected.push(`${method} ${path}: ${(err as Error).message}`);
      return { status: 0, body: null };
    }
    const text = await res.text();
    if (res.status === 503) {
      this.unavailable++;
      if (!res.headers.get('content-type')?.includes('application/problem+json') || !res.headers.get('retry-after'))
        this.unexpected.push(`${method} ${path}: 503 without problem+json/Retry-After`);
    } else if (res.status >= 300) this.unexpected.push(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}

/**
 * A bounded filing load for fault tests against a server process: duty officers file, liaisons
 * acknowledge, anything not answered 2xx is retried later with its same Idempotency-Key, and
 * every answer other than 2xx or 503 problem+json with Retry-After is recorded as unexpected.
 */
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
    private readonly names = { title: '断库重启', key: 'restart' },
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

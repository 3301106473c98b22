/**
 * Web Push payload encryption (web-push's generateRequestDetails: a fresh ECDH key pair and
 * AES-GCM per message, RFC 8291) on a worker thread, so a fan-out to thousands of subscriptions
 * does its crypto beside the main thread, which meanwhile sends, reads and writes. The requests
 * of one tick go to the worker as one message. If the worker cannot start or dies, what it held
 * is encrypted on the main thread: slower, never lost.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import webpush from 'web-push';

type RequestDetails = ReturnType<typeof webpush.generateRequestDetails>;
export type PushRequestJob = Parameters<typeof webpush.generateRequestDetails>;
export interface PreparedPushRequest {
  endpoint: string;
  headers: Record<string, string>;
  body: Buffer;
}

type Answer = { ok: true; endpoint: string; headers: Record<string, string>; body: Uint8Array } | { ok: false; message: string };
interface Waiting {
  job: PushRequestJob;
  resolve: (request: PreparedPushRequest) => void;
  reject: (err: Error) => void;
}

// Plain CommonJS evaluated as the worker: it runs the same under tsx, vitest and the compiled server.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const webpush = require(workerData.webPush);
parentPort.on('message', ({ id, jobs }) => {
  const answers = jobs.map((job) => {
    try {
      const d = webpush.generateRequestDetails(...job);
      // A copy owns its memory, so it can be transferred (a pooled Buffer's cannot).
      return { ok: true, endpoint: d.endpoint, headers: d.headers, body: new Uint8Array(d.body) };
    } catch (err) {
      return { ok: false, message: String((err && err.message) || err) };
    }
  });
  parentPort.postMessage({ id, answers }, answers.filter((a) => a.ok).map((a) => a.body.buffer));
});
`;

function prepareHere(job: PushRequestJob): PreparedPushRequest {
  const d: RequestDetails = webpush.generateRequestDetails(...job);
  return { endpoint: d.endpoint, headers: d.headers as Record<string, string>, body: d.body as Buffer };
}

class PushEncryption {
  private worker: Worker | undefined;
  private broken = false;
  private queue: Waiting[] = [];
  private readonly inFlight = new Map<number, Waiting[]>();
  private nextId = 1;
  /** Messages encrypted on the worker and on the main thread, for /metrics and tests. */
  readonly encrypted = { onWorker: 0, here: 0 };

  /** Starts the worker ahead of the first fan-out, which would otherwise wait for it to load. */
  warm(): void {
    this.started();
  }

  prepare(...job: PushRequestJob): Promise<PreparedPushRequest> {
    if (this.broken) return new Promise((resolve, reject) => this.encryptHere([{ job, resolve, reject }]));
    return new Promise((resolve, reject) => {
      if (this.queue.push({ job, resolve, reject }) === 1) setImmediate(() => this.post());
    });
  }

  private post(): void {
    const batch = this.queue;
    this.queue = [];
    const worker = this.started();
    if (!worker) return this.encryptHere(batch);
    const id = this.nextId++;
    this.inFlight.set(id, batch);
    // Busy, it does: an answer on its way is not dropped by the process ending.
    worker.ref();
    worker.postMessage({ id, jobs: batch.map((w) => w.job) });
  }

  private started(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    try {
      // No inherited flags: the source is CommonJS even when the parent runs with --input-type=module or a loader.
      const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { webPush: createRequire(import.meta.url).resolve('web-push') } });
      worker.on('message', ({ id, answers }: { id: number; answers: Answer[] }) => this.answered(id, answers));
      worker.on('error', () => this.giveUp());
      worker.on('exit', () => this.giveUp());
      // Idle, it never keeps the process alive (unref after the listeners, which would ref it again).
      worker.unref();
      this.worker = worker;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  private answered(id: number, answers: Answer[]): void {
    const batch = this.inFlight.get(id) ?? [];
    this.inFlight.delete(id);
    if (this.inFlight.size === 0) this.worker?.unref();
    batch.forEach((w, i) => {
      const a = answers[i];
      if (a?.ok) this.encrypted.onWorker++;
      if (a?.ok) w.resolve({ endpoint: a.endpoint, headers: a.headers, body: Buffer.from(a.body.buffer, a.body.byteOffset, a.body.byteLength) });
      else w.reject(new Error(a?.message ?? 'push encryption failed'));
    });
  }

  /** The worker is gone: what it held, and everything after, is encrypted here. */
  private giveUp(): void {
    this.broken = true;
    this.worker = undefined;
    const held = [...this.inFlight.values()].flat();
    this.inFlight.clear();
    this.encryptHere(held);
  }

  private encryptHere(batch: Waiting[]): void {
    for (const w of batch) {
      try {
        w.resolve(prepareHere(w.job));
        this.encrypted.here++;
      } catch (err) {
        w.reject(err as Error);
      }
    }
  }
}

/** One per process: the work is stateless, and one thread beside the main one is what two cores give. */
export const pushEncryption = new PushEncryption();

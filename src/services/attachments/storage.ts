/**
 * Where attachment bytes live: in the row (bytea) by default, or as a file named by the
 * attachment's id in a configured directory. Node's fs is loaded only when a directory is used,
 * so the same services run where there is no file system.
 */
import { deskSettings, type Services } from '../context.js';

export interface StoredBytes {
  content: Uint8Array | null;
  storedName: string | null;
}

export async function storeBytes(services: Services, id: string, bytes: Uint8Array): Promise<StoredBytes> {
  const dir = deskSettings(services).attachmentsDir;
  if (!dir) return { content: bytes, storedName: null };
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  await mkdir(dir, { recursive: true });
  // The id is ours (prefixed, [0-9a-z_]); no part of the uploader's name reaches the path.
  await writeFile(join(dir, id), bytes, { flag: 'wx' });
  return { content: null, storedName: id };
}

/** Removes a file written for an upload whose row was never committed. */
export async function discardBytes(services: Services, stored: StoredBytes): Promise<void> {
  const dir = deskSettings(services).attachmentsDir;
  if (!dir || !stored.storedName) return;
  const { rm } = await import('node:fs/promises');
  const { join } = await import('node:path');
  await rm(join(dir, stored.storedName), { force: true });
}

export async function readBytes(services: Services, row: { content: Uint8Array | null; storedName: string | null }): Promise<Uint8Array> {
  if (row.content) return row.content;
  const dir = deskSettings(services).attachmentsDir;
  if (!dir || !row.storedName) throw new Error('attachment bytes missing: no content and no directory');
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  return new Uint8Array(await readFile(join(dir, row.storedName)));
}

/**
 * Reads a request body up to `maxBytes`, refusing as soon as it passes the limit — a client that
 * sends more (or lies in Content-Length) is cut off without the server holding the rest.
 */
export async function readBodyWithin(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array | 'too_large'> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return 'too_large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

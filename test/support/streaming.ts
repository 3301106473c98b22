/** Sends a large body a chunk at a time and stops as soon as the server answers. */
import { request } from 'node:http';

export interface StreamedAnswer {
  status: number;
  contentType: string;
  body: string;
  /** Bytes the client had handed to the socket when the answer arrived. */
  bytesSent: number;
}

export function streamUntilAnswered(
  baseUrl: string,
  path: string,
  options: { totalBytes: number; declareLength: boolean; headers?: Record<string, string> },
): Promise<StreamedAnswer> {
  const url = new URL(path, baseUrl);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.declareLength ? { 'content-length': String(options.totalBytes) } : { 'transfer-encoding': 'chunked' }),
        ...options.headers,
      },
    });
    req.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = bytesSent;
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(parts).toString(), bytesSent: sentWhenAnswered }),
      );
      res.on('error', reject);
    });
    // Once the server has answered it may close the connection under the rest of the body.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const pump = () => {
      while (!answered && bytesSent < options.totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, options.totalBytes - bytesSent));
        bytesSent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    const opening = '{"username":"';
    req.write(opening);
    bytesSent = opening.length;
    pump();
  });
}

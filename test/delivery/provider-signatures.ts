/**
 * Independent checks of the two providers' request signatures, as their documents describe them
 * (Alibaba Cloud V3 ACS3-HMAC-SHA256, Tencent Cloud TC3-HMAC-SHA256), for local receivers that
 * answer as the providers do. Written from the documents, not from the SDKs.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const percentEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Alibaba Cloud V3: the gateway error code, or the RPC parameters (query and form body). */
export function verifyAcs3(req: IncomingMessage, body: Buffer, keyId: string, secret: string): { code: string } | { params: Record<string, string> } {
  const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!auth) return { code: 'IncompleteSignature' };
  const [, id, signedHeaderList, signature] = auth as unknown as [string, string, string, string];
  if (id !== keyId) return { code: 'InvalidAccessKeyId.NotFound' };
  const signedHeaders = signedHeaderList.split(';');
  if (Object.keys(req.headers).some((h) => (h === 'host' || h.startsWith('x-acs-')) && !signedHeaders.includes(h))) return { code: 'IncompleteSignature' };
  const payloadHash = sha256(body);
  if (req.headers['x-acs-content-sha256'] !== payloadHash) return { code: 'SignatureDoesNotMatch' };
  const rawQuery = (req.url ?? '').split('?')[1] ?? '';
  const query = rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('=').map((p) => decodeURIComponent(p)) as [string, string]);
  const canonicalQuery = query
    .map(([k, v]) => [percentEncode(k), percentEncode(v ?? '')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
  const canonicalRequest = [req.method, new URL(req.url ?? '/', 'http://x').pathname, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join('\n');
  const expected = hmac(secret, `ACS3-HMAC-SHA256\n${sha256(canonicalRequest)}`);
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { code: 'SignatureDoesNotMatch' };
  const params: Record<string, string> = Object.fromEntries(query);
  if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
  return { params };
}

/** Tencent Cloud TC3: the Response.Error code to answer, or null. */
export function verifyTc3(req: IncomingMessage, body: Buffer, host: string, service: string, secretId: string, secretKey: string): string | null {
  const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!auth) return 'AuthFailure.InvalidAuthorization';
  const [, id, date, scopeService, signedHeaderList, signature] = auth as unknown as [string, string, string, string, string, string];
  if (id !== secretId) return 'AuthFailure.SecretIdNotFound';
  const timestamp = Number(req.headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return 'AuthFailure.SignatureExpire';
  if (scopeService !== service || date !== new Date(timestamp * 1000).toISOString().slice(0, 10)) return 'AuthFailure.SignatureFailure';
  const signedHeaders = signedHeaderList.split(';');
  const url = new URL(req.url ?? '/', `http://${host}`);
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${String(req.headers[h] ?? '').trim().toLowerCase()}\n`).join('');
  const canonicalRequest = [req.method, url.pathname, url.search.slice(1), canonicalHeaders, signedHeaderList, sha256(body)].join('\n');
  const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/${service}/tc3_request`, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  return timingSafeEqual(hmac(key, stringToSign), Buffer.from(signature, 'hex')) ? null : 'AuthFailure.SignatureFailure';
}

/**
 * One-tap acknowledgement links: `/a/<id>.<mac>`, where the MAC is an HMAC-SHA256 of the id under
 * the deployment's link secret. The id names a row binding the link to one notification and one
 * person until it expires; the MAC means ids cannot be guessed or forged.
 */
const encoder = new TextEncoder();

/** Imported once per secret: importing costs more than signing, and a fan-out signs thousands of links. */
const keys = new Map<string, Promise<CryptoKey>>();

function keyOf(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return key;
}

async function hmac(secret: string, data: string): Promise<string> {
  const key = await keyOf(secret);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(data)));
  // 96 bits is plenty for a link that expires and is bound server-side; it keeps SMS short.
  return btoa(String.fromCharCode(...mac.slice(0, 12))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function signLinkId(secret: string, id: string): Promise<string> {
  return `${id}.${await hmac(secret, id)}`;
}

/** The link id when the token's MAC is right, else null. Compared in constant time. */
export async function verifyLinkToken(secret: string, token: string): Promise<string | null> {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 100) return null;
  const id = token.slice(0, dot);
  const expected = await hmac(secret, id);
  const given = token.slice(dot + 1);
  if (given.length !== expected.length) return null;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0 ? id : null;
}

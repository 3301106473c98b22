/**
 * Debian's nginx, run by a test as the current user with its own prefix, config, pid and logs in
 * a temporary folder, on loopback ports, serving the shipped example (deploy/nginx-lianfang.conf)
 * with only its addresses, ports and paths replaced, so the example is what is tested. TLS uses a
 * self-signed certificate made here with the openssl command (nothing is downloaded).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
export const NGINX_EXAMPLE = new URL('../../deploy/nginx-lianfang.conf', import.meta.url).pathname;

/** Why nginx cannot run here, or null when it can. */
export function nginxUnavailable(): string | null {
  if (!existsSync(NGINX_BIN)) return `no nginx at ${NGINX_BIN} (apt-get install nginx; .ci/run does)`;
  return null;
}

export interface Certificate {
  certFile: string;
  keyFile: string;
  /** PEM, for clients to trust. */
  pem: string;
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid for two days. */
export async function selfSignedCertificate(dir: string): Promise<Certificate> {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', keyFile, '-out', certFile,
  ]);
  return { certFile, keyFile, pem: await readFile(certFile, 'utf8') };
}

export interface SiteSettings {
  /** host:port of each node. */
  nodes: string[];
  httpPort: number;
  httpsPort: number;
  certificate: Certificate;
  accessLog: string;
  /** false drops the sticky `hash` line (plain round robin), to show why it is there. */
  sticky?: boolean;
}

/** Replaces `from` (a string or pattern) exactly once, or says which part of the example changed. */
function replaceOnce(text: string, from: string | RegExp, to: string, what: string): string {
  const pattern = typeof from === 'string' ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : new RegExp(from.source, 'g' + from.flags.replace('g', ''));
  const found = text.match(pattern)?.length ?? 0;
  if (found !== 1) throw new Error(`deploy/nginx-lianfang.conf: expected one ${what}, found ${found}; update test/support/nginx.ts with the example`);
  return text.replace(pattern, () => to);
}

/** The shipped example with this machine's addresses, ports and paths. */
export function renderSite(example: string, site: SiteSettings): string {
  let text = example;
  const servers = example.match(/^[ \t]*server[ \t]+\d+\.\d+\.\d+\.\d+:\d+([^;\n]*);[ \t]*\n/gm) ?? [];
  if (servers.length < 2) throw new Error('deploy/nginx-lianfang.conf: expected the upstream to list two or more nodes');
  const parameters = servers[0]!.match(/:\d+([^;]*);/)![1];
  text = text.replace(servers.join(''), () => site.nodes.map((n) => `    server ${n}${parameters};\n`).join(''));
  if (text.includes(servers[0]!)) throw new Error('deploy/nginx-lianfang.conf: the upstream server lines are not together');
  if (site.sticky === false) text = replaceOnce(text, /^[ \t]*hash \$remote_addr consistent;.*\n/m, '', 'sticky `hash $remote_addr consistent;` line');
  text = replaceOnce(text, /listen 80;/, `listen 127.0.0.1:${site.httpPort};`, '`listen 80;`');
  text = replaceOnce(text, /listen 443 ssl http2;/, `listen 127.0.0.1:${site.httpsPort} ssl http2;`, '`listen 443 ssl http2;`');
  text = replaceOnce(text, /ssl_certificate[ \t]+\S+;/, `ssl_certificate ${site.certificate.certFile};`, 'ssl_certificate');
  text = replaceOnce(text, /ssl_certificate_key[ \t]+\S+;/, `ssl_certificate_key ${site.certificate.keyFile};`, 'ssl_certificate_key');
  text = replaceOnce(text, /access_log[ \t]+\S+[ \t]+lianfang;/, `access_log ${site.accessLog} lianfang;`, 'access_log … lianfang');
  return text;
}

export interface RunningNginx {
  dir: string;
  child: ChildProcess;
  errors(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts nginx in the foreground on the given site configuration; resolves once `port` accepts. */
export async function startNginx(dir: string, site: string, port: number): Promise<RunningNginx> {
  await mkdir(join(dir, 'temp'), { recursive: true });
  await writeFile(join(dir, 'site.conf'), site);
  // As root, nginx would hand its workers to `nobody`, who cannot enter this private folder: keep
  // them as the current user (as anyone else, nginx stays that user anyway).
  const main = [
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'events { worker_connections 512; }',
    'http {',
    `  access_log ${join(dir, 'other-access.log')};`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, 'temp', t)};`),
    `  include ${join(dir, 'site.conf')};`,
    '}',
  ].join('\n');
  await writeFile(join(dir, 'nginx.conf'), main);
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')];
  await run(NGINX_BIN, [...args, '-t', '-q']).catch((err) => {
    throw new Error(`nginx -t refused the configuration:\n${err.stderr}\n--- site.conf ---\n${site}`);
  });
  const child = spawn(NGINX_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errors = async () => `${stderr}${await readFile(join(dir, 'error.log'), 'utf8').catch(() => '')}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${await errors()}`);
    if (await accepts(port)) break;
    if (i > 200) throw new Error(`nginx did not listen on ${port}:\n${await errors()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    dir,
    child,
    errors,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

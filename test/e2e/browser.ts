/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), and signed-in
 * browser contexts for the end-to-end stories.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import type { TestServer } from '../support/server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=zh-CN'],
  });
}

export interface Viewport {
  width: number;
  height: number;
}

export const WALL: Viewport = { width: 1920, height: 1080 };
export const LAPTOP: Viewport = { width: 1366, height: 768 };

/** A fresh browser context; actions fail after 5 s rather than the test's 30. */
export async function newContext(browser: Browser, viewport: Viewport = WALL): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  context.setDefaultTimeout(5000);
  return context;
}

/** A context whose cookie jar holds a session of `username` (logged in through the API). */
export async function signedInContext(browser: Browser, server: TestServer, username: string, viewport: Viewport = WALL): Promise<BrowserContext> {
  const context = await newContext(browser, viewport);
  const res = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  if (res.status() !== 200) throw new Error(`login ${username}: ${res.status()}`);
  return context;
}

/** Collects what the page reports as broken, so a story can assert there was nothing. */
export function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // Refused requests and a socket that cannot connect while offline are logged by the browser
    // itself; the stories check statuses and the offline banner themselves.
    if (msg.type() === 'error' && !/Failed to load resource|WebSocket connection to .* failed|net::ERR_/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  return problems;
}

/** Resolves when `predicate` holds in the page, polling every 50 ms; rejects after `timeoutMs`. */
export async function within<T>(timeoutMs: number, what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** 08:41:05 in UTC+08:00, as the pages show times. */
export function clockText(iso: string, seconds = true): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}${seconds ? `:${p(d.getUTCSeconds())}` : ''}`;
}

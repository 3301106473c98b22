/** The API document publishes the event stream by type, so other systems can consume it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/contract/events.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('the event catalogue in /api/v1/openapi.json', () => {
  it('has one StreamEvent entry per event type, each with its data, and every reference resolves', async () => {
    const doc = (await server.request('GET', '/api/v1/openapi.json')).body;
    const entries: any[] = doc.components.schemas.StreamEvent.oneOf;
    expect(entries.map((e) => e.properties.type.const).sort()).toEqual([...EVENT_TYPES].sort());
    const escalated = entries.find((e) => e.properties.type.const === 'notification.escalated');
    expect(escalated.properties.data.required).toEqual(expect.arrayContaining(['notificationId', 'unitId', 'step', 'ackDueAt']));

    const refs = new Set<string>(JSON.stringify(doc).match(/"#\/[^"]+"/g)?.map((r) => r.slice(1, -1)) ?? []);
    const unresolved = [...refs].filter((ref) => ref.slice(2).split('/').reduce<any>((node, key) => node?.[key], doc) === undefined);
    expect(unresolved).toEqual([]);
  });
});

/**
 * What the desk reads besides incidents — the units' phone numbers, its settings, a report's
 * coordinates — and the words of the API's errors as people would read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { developerWords } from '../support/words.js';

let server: TestServer;
let duty = '';
let commander = '';
let admin = '';
let union: string;
let unionLiaison: string;

beforeAll(async () => {
  server = await startTestServer({ manualEngine: true });
  [duty, commander, admin] = (await Promise.all(['duty', 'commander', 'admin'].map((u) => server.login(u)))) as [string, string, string];
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  unionLiaison = await server.login(`liaison.${union}`);
}, 120_000);
afterAll(async () => server?.close());

describe('the phone book (GET /jurisdictions/{id}/phone-book)', () => {
  it('the duty officer and the commander read each unit’s liaison and head numbers; an edit by the admin shows at once', async () => {
    const users = (await server.request('GET', `/api/v1/admin/users?unitId=${union}`, { token: admin })).body.users;
    const head = users.find((u: any) => u.role === 'unit_head');
    expect((await server.request('PATCH', `/api/v1/admin/users/${head.id}`, { token: admin, body: { phone: '13912345678' } })).status).toBe(200);
    for (const token of [duty, commander]) {
      const res = await server.request('GET', '/api/v1/jurisdictions/xinyang/phone-book', { token });
      expect(res.status).toBe(200);
      const unit = res.body.units.find((u: any) => u.unitId === union);
      expect(unit.unitName).toContain('总工会');
      expect(unit.people).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ role: 'liaison', phone: expect.stringMatching(/^1\d{10}$/) }),
          expect.objectContaining({ role: 'unit_head', phone: '13912345678' }),
        ]),
      );
    }
  });

  it('a deactivated person or a cleared number is not offered', async () => {
    const users = (await server.request('GET', `/api/v1/admin/users?unitId=${union}`, { token: admin })).body.users;
    const liaison = users.find((u: any) => u.role === 'liaison');
    await server.request('PATCH', `/api/v1/admin/users/${liaison.id}`, { token: admin, body: { phone: null } });
    const unit = (await server.request('GET', '/api/v1/jurisdictions/xinyang/phone-book', { token: duty })).body.units.find((u: any) => u.unitId === union);
    expect(unit.people.map((p: any) => p.role)).toEqual(['unit_head']);
  });

  it('a liaison may not read it (403); another jurisdiction’s commission gets 404', async () => {
    expect((await server.request('GET', '/api/v1/jurisdictions/xinyang/phone-book', { token: unionLiaison })).status).toBe(403);
    const anji = await server.login('commander.anji');
    expect((await server.request('GET', '/api/v1/jurisdictions/xinyang/phone-book', { token: anji })).status).toBe(404);
    expect((await server.request('GET', '/api/v1/jurisdictions/xinyang/phone-book')).status).toBe(401);
  });
});

describe('the desk’s settings (GET /client-settings)', () => {
  it('answers without a session: the map link template (mainland default), demo accounts on, attachment limits', async () => {
    const res = await server.request('GET', '/api/v1/client-settings');
    expect(res.status).toBe(200);
    expect(res.body.mapUrlTemplate).toBe('https://uri.amap.com/search?keyword={address}');
    expect(res.body.demoAccounts).toBe(true);
    expect(res.body.attachments.maxBytes).toBe(10 * 1024 * 1024);
    expect(res.body.attachments.types.map((t: any) => t.extension)).toEqual(['jpg', 'png', 'webp', 'pdf', 'docx']);
  });
});

describe('coordinates on a report', () => {
  it('are optional, kept with the place, and shown to whoever sees the incident', async () => {
    const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ place: { address: '信阳市浉河区工业园路1号', lat: 32.1234, lng: 114.0765 } }) });
    expect(res.status).toBe(201);
    const detail = await server.request('GET', `/api/v1/incidents/${res.body.id}`, { token: commander });
    expect(detail.body.incident.place).toEqual({ address: '信阳市浉河区工业园路1号', lat: 32.1234, lng: 114.0765 });
  });

  it('outside China, not a number, or one without the other is refused naming the field', async () => {
    for (const [place, field] of [
      [{ address: '某地', lat: 95, lng: 114 }, 'place.lat'],
      [{ address: '某地', lat: 32, lng: 200 }, 'place.lng'],
      [{ address: '某地', lat: '32', lng: 114 }, 'place.lat'],
      [{ address: '某地', lat: 32 }, 'place.lng'],
    ] as const) {
      const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ place }) });
      expect(res.status, JSON.stringify(place)).toBe(422);
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
  });
});

describe('error messages read as a government form would', () => {
  const bad: [string, string, () => string | undefined, unknown, number][] = [
    ['POST', '/api/v1/auth/login', () => undefined, {}, 422],
    ['POST', '/api/v1/incidents', () => duty, {}, 422],
    [
      'POST',
      '/api/v1/incidents',
      () => duty,
      xinyangReport({
        occurredAt: '昨天上午',
        employer: { name: '', industry: 'x', ownership: 'y', licensed: 'yes', laborRelation: 'maybe', creditCode: 'ABC' },
        casualties: { exposed: 'many', acuteCases: -1, severeCases: 2, deaths: 1.5, anthraxCases: 0 },
        settings: ['moon'],
        hazard: { category: 'magic' },
        drill: 'yes',
        reporter: { name: '', phone: 'call me' },
      }),
      422,
    ],
    ['POST', '/api/v1/routing/preview', () => duty, { jurisdictionId: '' }, 422],
    ['POST', '/api/v1/notifications/ntf_missing/decline', () => unionLiaison, { reason: '' }, 422],
    ['POST', '/api/v1/me/phones', () => unionLiaison, { phone: '123' }, 422],
    ['POST', '/api/v1/admin/users', () => admin, { username: 'A', displayName: '', password: '1', role: 'boss', unitId: '' }, 422],
    ['PATCH', '/api/v1/admin/users/usr_missing', () => admin, { phone: 'abc' }, 422],
    ['GET', '/api/v1/incidents/inc_missing', () => duty, undefined, 404],
    ['GET', '/api/v1/board', () => undefined, undefined, 401],
    ['GET', '/api/v1/no-such-thing', () => duty, undefined, 404],
    ['GET', '/api/v1/board', () => unionLiaison, undefined, 403],
  ];
  it.each(bad.map((b, i) => [i, ...b] as const))('#%i %s %s', async (_i, method, path, token, body, status) => {
    const res = await server.request(method, path, { token: token(), body });
    expect(res.status).toBe(status);
    const words = [res.body.title, res.body.detail, ...(res.body.errors ?? []).map((e: any) => e.message)];
    for (const w of words) expect(developerWords(w), w).toEqual([]);
  });

  it('a body that is not JSON gets Chinese words too', async () => {
    const res = await server.request('POST', '/api/v1/incidents', { token: duty, raw: '{not json' });
    expect(res.status).toBe(400);
    expect(developerWords(`${res.body.title} ${res.body.detail}`)).toEqual([]);
  });
});

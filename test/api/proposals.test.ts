/**
 * 征求意见 (信阳 四(四)) over HTTP: the office puts a proposal to three units; two agree, one
 * objects with the reason; the office refers it to the government and records the decision. An
 * agreed proposal cannot be referred; only the units concerned see it; bad input names the field.
 */
import { count, eq, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/db/schema.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-11-23T01:00:00.000Z');
const at = (hours: number) => new Date(START.getTime() + hours * 3_600_000).toISOString();
let server: TestServer;
let office: string;
const unit: Record<'union' | 'hrss' | 'eco' | 'finance', string> = {} as never;
const token: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ fixedClock: START, manualEngine: true });
  office = await server.login('commander');
  const duty = await server.login('duty');
  for (const [k, part] of [['union', '总工会'], ['hrss', '人力资源'], ['eco', '生态环境'], ['finance', '财政']] as const) {
    unit[k] = await unitIdByName(server, duty, 'xinyang', part);
    token[k] = await server.login(`liaison.${unit[k]}`);
  }
});
afterAll(async () => server?.close());

const lastSeq = async () => (await server.services.db.select({ seq: max(events.seq) }).from(events))[0]?.seq ?? 0;
async function refused(status: number, method: string, path: string, t: string, body?: unknown, field?: string) {
  const before = await lastSeq();
  const res = await server.request(method, path, { token: t, body });
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (field) expect(JSON.stringify(res.body)).toContain(field);
  expect(await lastSeq()).toBe(before);
}
const proposal = (over: Record<string, unknown> = {}) => ({ kind: 'campaign', title: '联合开展尘毒危害专项整治', text: '拟由卫健委牵头，人社、总工会、生态环境配合。', unitIds: [unit.union, unit.hrss, unit.eco], dueAt: at(48), ...over });

describe('a proposal the units do not all agree to', () => {
  let id: string;
  it('the office puts it to the units concerned; bad input and the wrong people are refused', async () => {
    await refused(422, 'POST', '/api/v1/proposals', office, proposal({ unitIds: ['nope'] }), 'unitIds.0');
    // A unit chosen twice is a slip to point out, not to merge silently.
    await refused(422, 'POST', '/api/v1/proposals', office, proposal({ unitIds: [unit.union, unit.hrss, unit.union] }), '{"field":"unitIds.2","message":"同一单位只能选一次');
    await refused(422, 'POST', '/api/v1/proposals', office, proposal({ dueAt: at(-1) }), 'dueAt');
    // No further out than a task may be due (366 days).
    await refused(422, 'POST', '/api/v1/proposals', office, proposal({ dueAt: at(24 * 367) }), '{"field":"dueAt","message":"答复时限不能超过366天以后"}');
    expect((await server.request('GET', '/api/v1/proposals', { token: office })).body.proposals).toEqual([]);
    await refused(403, 'POST', '/api/v1/proposals', token.union!, proposal());
    const res = await server.request('POST', '/api/v1/proposals', { token: office, body: proposal() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.proposal.id;
    expect((await server.request('GET', `/api/v1/proposals/${id}`, { token: token.finance })).status).toBe(404);
    expect((await server.request('GET', '/api/v1/proposals', { token: token.finance })).body.proposals).toEqual([]);
    expect((await server.request('GET', '/api/v1/standing-requests', { token: token.union })).body.requests).toMatchObject([{ kind: 'proposal_consent', role: 'concerned' }]);
  });

  it('two agree, one objects with the reason; it is then disagreed', async () => {
    await refused(422, 'POST', `/api/v1/proposals/${id}/consent`, token.eco!, { decision: 'object' }, 'reason');
    await refused(404, 'POST', `/api/v1/proposals/${id}/consent`, token.finance!, { decision: 'agree' });
    for (const k of ['union', 'hrss'] as const) expect((await server.request('POST', `/api/v1/proposals/${id}/consent`, { token: token[k], body: { decision: 'agree' } })).body.proposal.state).toBe('consulting');
    await refused(409, 'POST', `/api/v1/proposals/${id}/refer`, office, { note: '尚未全部表态' });
    const objected = await server.request('POST', `/api/v1/proposals/${id}/consent`, { token: token.eco, body: { decision: 'object', reason: '放射源污染整治应由生态环境局另行牵头' } });
    expect(objected.body).toMatchObject({ request: { state: 'objected' }, proposal: { state: 'disagreed' } });
    await refused(409, 'POST', `/api/v1/proposals/${id}/consent`, token.union!, { decision: 'object', reason: '改变主意' });
    const mine = await server.request('GET', `/api/v1/proposals/${id}`, { token: token.union });
    expect(mine.body.requests.map((r: any) => r.unitId)).toEqual([unit.union]);
    const all = await server.request('GET', `/api/v1/proposals/${id}`, { token: office });
    expect(all.body.requests.find((r: any) => r.unitId === unit.eco).answer.reason).toBe('放射源污染整治应由生态环境局另行牵头');
  });

  it('the office refers it to the government with the opinions, then records the decision', async () => {
    await refused(409, 'POST', `/api/v1/proposals/${id}/outcome`, office, { outcome: '尚未报请' });
    await refused(403, 'POST', `/api/v1/proposals/${id}/refer`, token.union!, { note: '总工会代报' });
    await refused(422, 'POST', `/api/v1/proposals/${id}/refer`, office, { note: '' }, 'note');
    const referred = await server.request('POST', `/api/v1/proposals/${id}/refer`, { token: office, body: { note: '生态环境局认为放射源部分应另行牵头，其余单位同意' } });
    expect(referred.body.proposal).toMatchObject({ state: 'referred', referralNote: '生态环境局认为放射源部分应另行牵头，其余单位同意' });
    const decided = await server.request('POST', `/api/v1/proposals/${id}/outcome`, { token: office, body: { outcome: '市政府同意联合整治，放射源部分由生态环境局牵头' } });
    expect(decided.body.proposal).toMatchObject({ state: 'decided', outcome: '市政府同意联合整治，放射源部分由生态环境局牵头' });
    const seen = await server.request('GET', `/api/v1/proposals/${id}`, { token: token.eco });
    expect(seen.body.proposal.outcome).toContain('市政府同意');
  });

  it('a proposal every unit agrees to is agreed and is not referred', async () => {
    const p = (await server.request('POST', '/api/v1/proposals', { token: office, body: proposal({ kind: 'publicity', title: '联合发布职业健康宣传周通告', unitIds: [unit.union] }) })).body.proposal;
    const agreed = await server.request('POST', `/api/v1/proposals/${p.id}/consent`, { token: token.union, body: { decision: 'agree' } });
    expect(agreed.body.proposal.state).toBe('agreed');
    await refused(409, 'POST', `/api/v1/proposals/${p.id}/refer`, office, { note: '无需报请' });
    // The agreement that settled it, sent again (its answer was lost on the way back), is that agreement.
    const settledEvents = await server.services.db.select({ n: count() }).from(events).where(eq(events.type, 'proposal.settled'));
    const retried = await server.request('POST', `/api/v1/proposals/${p.id}/consent`, { token: token.union, body: { decision: 'agree' } });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(agreed.body);
    expect(await server.services.db.select({ n: count() }).from(events).where(eq(events.type, 'proposal.settled'))).toEqual(settledEvents);
    // Another answer after it settled is refused, as before.
    await refused(409, 'POST', `/api/v1/proposals/${p.id}/consent`, token.union!, { decision: 'object', reason: '改变主意' });
  });
});

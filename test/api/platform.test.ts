import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('platform', () => {
  it('/healthz answers 200 when the database is reachable', async () => {
    const res = await server.request('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('keeps an idle connection longer than a proxy does (nginx: 60 s), so a reused one is never reset under it', async () => {
    const res = await server.request('GET', '/healthz');
    expect(res.headers.get('keep-alive')).toBe('timeout=75');
  });

  it('the OpenAPI 3.1 document describes the fixed contract', async () => {
    const res = await server.request('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/jurisdictions/{id}/units',
      '/api/v1/routing/preview',
      '/api/v1/incidents',
      '/api/v1/incidents/{id}',
      '/api/v1/inbox',
      '/api/v1/notifications/{id}/acknowledge',
      '/api/v1/notifications/{id}/decline',
    ])
      expect(Object.keys(res.body.paths)).toContain(path);
    expect(res.body.components.schemas.ReportSubmission.properties.casualties).toBeDefined();
    expect(res.body.components.schemas.Problem).toBeDefined();
  });

  it('the human docs page and its assets come from this server, not a CDN', async () => {
    const page = await server.request('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/https?:\/\//);
    const js = await fetch(`${server.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(js.status).toBe(200);
    expect((await js.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${server.url}/api/docs/assets/package.json`)).status).toBe(404);
  });

  it('an unknown path is a 404 problem', async () => {
    const res = await server.request('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('lists the member units of 信阳 with their quoted duties', async () => {
    const token = await server.login('liaison.' + (await firstUnit()));
    const res = await server.request('GET', '/api/v1/jurisdictions/xinyang/units', { token });
    expect(res.status).toBe(200);
    expect(res.body.units.length).toBeGreaterThanOrEqual(15);
    const union = res.body.units.find((u: any) => u.name.includes('总工会'));
    expect(union.duties.some((d: any) => d.text.includes('依法参与职业病危害事故的调查处理'))).toBe(true);
    expect((await server.request('GET', '/api/v1/jurisdictions/atlantis/units', { token })).status).toBe(404);
  });

  it('every bundled jurisdiction is installed', async () => {
    const token = await server.login('admin');
    const res = await server.request('GET', '/api/v1/jurisdictions', { token });
    expect(res.body.jurisdictions.map((j: any) => j.id).sort()).toEqual(['anji', 'guangdong', 'licheng', 'ningde', 'xinyang']);
  });
});

async function firstUnit(): Promise<string> {
  const token = await server.login('admin');
  const res = await server.request('GET', '/api/v1/jurisdictions/xinyang/units', { token });
  return res.body.units[0].id;
}

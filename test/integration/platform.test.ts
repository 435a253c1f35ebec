import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Client, startTestApp, testConfig, type TestApp } from '../support/app';
import { PASSWORD, completeFiling, enterpriseWithUser } from '../support/fixtures';
import { TEST_DB_KIND } from '../support/db';
import { buildApp } from '../../src/server/app';
import { ensureDemoData } from '../../src/db/demo';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('platform', () => {
  it('serves health and a valid OpenAPI 3 document generated from the schemas', async () => {
    const c = new Client(t.app);
    const health = await c.get<{ status: string; database: string }>('/api/health');
    expect(health.body).toEqual({ status: 'ok', demo: 'off', database: TEST_DB_KIND });
    const doc = await c.get<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/projects', '/api/v1/projects/stats', '/api/v1/auth/login', '/api/v1/public/filings']));
    // The list documents its orders: the sort and order parameters with their allowed values.
    const params = (doc.body.paths['/api/v1/projects'] as { get: { parameters: Array<{ name: string; schema: { enum?: string[] } }> } }).get.parameters;
    expect(params.find((p) => p.name === 'sort')?.schema.enum).toEqual(['submittedAt', 'stage']);
    expect(params.find((p) => p.name === 'order')?.schema.enum).toEqual(['asc', 'desc']);
    const validated = await SwaggerParser.validate(structuredClone(doc.body) as never);
    expect(validated).toBeTruthy();
    const docs = await c.get('/api/docs/');
    expect([200, 302]).toContain(docs.status);
  });

  it('sends security headers and a request id', async () => {
    const res = await new Client(t.app).get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('records an audit event for every write, in the same transaction, with actor, organisation, request id and address', async () => {
    const { account, org } = await enterpriseWithUser(t.db);
    const c = new Client(t.app, '10.1.2.3');
    await c.login(account, PASSWORD);
    const d = await c.post<{ id: string }>('/api/v1/projects', completeFiling);
    await c.post(`/api/v1/projects/${d.body.id}/transitions`, { event: 'submitFiling' });
    const rows = await t.db.execute<{ action: string; actor_org_id: string; request_id: string; ip: string }>(
      sql`select action, actor_org_id, request_id, ip from audit_events where project_id = ${d.body.id} order by id`,
    );
    expect(rows.rows.map((r) => r.action)).toEqual(['project.created', 'project.submitFiling']);
    for (const r of rows.rows) {
      expect(r.actor_org_id).toBe(org.id);
      expect(r.request_id).toBeTruthy();
      expect(r.ip).toBe('10.1.2.3');
    }
  });

  it('loads the demo data once, however often it is asked', async () => {
    expect(await ensureDemoData(t.db)).toBe(true);
    expect(await ensureDemoData(t.db)).toBe(false);
    const orgs = await t.db.execute<{ type: string; n: number }>(sql`select type, count(*)::int as n from organizations where name not like '%-%' group by type`);
    const byType = Object.fromEntries(orgs.rows.map((r) => [r.type, Number(r.n)]));
    expect(byType.institution_comprehensive).toBe(5);
    expect(byType.institution_diagnostic).toBe(4);
    expect(byType.leading_unit).toBe(18);
    expect(byType.town).toBe(23);
    await new Client(t.app).login('reviewer@zs-pilot.cn', 'Demo2026');
    await new Client(t.app).login('13800000001', 'Demo2026');
  });
});

describe.runIf(TEST_DB_KIND === 'postgres')('two server instances on one PostgreSQL', () => {
  it('serve the same users: a session, CSRF token and throttle made on one work on the other', async () => {
    const second = await t.testDb.reopen();
    const app2 = await buildApp(testConfig(), second);
    await app2.ready();
    try {
      const { account } = await enterpriseWithUser(t.db);
      const a = new Client(t.app);
      await a.login(account, PASSWORD);
      // One browser, alternating between the two instances.
      const b = a.via(app2);
      const created = await b.post<{ id: string }>('/api/v1/projects', completeFiling);
      expect(created.status).toBe(201);
      const seenOnA = await a.get<{ id: string }>(`/api/v1/projects/${created.body.id}`);
      expect(seenOnA.status).toBe(200);
      const submitted = await b.post<{ filingNo: string }>(`/api/v1/projects/${created.body.id}/transitions`, { event: 'submitFiling' });
      expect(submitted.body.filingNo).toBeTruthy();
      // The other instance drops its cached copy when the change feed brings the write (the documented bound, here
      // milliseconds): the writer's own instance has it at once (test/integration/cache.test.ts).
      await expect
        .poll(async () => (await a.get<{ filingNo: string | null }>(`/api/v1/projects/${created.body.id}`)).body.filingNo, { timeout: 2_000, interval: 20 })
        .toBe(submitted.body.filingNo);
      const { account: victim } = await enterpriseWithUser(t.db);
      for (let i = 0; i < 5; i++) {
        const inst = i % 2 === 0 ? t.app : app2;
        await new Client(inst, '10.7.7.7').post('/api/v1/auth/login', { account: victim, password: 'wrong-pass1' });
      }
      // Failures counted on both instances throttle that account from that address on either of them, while the
      // owner still signs in from another address (the throttle is per account and address).
      const locked = await new Client(app2, '10.7.7.7').post<{ code: string }>('/api/v1/auth/login', { account: victim, password: PASSWORD });
      expect(locked.body.code).toBe('AUTH_THROTTLED');
      const owner = await new Client(t.app, '10.7.7.8').post<{ code?: string }>('/api/v1/auth/login', { account: victim, password: PASSWORD });
      expect(owner.status).toBe(200);
    } finally {
      await app2.close();
    }
  });
});

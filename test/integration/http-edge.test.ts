/**
 * The edges of HTTP: framework errors in the platform's shape with the security headers, the CSP and HSTS
 * by configuration (plain HTTP on an intranet address works), caching by route, health.
 */
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Client, startTestApp, testConfig, type TestApp } from '../support/app';
import { createTestDb } from '../support/db';
import { PASSWORD, completeFiling, enterpriseWithUser } from '../support/fixtures';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Headers = Record<string, string | string[] | number | undefined>;

function expectSecurityHeaders(h: Headers): void {
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBeDefined();
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(String(h['content-security-policy'])).toContain("default-src 'self'");
  expect(h['x-request-id']).toBeTruthy();
  expect(h['cache-control']).toBe('no-store');
}

function expectShape(body: unknown, code: string): void {
  expect(body).toMatchObject({ code, message: expect.any(String) });
  expect(Object.keys(body as object).sort()).toEqual(['code', 'details', 'message']);
}

async function rawHttp(app: TestApp['app'], request: string | Buffer): Promise<{ head: string; body: string }> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const answer = await new Promise<string>((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.end(request));
    let data = '';
    s.setEncoding('latin1');
    s.on('data', (d: string) => (data += d));
    s.on('end', () => resolve(data));
    s.on('error', reject);
  });
  const i = answer.indexOf('\r\n\r\n');
  return { head: answer.slice(0, i), body: answer.slice(i + 4) };
}

describe('framework errors', () => {
  it('answers router errors (malformed percent-encoding, over-long parameters) in the platform shape with the security headers', async () => {
    const cases: Array<[string, string]> = [
      ['/api/v1/projects/%E0%A4%A', 'BAD_URL'],
      ['/api/v1/projects/%ED%A0%80/timeline', 'BAD_URL'],
      ['/api/v1/assessments/%', 'BAD_URL'],
      [`/api/v1/projects/${'a'.repeat(300)}`, 'BAD_URL'],
      ['/api/v1/projects?q=%zz', 'BAD_URL'],
      ['/%zz', 'BAD_URL'],
    ];
    for (const [url, code] of cases) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const res = await t.app.inject({ url, headers: { 'x-lang': lang } });
        expect(res.statusCode, url).toBe(400);
        expectShape(res.json(), code);
        expectSecurityHeaders(res.headers);
        expect(res.json().message).toMatch(lang === 'en' ? /malformed/ : /网址/);
      }
    }
  });

  it('answers content-type and body errors in the platform shape', async () => {
    const { account } = await enterpriseWithUser(t.db);
    const c = new Client(t.app);
    const login = await c.login(account, PASSWORD);
    const cookie = login.raw.cookies.map((k) => `${k.name}=${k.value}`).join('; ');
    const h = { cookie, 'x-csrf-token': c.csrf! };
    const cases: Array<[Record<string, string>, string | Buffer, number, string]> = [
      [{ 'content-type': 'text/plain' }, '{}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ 'content-type': 'application/xml' }, '<a/>', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ 'content-type': 'application/x-www-form-urlencoded' }, 'a=1', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ 'content-type': 'multipart/form-data; boundary=x' }, '--x--', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ 'content-type': 'application/json' }, '', 400, 'MALFORMED_JSON'],
      [{ 'content-type': 'application/json' }, '{"a":', 400, 'MALFORMED_JSON'],
      [{ 'content-type': 'application/json' }, '{"__proto__":{"x":1}}', 400, 'MALFORMED_JSON'],
      [{ 'content-type': 'application/json' }, '{"constructor":{"prototype":{"x":1}}}', 400, 'MALFORMED_JSON'],
      [{ 'content-type': 'application/json; charset=utf-8' }, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), 400, 'INVALID_ENCODING'],
      [{ 'content-type': 'application/json' }, `{"title":"${'x'.repeat(1_100_000)}"}`, 413, 'BODY_TOO_LARGE'],
    ];
    for (const [headers, payload, status, code] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/projects', headers: { ...h, ...headers }, payload });
      expect(res.statusCode, `${headers['content-type']} ${String(payload).slice(0, 20)}`).toBe(status);
      expectShape(res.json(), code);
      expectSecurityHeaders(res.headers);
    }
  });

  it('answers requests the HTTP parser refuses in the platform shape with the security headers', async () => {
    for (const req of ['GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 'NOT A REQUEST\r\n\r\n', `GET /api/health HTTP/1.1\r\nHost: x\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`]) {
      const { head, body } = await rawHttp(t.app, req);
      expect(head).toMatch(/^HTTP\/1\.1 4\d\d/);
      expect(head.toLowerCase()).toContain('x-content-type-options: nosniff');
      expect(head.toLowerCase()).toContain('content-security-policy:');
      expect(JSON.parse(body)).toMatchObject({ code: 'BAD_REQUEST', message: expect.any(String) });
    }
  });

  it('answers an unknown route and a signed-out call in the shape, with no-store', async () => {
    const nf = await t.app.inject({ url: '/api/v1/nope' });
    expect(nf.statusCode).toBe(404);
    expectShape(nf.json(), 'ROUTE_NOT_FOUND');
    expectSecurityHeaders(nf.headers);
    const me = await t.app.inject({ url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(401);
    expectSecurityHeaders(me.headers);
  });
});

describe('values the database refuses after validation', () => {
  it('are the caller\'s input (400 / 409), never a 500', async () => {
    const { account } = await enterpriseWithUser(t.db);
    const c = new Client(t.app);
    await c.login(account, PASSWORD);
    // A data exception (class 22): here a column narrower than the schema allows.
    await t.db.execute(sql`alter table projects add constraint zz_edge_short check (char_length(title) < 200)`);
    await t.db.execute(sql`alter table projects alter column title type varchar(12)`);
    try {
      const long = await c.post<{ code: string; details: { reason: string; sqlstate: string } }>('/api/v1/projects', { ...completeFiling, title: '很长的项目名称超过十二个字符的标题' });
      expect(long.status).toBe(400);
      expect(long.body.code).toBe('VALIDATION_FAILED');
      expect(long.body.details).toMatchObject({ reason: 'DATA_REJECTED', sqlstate: '22001' });
    } finally {
      await t.db.execute(sql`alter table projects alter column title type text`);
      await t.db.execute(sql`alter table projects drop constraint zz_edge_short`);
    }
    // A unique violation the service did not foresee (a race): 409.
    await t.db.execute(sql`create unique index zz_edge_unique on projects (title) where title = '并发重复标题'`);
    try {
      expect((await c.post('/api/v1/projects', { ...completeFiling, title: '并发重复标题' })).status).toBe(201);
      // (different content: the same content from the same session is an idempotent repeat)
      const again = await c.post<{ code: string }>('/api/v1/projects', { ...completeFiling, title: '并发重复标题', needs: '另一份需求' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CONFLICT');
    } finally {
      await t.db.execute(sql`drop index zz_edge_unique`);
    }
  });
});

describe('security headers by configuration', () => {
  it('over plain HTTP (the default): no upgrade-insecure-requests, no HSTS — also on the API docs', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toBeDefined();
    expect(docs.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
  });

  it('reads HTTPS=1 (or the older SECURE_COOKIES=1) as one setting', () => {
    const saved = { HTTPS: process.env.HTTPS, SECURE_COOKIES: process.env.SECURE_COOKIES };
    try {
      const read = (https: string | undefined, secure: string | undefined) => {
        if (https === undefined) delete process.env.HTTPS;
        else process.env.HTTPS = https;
        if (secure === undefined) delete process.env.SECURE_COOKIES;
        else process.env.SECURE_COOKIES = secure;
        const c = loadConfig();
        return [c.https, c.secureCookies];
      };
      expect(read(undefined, undefined)).toEqual([false, false]);
      expect(read('1', undefined)).toEqual([true, true]);
      expect(read('1', '0')).toEqual([true, true]);
      expect(read(undefined, '1')).toEqual([true, true]);
      expect(read('0', '0')).toEqual([false, false]);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('with HTTPS=1: upgrade-insecure-requests and HSTS, on framework errors too', async () => {
    const db = await createTestDb();
    const app = await buildApp(testConfig({ https: true }), db.handle);
    try {
      await app.ready();
      for (const url of ['/api/health', '/api/v1/projects/%E0%A4%A', '/api/docs/']) {
        const res = await app.inject({ url });
        expect(res.headers['content-security-policy'], url).toMatch(/upgrade-insecure-requests/);
        if (!url.startsWith('/api/docs')) expect(res.headers['strict-transport-security'], url).toMatch(/max-age=31536000/);
      }
    } finally {
      await app.close();
      await db.drop();
    }
  });

  it('keeps a route\'s own cache policy and makes every other API answer no-store', async () => {
    const ref = await t.app.inject({ url: '/api/v1/reference' });
    expect(ref.statusCode).toBe(200);
    expect(ref.headers['cache-control']).toBe('public, max-age=300');
    const stats = await t.app.inject({ url: '/api/v1/public/stats' });
    expect(stats.headers['cache-control']).toBe('no-store');
  });
});

describe('health and an unreachable database', () => {
  it('liveness needs no database; readiness and /api/health check it', async () => {
    const live = await t.app.inject({ url: '/api/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    for (const url of ['/api/health/ready', '/api/health']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok' });
    }
  });

  it('answers 503 DB_UNAVAILABLE with Retry-After when the database is gone, while liveness stays 200', async () => {
    const db = await createTestDb();
    const app = await buildApp(testConfig(), db.handle);
    await app.ready();
    try {
      const { account } = await enterpriseWithUser(db.handle.db);
      const c = new Client(app, '127.0.0.1', 'en');
      await c.login(account, PASSWORD);
      await db.handle.close();
      db.handle.close = async () => undefined; // closed once; drop() still removes the database
      for (const url of ['/api/v1/projects', '/api/v1/auth/me', '/api/health/ready', '/api/health', '/api/v1/public/filings']) {
        const res = await c.get<{ code: string; message: string }>(url);
        expect(res.status, url).toBe(503);
        expectShape(res.body, 'DB_UNAVAILABLE');
        expect(res.body.message).toMatch(/temporarily unavailable/);
        expect(res.headers['retry-after']).toBe('5');
        expectSecurityHeaders(res.headers);
      }
      const write = await c.post<{ code: string }>('/api/v1/projects', { title: 'x' });
      expect(write.status).toBe(503);
      expect((await c.get('/api/health/live')).status).toBe(200);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});

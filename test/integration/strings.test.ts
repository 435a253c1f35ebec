/**
 * Text the database cannot store (U+0000, lone surrogates) is a 400 with a field-level code, wherever it
 * arrives: JSON escapes, raw bytes, percent-encoding; body, query string, path parameters, nested values, keys.
 */
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, completeFiling, enterpriseWithUser, nextSeq, orgWithUser, registrationBody } from '../support/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface ErrorBody {
  code: string;
  message: string;
  details: { fields?: Array<{ path: string; code: string; message: string }> } | null;
}

const NUL = 'a\u0000b';
const LONE_HIGH = 'a\ud800b';
const LONE_LOW = '\udc00';

function expectUnstorable(res: { status: number; body: unknown }, path: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  const body = res.body as ErrorBody;
  expect(body.code).toBe('VALIDATION_FAILED');
  const field = body.details?.fields?.find((f) => f.path === path);
  expect(field, `${path} in ${JSON.stringify(body.details)}`).toMatchObject({ code: 'UNSTORABLE_CHAR' });
  expect(field!.message.length).toBeGreaterThan(5);
}

async function projectCount(): Promise<number> {
  const r = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from projects`);
  return Number(r.rows[0]!.n);
}

interface OpenApiOp {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, { type?: string }> } }> };
}

describe('unstorable text is refused in one place', () => {
  it('refuses NUL in every query parameter and every top-level body field of every operation in the OpenAPI document', async () => {
    const { account } = await enterpriseWithUser(t.db);
    const c = new Client(t.app);
    await c.login(account, PASSWORD);
    const doc = (await c.get<{ paths: Record<string, Record<string, OpenApiOp>> }>('/api/openapi.json')).body;
    const id = '00000000-0000-4000-8000-000000000000';
    let checked = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const url = template.replace(/\{[^}]+\}/g, id);
        for (const p of op.parameters ?? []) {
          if (p.in !== 'query') continue;
          const res = await c.request(method.toUpperCase() as 'GET', `${url}?${p.name}=%00x`, method === 'get' ? undefined : {});
          expectUnstorable(res, `querystring.${p.name}`);
          checked += 1;
        }
        const props = op.requestBody?.content?.['application/json']?.schema?.properties ?? {};
        for (const name of Object.keys(props)) {
          for (const bad of [NUL, LONE_HIGH]) {
            const res = await c.request(method.toUpperCase() as 'POST', url, { [name]: bad });
            expectUnstorable(res, name);
            checked += 1;
          }
        }
      }
    }
    // list filters, search, export, public lists, admin lists; login, register, filing, assessments, delegations
    expect(checked).toBeGreaterThan(40);
  });

  it('refuses NUL and lone surrogates at sign-in and registration (signed out) instead of a 500', async () => {
    const anon = new Client(t.app);
    expectUnstorable(await anon.post('/api/v1/auth/login', { account: NUL, password: 'x' }), 'account');
    expectUnstorable(await anon.post('/api/v1/auth/login', { account: '13800000001', password: LONE_LOW }), 'password');
    expectUnstorable(await anon.post('/api/v1/auth/register', registrationBody(nextSeq(), { name: `中山${NUL}公司` })), 'name');
    expectUnstorable(await anon.post('/api/v1/auth/register', registrationBody(nextSeq(), { contactName: LONE_HIGH })), 'contactName');
  });

  it('does not store a lone surrogate as U+FFFD on create, and gives a 400 (not a 500 from the audit insert) on update', async () => {
    const { account } = await enterpriseWithUser(t.db);
    const c = new Client(t.app);
    await c.login(account, PASSWORD);
    const before = await projectCount();
    expectUnstorable(await c.post('/api/v1/projects', { ...completeFiling, title: LONE_HIGH }), 'title');
    expect(await projectCount()).toBe(before);
    const draft = await c.post<{ id: string; revision: number }>('/api/v1/projects', completeFiling);
    expect(draft.status).toBe(201);
    expectUnstorable(await c.patch(`/api/v1/projects/${draft.body.id}`, { revision: draft.body.revision, situation: `现状${LONE_HIGH}` }), 'situation');
    expectUnstorable(await c.patch(`/api/v1/projects/${draft.body.id}`, { revision: draft.body.revision, needs: `\ud83d` }), 'needs');
    // Well-formed text outside the BMP (a surrogate pair) is stored exactly.
    const ok = await c.patch<{ situation: string }>(`/api/v1/projects/${draft.body.id}`, { revision: draft.body.revision, situation: '现状 😀 𠀀 é' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const read = await c.get<{ situation: string }>(`/api/v1/projects/${draft.body.id}`);
    expect(read.body.situation).toBe('现状 😀 𠀀 é');
  });

  it('names nested values and keys, in English too', async () => {
    const { account } = await enterpriseWithUser(t.db);
    const c = new Client(t.app, '127.0.0.1', 'en');
    await c.login(account, PASSWORD);
    const res = await c.request<ErrorBody>('PUT', `/api/v1/assessments/00000000-0000-4000-8000-000000000000/answers`, {
      revision: 1,
      answers: { q1: { values: ['ok', NUL] }, [`k${'\u0000'}`]: 1 },
    });
    expectUnstorable(res, 'answers.q1.values.1');
    expectUnstorable(res, 'answers.k\\u0000');
    expect(res.body.details?.fields?.[0]?.message).toMatch(/cannot be stored/);
    // Deeply nested JSON is walked without recursion limits.
    const deep = `${'['.repeat(5_000)}"${'\\u0000'}"${']'.repeat(5_000)}`;
    const d = await c.request<ErrorBody>('POST', '/api/v1/projects', deep, { 'content-type': 'application/json' });
    expect(d.status).toBe(400);
    expect(d.body.details?.fields?.[0]?.code).toBe('UNSTORABLE_CHAR');
  });

  it('refuses a body that is not valid UTF-8 instead of silently replacing bytes with U+FFFD', async () => {
    const { account } = await enterpriseWithUser(t.db);
    const c = new Client(t.app);
    const login = await c.login(account, PASSWORD);
    const cookie = login.raw.cookies.map((k) => `${k.name}=${k.value}`).join('; ');
    const before = await projectCount();
    for (const bytes of [[0xed, 0xa0, 0x80], [0xff], [0xc3], [0xe6, 0x97]]) {
      const payload = Buffer.concat([Buffer.from(`{"title":"a`), Buffer.from(bytes), Buffer.from(`","situation":"x"}`)]);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/projects',
        headers: { cookie, 'x-csrf-token': c.csrf!, 'content-type': 'application/json; charset=utf-8' },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_ENCODING' });
    }
    expect(await projectCount()).toBe(before);
    // The same body in valid UTF-8 (with a BOM) is accepted.
    const good = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ ...completeFiling, title: '编码正确的项目' }))]);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/projects', headers: { cookie, 'x-csrf-token': c.csrf!, 'content-type': 'application/json' }, payload: good });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses percent-encoded NUL and lone surrogates in paths and query strings', async () => {
    const admin = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
    const c = new Client(t.app);
    await c.login(admin.account, PASSWORD);
    expectUnstorable(await c.get('/api/v1/projects/%00'), 'params.id');
    expectUnstorable(await c.get('/api/v1/admin/organizations?q=%E4%B8%AD%00'), 'querystring.q');
    expectUnstorable(await c.get('/api/v1/projects/export.xlsx?q=%00'), 'querystring.q');
    expectUnstorable(await c.get('/api/v1/public/filings?q=a%00'), 'querystring.q');
    expectUnstorable(await c.get('/api/v1/projects?x%00y=1'), 'querystring.x\\u0000y');
    for (const url of ['/api/v1/projects?q=%ED%A0%80', '/api/v1/projects?q=%ED', '/api/v1/projects?q=%E0%A4%A', '/api/v1/projects/%ED%A0%80', '/api/v1/assessments/%C0%80']) {
      const res = await c.get<ErrorBody>(url);
      expect(res.status, url).toBe(400);
      expect(res.body.code, url).toBe('BAD_URL');
    }
    // Well-formed encoded Chinese still searches.
    const fine = await c.get<{ items: unknown[] }>(`/api/v1/projects?q=${encodeURIComponent('灯具')}`);
    expect(fine.status).toBe(200);
  });

  it('refuses raw (unencoded) invalid UTF-8 bytes in a URL sent over a real socket, in the platform shape', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    for (const bytes of [[0xed, 0xa0, 0x80], [0xe4, 0xb8, 0xad], [0xff]]) {
      const raw = Buffer.concat([Buffer.from('GET /api/v1/public/filings?q='), Buffer.from(bytes), Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]);
      const answer = await new Promise<string>((resolve, reject) => {
        const s = connect(port, '127.0.0.1', () => s.end(raw));
        let data = '';
        s.setEncoding('latin1');
        s.on('data', (d: string) => (data += d));
        s.on('end', () => resolve(data));
        s.on('error', reject);
      });
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400/);
      expect(head!.toLowerCase()).toContain('x-content-type-options: nosniff');
      expect(JSON.parse(body!)).toMatchObject({ code: expect.stringMatching(/^(BAD_URL|BAD_REQUEST)$/), message: expect.any(String) });
    }
  });
});

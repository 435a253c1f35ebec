/**
 * CSRF is decided on the matched route, never on the raw URL: every write operation of the OpenAPI
 * document, signed in without the CSRF header, under every spelling of its path a router or proxy might
 * accept, is refused (403 CSRF_INVALID) or matches no route (404 ROUTE_NOT_FOUND) — and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, completeFiling, enterpriseWithUser, orgWithUser } from '../support/fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;
type Method = Uppercase<(typeof WRITE_METHODS)[number]>;

function hex(c: string): string {
  return Buffer.from(c, 'utf8')
    .toString('hex')
    .toUpperCase()
    .replace(/(..)/g, '%$1');
}

/** Every spelling of `path` (already filled in) that is the same resource to a lenient reader. */
export function pathVariants(path: string): string[] {
  const segs = path.split('/').slice(1);
  const encodeFirst = (s: string) => (s.length ? hex(s[0]!) + s.slice(1) : s);
  const encodeAll = (s: string) => [...s].map(hex).join('');
  const rest = path.replace(/^\/api/, '');
  return [
    path,
    `/%61pi${rest}`,
    `/%41PI${rest}`,
    `/${segs.map(encodeFirst).join('/')}`,
    `/${segs.map(encodeAll).join('/')}`,
    `/api%2F${path.slice('/api/'.length)}`,
    `/api%2f${path.slice('/api/'.length)}`,
    `/${path}`,
    path.replace(/\//g, '//'),
    `/api/v1/${path.slice('/api/v1/'.length).replace(/\//g, '//')}`,
    path.toUpperCase(),
    `/API/V1/${path.slice('/api/v1/'.length)}`,
    `/Api${rest}`,
    `${path}/`,
    `${path}//`,
    `${path};`,
    `${path};x=1`,
    `/api;/v1/${path.slice('/api/v1/'.length)}`,
    `/api/v1;x/${path.slice('/api/v1/'.length)}`,
    `${path}?`,
    `${path}?x=1`,
    `${path}?_method=GET`,
    `${path}#frag`,
    `/api/v1/./${path.slice('/api/v1/'.length)}`,
    `/api/x/../v1/${path.slice('/api/v1/'.length)}`,
    `/api/v1/%2E/${path.slice('/api/v1/'.length)}`,
    `${path}%20`,
    `${path}%00`,
    `${path}%2F`,
    `\\api\\v1\\${path.slice('/api/v1/'.length).replace(/\//g, '\\')}`,
  ];
}

interface Counts {
  audit: number;
  projects: number;
  orgs: number;
  delegations: number;
  users: number;
  sessions: number;
}

async function counts(): Promise<Counts> {
  const r = await t.db.execute<{ audit: number; projects: number; orgs: number; delegations: number; users: number; sessions: number }>(sql`
    select (select count(*)::int from audit_events) as audit,
           (select count(*)::int from projects) as projects,
           (select count(*)::int from organizations) as orgs,
           (select count(*)::int from delegations) as delegations,
           (select count(*)::int from users) as users,
           (select count(*)::int from sessions) as sessions`);
  return r.rows[0] as unknown as Counts;
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(account: string): Promise<Session> {
  const c = new Client(t.app);
  const res = await c.login(account, PASSWORD);
  const cookie = res.raw.cookies.map((k) => `${k.name}=${k.value}`).join('; ');
  return { cookie, csrf: c.csrf! };
}

describe('CSRF on the routed path', () => {
  it('refuses every write of the OpenAPI document without the token, under every spelling of its path', async () => {
    const enterprise = await enterpriseWithUser(t.db);
    const admin = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
    const owner = new Client(t.app);
    await owner.login(enterprise.account, PASSWORD);
    const draft = await owner.post<{ id: string; updatedAt: string }>('/api/v1/projects', completeFiling);
    expect(draft.status).toBe(201);

    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const writes: Array<{ method: Method; path: string }> = [];
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const m of WRITE_METHODS) {
        if (ops[m]) writes.push({ method: m.toUpperCase() as Method, path: template.replace(/\{[^}]+\}/g, draft.body.id) });
      }
    }
    // The platform has writes in every module; the document must list them (a broken document would make this test vacuous).
    expect(writes.length).toBeGreaterThanOrEqual(12);
    expect(writes.map((w) => w.path)).toEqual(expect.arrayContaining(['/api/v1/projects', `/api/v1/projects/${draft.body.id}/transitions`, '/api/v1/admin/organizations']));

    const sessions = [await signIn(enterprise.account), await signIn(admin.account)];
    const before = await counts();
    const reached: string[] = [];
    let sent = 0;
    for (const s of sessions) {
      for (const w of writes) {
        for (const url of pathVariants(w.path)) {
          const res = await t.app.inject({
            method: w.method,
            url,
            headers: { cookie: s.cookie, 'content-type': 'application/json', 'x-lang': 'en' },
            payload: JSON.stringify({ event: 'submitFiling', reason: 'x', title: 'changed' }),
          });
          sent += 1;
          const body = res.json() as { code?: string; message?: string; details?: unknown };
          const refused = (res.statusCode === 403 && body.code === 'CSRF_INVALID') || (res.statusCode === 404 && body.code === 'ROUTE_NOT_FOUND') || (res.statusCode === 400 && body.code === 'BAD_URL');
          if (!refused) reached.push(`${w.method} ${url} → ${res.statusCode} ${body.code}`);
          // Every refusal is in the platform's shape with the security headers.
          expect(typeof body.message).toBe('string');
          expect(res.headers['x-content-type-options']).toBe('nosniff');
          expect(res.headers['content-security-policy']).toBeDefined();
        }
      }
    }
    expect(reached).toEqual([]);
    expect(sent).toBeGreaterThan(500);
    expect(await counts()).toEqual(before);
    const still = await owner.get<{ title: string; state: string; updatedAt: string }>(`/api/v1/projects/${draft.body.id}`);
    expect(still.body.title).toBe(completeFiling.title);
    expect(still.body.state).toBe('draft');
    expect(still.body.updatedAt).toBe(draft.body.updatedAt);
  });

  it('lets the same spellings through with the token (the refusals above are the CSRF check, not the spelling)', async () => {
    const { account } = await enterpriseWithUser(t.db);
    const s = await signIn(account);
    const before = await counts();
    const res = await t.app.inject({
      method: 'POST',
      url: '/%61pi/v1/%70rojects',
      headers: { cookie: s.cookie, 'content-type': 'application/json', 'x-csrf-token': s.csrf },
      payload: JSON.stringify(completeFiling),
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const after = await counts();
    expect(after.audit).toBe(before.audit + 1);
    expect(after.projects).toBe(before.projects + 1);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { cookie: s.cookie, 'content-type': 'application/json', 'x-csrf-token': `${s.csrf}x` },
      payload: JSON.stringify(completeFiling),
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'CSRF_INVALID' });
  });

  it('answers an encoded API path that matches no route with the JSON 404 and no-store, not the web page', async () => {
    for (const url of ['/%61pi/v1/nothing', '/API/v1/nothing', '//api//v1/nothing']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const routed = await t.app.inject({ url: '/%61pi/v1/auth/me' });
    expect(routed.statusCode).toBe(401);
    expect(routed.headers['cache-control']).toBe('no-store');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, mobileFor, nextSeq, orgWithUser, registrationBody } from '../support/fixtures';
import { makeUscc } from '../../src/core/identity/uscc';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('enterprise registration', () => {
  it('registers an SME, signs it in and classifies its size', async () => {
    const c = new Client(t.app);
    const seq = nextSeq();
    const res = await c.post<{ orgId: string; csrfToken: string }>('/api/v1/auth/register', registrationBody(seq));
    expect(res.status).toBe(201);
    expect(res.headers['set-cookie']).toBeDefined();
    const me = await c.get<{ org: { type: string; name: string }; role: string }>('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.org.type).toBe('enterprise');
    expect(me.body.role).toBe('enterprise');
    const again = await new Client(t.app).post<{ code: string }>('/api/v1/auth/register', registrationBody(seq, { contactMobile: mobileFor(seq + 1) }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('USCC_TAKEN');
  });

  it('refuses a bad USCC check character with a specific field message', async () => {
    const seq = nextSeq();
    const good = makeUscc(seq);
    const last = good[17] === '0' ? '1' : '0';
    const res = await new Client(t.app).post<{ code: string; details: { fields: Array<{ path: string; message: string }> } }>(
      '/api/v1/auth/register',
      registrationBody(seq, { uscc: good.slice(0, 17) + last }),
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const field = res.body.details.fields.find((f) => f.path === 'uscc');
    expect(field?.message).toContain('校验位');
  });

  it('refuses a large enterprise with the reason', async () => {
    const res = await new Client(t.app).post<{ code: string; message: string }>(
      '/api/v1/auth/register',
      registrationBody(nextSeq(), { employees: 1200, annualRevenueFen: 500_000_000_00 }),
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NOT_SME');
    expect(res.body.message).toContain('大型企业');
  });

  it('gives English messages when asked', async () => {
    const res = await new Client(t.app, '127.0.0.1', 'en').post<{ message: string; details: { fields: Array<{ path: string; message: string }> } }>(
      '/api/v1/auth/register',
      registrationBody(nextSeq(), { contactMobile: '12345' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/invalid/i);
    expect(res.body.details.fields.find((f) => f.path === 'contactMobile')?.message).toContain('11-digit');
  });
});

describe('sign-in, sessions and CSRF', () => {
  it('signs in by mobile, refuses writes without the CSRF header, signs out', async () => {
    const { account } = await enterpriseWithUser(t.db);
    const c = new Client(t.app);
    await c.login(account, PASSWORD);
    const token = c.csrf;
    c.csrf = null;
    const noCsrf = await c.post<{ code: string }>('/api/v1/projects', {});
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('CSRF_INVALID');
    c.csrf = token;
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    const after = await c.get<{ code: string }>('/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('signs in by email, case-insensitively', async () => {
    const { account } = await orgWithUser(t.db, 'leading_unit');
    const res = await new Client(t.app).post('/api/v1/auth/login', { account: account.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
  });

  it('changes the password and ends other sessions', async () => {
    const { account } = await enterpriseWithUser(t.db);
    const a = new Client(t.app);
    const b = new Client(t.app);
    await a.login(account, PASSWORD);
    await b.login(account, PASSWORD);
    const wrong = await a.post<{ code: string }>('/api/v1/auth/change-password', { currentPassword: 'nope', newPassword: 'NewPassw0rd' });
    expect(wrong.body.code).toBe('WRONG_PASSWORD');
    const weak = await a.post<{ code: string }>('/api/v1/auth/change-password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect((await a.post('/api/v1/auth/change-password', { currentPassword: PASSWORD, newPassword: 'NewPassw0rd' })).status).toBe(200);
    expect((await a.get('/api/v1/auth/me')).status).toBe(200);
    expect((await b.get('/api/v1/auth/me')).status).toBe(401);
    await new Client(t.app).login(account, 'NewPassw0rd');
  });

  it('throttles an account from the failing address after repeated failures, with a clear message, even for the right password', async () => {
    const { account } = await enterpriseWithUser(t.db);
    const c = new Client(t.app, '10.9.0.1');
    for (let i = 0; i < 5; i++) {
      const r = await c.post<{ code: string }>('/api/v1/auth/login', { account, password: 'wrong-password1' });
      expect(r.body.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await c.post<{ code: string; message: string; details: { retryAfterSeconds: number } }>('/api/v1/auth/login', { account, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('AUTH_THROTTLED');
    expect(locked.body.message).toContain('分钟后再试');
    expect(locked.body.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBe(locked.body.details.retryAfterSeconds);
    // The owner elsewhere is not locked out.
    expect((await new Client(t.app, '10.9.0.2').post('/api/v1/auth/login', { account, password: PASSWORD })).status).toBe(200);
  });

  it('throttles an address that tries many accounts', async () => {
    const c = new Client(t.app, '10.9.9.9');
    for (let i = 0; i < 20; i++) await c.post('/api/v1/auth/login', { account: `nobody${i}@x.cn`, password: 'wrong-password1' });
    const { account } = await enterpriseWithUser(t.db);
    const r = await c.post<{ code: string }>('/api/v1/auth/login', { account, password: PASSWORD });
    expect(r.body.code).toBe('AUTH_THROTTLED');
    expect((await new Client(t.app, '10.9.9.10').post('/api/v1/auth/login', { account, password: PASSWORD })).status).toBe(200);
  });
});

describe('bad input never gives a 500', () => {
  it('malformed JSON, wrong types, unknown fields, oversize body → 4xx with a code', async () => {
    const c = new Client(t.app);
    const malformed = await c.request<{ code: string }>('POST', '/api/v1/auth/login', '{"account":', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');
    const wrongType = await c.post<{ code: string }>('/api/v1/auth/login', { account: 5, password: [] });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.code).toBe('VALIDATION_FAILED');
    const unknown = await c.post<{ code: string; details: { fields: Array<{ code: string }> } }>('/api/v1/auth/login', { account: 'a', password: 'b', admin: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.fields.some((f) => f.code === 'unrecognized_keys')).toBe(true);
    const big = await c.request<{ code: string }>('POST', '/api/v1/auth/login', JSON.stringify({ account: 'x'.repeat(2_000_000), password: 'y' }), { 'content-type': 'application/json' });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('BODY_TOO_LARGE');
    const media = await c.request<{ code: string }>('POST', '/api/v1/auth/login', 'account=a', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(media.status).toBe(415);
    const route = await c.get<{ code: string }>('/api/v1/nope');
    expect(route.status).toBe(404);
    expect(route.body.code).toBe('ROUTE_NOT_FOUND');
  });
});

/**
 * Sign-in throttling per (account, address) and per address with progressive waits, the admin's unlock, and the
 * registration limit per address — all in the database, so they hold across server instances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Client, startTestApp, testConfig, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, mobileFor, nextSeq, orgWithUser, registrationBody } from '../support/fixtures';
import { buildApp } from '../../src/server/app';
import { loginThrottle, users } from '../../src/db/schema';

let t: TestApp;
let second: FastifyInstance;

interface Err {
  code: string;
  message: string;
  details: { retryAfterSeconds?: number; fields?: Array<{ path: string; message: string }> } | null;
}

const WRONG = 'Wrong-passw0rd';

beforeAll(async () => {
  process.env.REGISTER_MAX_PER_WINDOW = '3';
  process.env.REGISTER_WINDOW_MINUTES = '10';
  t = await startTestApp();
  // A second server instance on the same database: throttles are shared.
  second = await buildApp(testConfig(), t.testDb.handle);
  await second.ready();
});
afterAll(async () => {
  await second?.close();
  await t?.close();
  delete process.env.REGISTER_MAX_PER_WINDOW;
  delete process.env.REGISTER_WINDOW_MINUTES;
});

async function fail(c: Client, account: string, times: number): Promise<Array<{ status: number; code: string }>> {
  const out = [];
  for (let i = 0; i < times; i++) {
    const r = await c.post<Err>('/api/v1/auth/login', { account, password: WRONG });
    out.push({ status: r.status, code: r.body.code });
  }
  return out;
}

/** Lets the current wait of every counter of this address pass, as if the time had come. */
async function waitIsOver(ip: string): Promise<void> {
  await t.db
    .update(loginThrottle)
    .set({ lockedUntil: new Date(Date.now() - 1000) })
    .where(like(loginThrottle.key, `%${ip}`));
}

describe('sign-in throttling', () => {
  it('the owner still signs in from another address while the attacker\'s address is throttled', async () => {
    const { account } = await enterpriseWithUser(t.db);
    const attacker = new Client(t.app, '10.30.0.66');
    const results = await fail(attacker, account, 12);
    expect(results.slice(0, 5).every((r) => r.code === 'INVALID_CREDENTIALS')).toBe(true);
    expect(results.slice(5).every((r) => r.status === 429 && r.code === 'AUTH_THROTTLED')).toBe(true);
    // Even the right password waits at the attacker's address.
    const right = await attacker.post<Err>('/api/v1/auth/login', { account, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.body.message).toBe('登录失败次数过多，请 1 分钟后再试');
    expect(right.headers['retry-after']).toBe(String(right.body.details?.retryAfterSeconds));
    // The owner, at home and through the second instance.
    await new Client(t.app, '10.30.0.7').login(account, PASSWORD);
    await new Client(t.app, '10.30.0.8').via(second).login(account, PASSWORD);
    // The owner's success does not lift the attacker's wait.
    expect((await attacker.via(second).post<Err>('/api/v1/auth/login', { account, password: PASSWORD })).status).toBe(429);
  });

  it('a careless user behind a shared address slows down only themself', async () => {
    const careless = await enterpriseWithUser(t.db);
    const colleagues = await Promise.all([enterpriseWithUser(t.db), orgWithUser(t.db, 'town', { townCode: 'guzhen' })]);
    const office = '10.30.1.1';
    const results = await fail(new Client(t.app, office), careless.account, 9);
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    for (const c of colleagues) await new Client(t.app, office).login(c.account, PASSWORD);
    // Signing in by email or by mobile is the same account: one counter.
    const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.mobile, careless.account));
    const rows = await t.db.select().from(loginThrottle).where(eq(loginThrottle.userId, u?.id ?? ''));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.key).toBe(`pair:u:${u?.id}|${office}`);
  });

  it('an address that fails on many accounts is slowed down as a whole, then lets the right ones in once the wait is over', async () => {
    const ip = '10.30.2.2';
    const c = new Client(t.app, ip);
    for (let i = 0; i < 19; i++) expect((await c.post<Err>('/api/v1/auth/login', { account: `nobody${i}@spray.cn`, password: WRONG })).body.code).toBe('INVALID_CREDENTIALS');
    const { account } = await enterpriseWithUser(t.db);
    await c.login(account, PASSWORD); // 19 accounts: still allowed
    await c.post('/api/v1/auth/logout');
    expect((await c.post<Err>('/api/v1/auth/login', { account: 'nobody19@spray.cn', password: WRONG })).body.code).toBe('INVALID_CREDENTIALS');
    const blocked = await c.post<Err>('/api/v1/auth/login', { account, password: PASSWORD });
    expect(blocked.body.code).toBe('AUTH_THROTTLED');
    // Repeating one account does not count again: only new accounts do.
    const [addr] = await t.db.select().from(loginThrottle).where(eq(loginThrottle.key, `addr:${ip}`));
    expect(addr?.failures).toBe(20);
    // Unknown identifiers are kept as hashes only.
    expect(JSON.stringify(await t.db.select().from(loginThrottle))).not.toContain('spray.cn');
    await waitIsOver(ip);
    await c.login(account, PASSWORD);
  });

  it('waits grow with each further failure (1, 2, 4 … minutes) up to LOGIN_LOCK_MINUTES', async () => {
    const { account } = await enterpriseWithUser(t.db);
    const ip = '10.30.3.3';
    const c = new Client(t.app, ip);
    await fail(c, account, 5);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await c.post<Err>('/api/v1/auth/login', { account, password: PASSWORD });
      expect(r.status).toBe(429);
      waits.push(r.body.details?.retryAfterSeconds ?? 0);
      await waitIsOver(ip);
      expect((await c.post<Err>('/api/v1/auth/login', { account, password: WRONG })).body.code).toBe('INVALID_CREDENTIALS');
    }
    const minutes = waits.map((s) => Math.round(s / 60));
    expect(minutes).toEqual([1, 2, 4, 8, 15, 15]);
    const last = await c.post<Err>('/api/v1/auth/login', { account, password: PASSWORD });
    expect(last.body.message).toBe('登录失败次数过多，请 15 分钟后再试');
    // Once the counter has been quiet for the window after its wait, it starts again from zero.
    await t.db
      .update(loginThrottle)
      .set({ lockedUntil: new Date(Date.now() - 16 * 60_000), lastFailureAt: new Date(Date.now() - 31 * 60_000) })
      .where(and(like(loginThrottle.key, 'pair:%'), like(loginThrottle.key, `%${ip}`)));
    expect((await fail(c, account, 4)).every((r) => r.code === 'INVALID_CREDENTIALS')).toBe(true);
    expect((await fail(c, account, 1))[0]?.code).toBe('INVALID_CREDENTIALS');
    expect((await c.post<Err>('/api/v1/auth/login', { account, password: PASSWORD })).body.details?.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('the bureau admin unlocks an account; a successful sign-in clears only its own pair', async () => {
    const adminAcct = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
    const admin = new Client(t.app, '10.30.4.1');
    await admin.login(adminAcct.account, PASSWORD);
    const target = await enterpriseWithUser(t.db);
    const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.mobile, target.account));
    const a = new Client(t.app, '10.30.4.2');
    const b = new Client(t.app, '10.30.4.3');
    await fail(a, target.account, 5);
    await fail(b, target.account, 3);
    await new Client(t.app, '10.30.4.4').login(target.account, PASSWORD);
    expect((await a.post<Err>('/api/v1/auth/login', { account: target.account, password: PASSWORD })).status).toBe(429);
    const unlocked = await admin.via(second).post<{ throttledUntil: string | null }>(`/api/v1/admin/members/${u?.id}/unlock`, {});
    expect(unlocked.status).toBe(200);
    expect(await t.db.select().from(loginThrottle).where(eq(loginThrottle.userId, u?.id ?? ''))).toHaveLength(0);
    await a.login(target.account, PASSWORD);
  });
});

describe('registration attempts per address', () => {
  it('allows REGISTER_MAX_PER_WINDOW attempts per address across instances, then 429 with Retry-After', async () => {
    const ip = '10.31.0.1';
    const one = new Client(t.app, ip);
    const two = new Client(second, ip);
    const first = await one.post('/api/v1/auth/register', registrationBody(nextSeq()));
    expect(first.status).toBe(201);
    // A probe for a taken number counts too, and its answer names neither the number nor its owner.
    const taken = (await enterpriseWithUser(t.db)).account;
    const probe = await two.post<Err>('/api/v1/auth/register', registrationBody(nextSeq(), { contactMobile: taken }));
    expect(probe.status).toBe(409);
    expect(probe.body.details?.fields?.[0]?.message).toBe('该手机号或邮箱不能用于注册，请更换；已有账号请直接登录');
    expect((await new Client(t.app, ip).post('/api/v1/auth/register', registrationBody(nextSeq()))).status).toBe(201);
    const limited = await new Client(second, ip).post<Err>('/api/v1/auth/register', registrationBody(nextSeq()));
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.body.message).toMatch(/^注册尝试过于频繁，请 \d+ 分钟后再试$/);
    const retry = Number(limited.headers['retry-after']);
    expect(retry).toBeGreaterThan(500);
    expect(retry).toBeLessThanOrEqual(600);
    expect(limited.body.details?.retryAfterSeconds).toBe(retry);
    // Another address is not affected.
    expect((await new Client(t.app, '10.31.0.2').post('/api/v1/auth/register', registrationBody(nextSeq()))).status).toBe(201);
    // After the window, the address may try again.
    await t.db
      .update(loginThrottle)
      .set({ windowStart: new Date(Date.now() - 11 * 60_000) })
      .where(eq(loginThrottle.key, `reg:${ip}`));
    expect((await one.post('/api/v1/auth/register', registrationBody(nextSeq()))).status).toBe(201);
  });

  it('a taken credit code still tells the enterprise to sign in', async () => {
    const seq = nextSeq();
    expect((await new Client(t.app, '10.31.1.1').post('/api/v1/auth/register', registrationBody(seq))).status).toBe(201);
    const again = await new Client(t.app, '10.31.1.2').post<Err>('/api/v1/auth/register', registrationBody(seq, { contactMobile: mobileFor(seq + 1) }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('USCC_TAKEN');
    expect(again.body.details?.fields?.[0]?.message).toContain('请直接登录');
  });
});

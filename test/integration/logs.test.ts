/**
 * The log holds no personal data: after a batch of bad-input requests (failed sign-ins of seeded accounts,
 * registrations with taken mobiles / e-mails / credit codes, NUL strings, searches by credit code and name,
 * and a query the database refuses), none of the seeded mobiles, e-mails, credit codes, contact names,
 * sign-in identifiers, the demo password or any argon2 hash appear in the log text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { CapturedLog, Client, startTestApp, type TestApp } from '../support/app';
import { nextSeq, registrationBody } from '../support/fixtures';
import { ensureDemoData } from '../../src/db/demo';

const log = new CapturedLog();
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ logLevel: 'trace' }, { logStream: log.logStream });
  await ensureDemoData(t.db);
});
afterAll(async () => {
  await t?.close();
});

const PROVOKED_NAME = '日志测试联系人';
const PROVOKED_MOBILE = '13912345678';
const PROVOKED_EMAIL = 'log-privacy-probe@example.cn';

describe('log privacy', () => {
  it('logs statement names and SQLSTATEs, never values', async () => {
    const people = await t.db.execute<{ name: string; mobile: string | null; email: string | null; password_hash: string }>(
      sql`select name, mobile, email, password_hash from users`,
    );
    const orgs = await t.db.execute<{ uscc: string | null }>(sql`select uscc from organizations where uscc is not null`);
    expect(people.rows.length).toBeGreaterThan(30);
    const enterpriseMobile = people.rows.find((p) => p.mobile)!.mobile!;
    const bureauEmail = people.rows.find((p) => p.email?.startsWith('reviewer@'))!.email!;
    const uscc = orgs.rows[0]!.uscc!;

    const anon = new Client(t.app, '10.9.9.1');
    // failed sign-ins of seeded accounts (by mobile and by e-mail), until throttled
    for (let i = 0; i < 7; i++) {
      await anon.post('/api/v1/auth/login', { account: enterpriseMobile, password: `Wrong${i}pass` });
      await anon.post('/api/v1/auth/login', { account: bureauEmail, password: `Wrong${i}pass` });
    }
    await anon.post('/api/v1/auth/login', { account: `${enterpriseMobile}\u0000`, password: 'x' });
    // registrations with a taken mobile, a taken credit code, bad values
    const seq = nextSeq();
    await new Client(t.app, '10.9.9.2').post('/api/v1/auth/register', registrationBody(seq, { contactMobile: enterpriseMobile }));
    await new Client(t.app, '10.9.9.3').post('/api/v1/auth/register', registrationBody(nextSeq(), { uscc }));
    await new Client(t.app, '10.9.9.4').post('/api/v1/auth/register', registrationBody(nextSeq(), { email: bureauEmail }));
    await new Client(t.app, '10.9.9.5').post('/api/v1/auth/register', registrationBody(nextSeq(), { contactName: `王\u0000`, uscc: `${uscc}\ud800` }));

    // searches by credit code, mobile and contact name in query strings
    const reviewer = new Client(t.app, '10.9.9.6');
    await reviewer.login('reviewer@zs-pilot.cn', 'Demo2026');
    const admin = new Client(t.app, '10.9.9.7');
    await admin.login('admin@zs-pilot.cn', 'Demo2026');
    for (const q of [uscc, enterpriseMobile, people.rows[0]!.name]) {
      expect((await reviewer.get(`/api/v1/projects?q=${encodeURIComponent(q)}`)).status).toBe(200);
      await reviewer.get(`/api/v1/projects/export.xlsx?q=${encodeURIComponent(q)}`);
      await anon.get(`/api/v1/public/filings?q=${encodeURIComponent(q)}`);
      await admin.get(`/api/v1/admin/organizations?q=${encodeURIComponent(q)}`);
    }

    // A query the database refuses, carrying a password hash, a mobile, an e-mail and a contact name as parameters.
    await t.db.execute(sql.raw(`alter table users add constraint zz_log_probe check (name <> '${PROVOKED_NAME}')`));
    try {
      const failed = await new Client(t.app, '10.9.9.8').post<{ code: string }>(
        '/api/v1/auth/register',
        registrationBody(nextSeq(), { contactName: PROVOKED_NAME, contactMobile: PROVOKED_MOBILE, email: PROVOKED_EMAIL }),
      );
      expect(failed.status).toBe(500);
      expect(failed.body.code).toBe('INTERNAL');
    } finally {
      await t.db.execute(sql`alter table users drop constraint zz_log_probe`);
    }

    const text = log.text();
    const records = log.records();
    // The log is not empty: access lines with route and path, and the refused statement by name and SQLSTATE.
    expect(records.length).toBeGreaterThan(50);
    const failure = records.find((r) => r.msg === 'unhandled error') as { error?: { sqlstate?: string; statement?: string; constraint?: string } } | undefined;
    expect(failure?.error?.sqlstate).toBe('23514');
    expect(failure?.error?.constraint).toBe('zz_log_probe');
    expect(failure?.error?.statement).toMatch(/^insert:[0-9a-f]{12}$/);
    expect(records.some((r) => (r.req as { url?: string } | undefined)?.url === '/api/v1/projects?…')).toBe(true);

    const forbidden = new Set<string>(['$argon2', 'Demo2026', PROVOKED_NAME, PROVOKED_MOBILE, PROVOKED_EMAIL, 'Wrong0pass', 'params:', 'Failed query']);
    for (const p of people.rows) {
      if (p.mobile) forbidden.add(p.mobile);
      if (p.email) forbidden.add(p.email);
      if (p.name.length >= 2) forbidden.add(p.name);
      forbidden.add(p.password_hash);
    }
    for (const o of orgs.rows) if (o.uscc) forbidden.add(o.uscc);
    // JSON-escaped forms too (pino writes non-ASCII as is, but a value could be escaped inside a string).
    const found = [...forbidden].filter((v) => text.includes(v) || text.includes(JSON.stringify(v).slice(1, -1)) || text.includes(encodeURIComponent(v)));
    expect(found).toEqual([]);
  });
});

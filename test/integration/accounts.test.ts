/**
 * Account care by the bureau admin: members with last sign-in, add, deactivate / reactivate (member and
 * organisation, sessions end at once), one-time password reset with forced change, unlock, timeline; role gate,
 * unknown ids and bad input.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, mobileFor, nextSeq, orgWithUser } from '../support/fixtures';
import { users } from '../../src/db/schema';

let t: TestApp;
let admin: Client;
let adminAccount: string;

interface Member {
  id: string;
  name: string;
  active: boolean;
  lastSignInAt: string | null;
  mustChangePassword: boolean;
  throttledUntil: string | null;
}
interface OrgDetail {
  id: string;
  active: boolean;
  members: Member[];
}
interface TimelineItem {
  action: string;
  actorName: string | null;
  targetName: string | null;
  targetId: string;
  summary: Record<string, unknown>;
}
interface Err {
  code: string;
  message: string;
  details: { fields?: Array<{ path: string; code: string; message: string }> } | null;
}

async function userIdOf(account: string): Promise<string> {
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.mobile, account));
  if (u) return u.id;
  const [e] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, account.toLowerCase()));
  if (!e) throw new Error(`no user ${account}`);
  return e.id;
}

async function timeline(orgId: string): Promise<TimelineItem[]> {
  const res = await admin.get<TimelineItem[]>(`/api/v1/admin/organizations/${orgId}/timeline`);
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  t = await startTestApp();
  const a = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
  adminAccount = a.account;
  admin = new Client(t.app, '10.20.0.1');
  await admin.login(adminAccount, PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

describe('the role gate, unknown ids and bad input', () => {
  it('only the bureau admin reaches account care; others get 403, signed-out callers 401', async () => {
    const target = await orgWithUser(t.db, 'institution_diagnostic');
    const memberId = await userIdOf(target.account);
    const reviewer = new Client(t.app, '10.20.0.2');
    await reviewer.login((await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' })).account, PASSWORD);
    const enterprise = new Client(t.app, '10.20.0.3');
    await enterprise.login((await enterpriseWithUser(t.db)).account, PASSWORD);
    const calls: Array<[method: 'GET' | 'POST', url: string, body?: unknown]> = [
      ['GET', `/api/v1/admin/organizations/${target.org.id}`],
      ['GET', `/api/v1/admin/organizations/${target.org.id}/timeline`],
      ['POST', `/api/v1/admin/organizations/${target.org.id}/members`, { name: '新成员', mobile: mobileFor(nextSeq()) }],
      ['POST', `/api/v1/admin/organizations/${target.org.id}/deactivate`, {}],
      ['POST', `/api/v1/admin/organizations/${target.org.id}/reactivate`, {}],
      ['POST', `/api/v1/admin/members/${memberId}/deactivate`, {}],
      ['POST', `/api/v1/admin/members/${memberId}/reactivate`, {}],
      ['POST', `/api/v1/admin/members/${memberId}/reset-password`, {}],
      ['POST', `/api/v1/admin/members/${memberId}/unlock`, {}],
    ];
    for (const [method, url, body] of calls) {
      for (const c of [reviewer, enterprise]) {
        const res = await c.request<Err>(method, url, body);
        expect(res.status, `${method} ${url}`).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN_ROLE');
      }
      const anon = await new Client(t.app, '10.20.0.4').request<Err>(method, url, body);
      expect(anon.status).toBe(401);
    }
    // Nothing happened to the target.
    const detail = await admin.get<OrgDetail>(`/api/v1/admin/organizations/${target.org.id}`);
    expect(detail.body.active).toBe(true);
    expect(detail.body.members).toHaveLength(1);
    expect(detail.body.members[0]?.active).toBe(true);
  });

  it('unknown ids are 404, malformed ids and bodies 400 with field messages', async () => {
    const unknown = randomUUID();
    for (const [url, body] of [
      [`/api/v1/admin/organizations/${unknown}/members`, { name: '新成员', mobile: mobileFor(nextSeq()) }],
      [`/api/v1/admin/organizations/${unknown}/deactivate`, {}],
      [`/api/v1/admin/members/${unknown}/deactivate`, {}],
      [`/api/v1/admin/members/${unknown}/reset-password`, {}],
      [`/api/v1/admin/members/${unknown}/unlock`, {}],
    ] as const) {
      const res = await admin.post<Err>(url, body);
      expect(res.status, url).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    expect((await admin.get<Err>(`/api/v1/admin/organizations/${unknown}`)).status).toBe(404);
    expect((await admin.get<Err>(`/api/v1/admin/organizations/${unknown}/timeline`)).status).toBe(404);
    expect((await admin.post<Err>('/api/v1/admin/members/not-a-uuid/unlock', {})).status).toBe(400);

    const target = await orgWithUser(t.db, 'leading_unit');
    const noAccount = await admin.post<Err>(`/api/v1/admin/organizations/${target.org.id}/members`, { name: '新成员' });
    expect(noAccount.status).toBe(400);
    expect(noAccount.body.details?.fields?.find((f) => f.path === 'mobile')?.message).toBe('请至少填写手机号或邮箱作为登录账号');
    const badMobile = await admin.post<Err>(`/api/v1/admin/organizations/${target.org.id}/members`, { name: '新', mobile: '123' });
    expect(badMobile.status).toBe(400);
    expect(badMobile.body.details?.fields?.map((f) => f.path).sort()).toEqual(['mobile', 'name']);
    const duty = await admin.post<Err>(`/api/v1/admin/organizations/${target.org.id}/members`, { name: '新成员', mobile: mobileFor(nextSeq()), bureauRole: 'admin' });
    expect(duty.status).toBe(400);
    expect(duty.body.details?.fields?.[0]?.path).toBe('bureauRole');
    const taken = await admin.post<Err>(`/api/v1/admin/organizations/${target.org.id}/members`, { name: '新成员', email: target.account.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('ACCOUNT_TAKEN');
    const longReason = await admin.post<Err>(`/api/v1/admin/organizations/${target.org.id}/deactivate`, { reason: 'x'.repeat(201) });
    expect(longReason.status).toBe(400);
    const extra = await admin.post<Err>(`/api/v1/admin/members/${await userIdOf(target.account)}/deactivate`, { active: false });
    expect(extra.status).toBe(400);
  });
});

describe('members and their last sign-in', () => {
  it('lists the members with the last sign-in time, recorded at sign-in', async () => {
    const target = await orgWithUser(t.db, 'institution_comprehensive');
    const before = await admin.get<OrgDetail>(`/api/v1/admin/organizations/${target.org.id}`);
    expect(before.status).toBe(200);
    expect(before.body.members[0]?.lastSignInAt).toBeNull();
    await new Client(t.app, '10.20.1.1').login(target.account, PASSWORD);
    const after = await admin.get<OrgDetail>(`/api/v1/admin/organizations/${target.org.id}`);
    const at = after.body.members[0]?.lastSignInAt;
    expect(at).not.toBeNull();
    expect(Math.abs(new Date(at ?? 0).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('adds a member with a temporary password that signs in once and must be changed', async () => {
    const target = await orgWithUser(t.db, 'catalog_provider');
    const mobile = mobileFor(nextSeq());
    const added = await admin.post<{ member: Member; temporaryPassword: string; validUntil: string }>(`/api/v1/admin/organizations/${target.org.id}/members`, {
      name: '新来的同事',
      mobile,
    });
    expect(added.status).toBe(201);
    expect(added.body.member.mustChangePassword).toBe(true);
    expect(added.body.temporaryPassword).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    const hoursValid = (new Date(added.body.validUntil).getTime() - Date.now()) / 3_600_000;
    expect(hoursValid).toBeGreaterThan(23);
    expect(hoursValid).toBeLessThanOrEqual(24);
    const events = await timeline(target.org.id);
    expect(events[0]).toMatchObject({ action: 'member.added', targetId: added.body.member.id, targetName: '新来的同事' });
    expect(JSON.stringify(events)).not.toContain(added.body.temporaryPassword);

    const temp = added.body.temporaryPassword;
    const c = new Client(t.app, '10.20.1.2');
    await c.login(mobile, temp);
    const me = await c.get<{ user: { mustChangePassword: boolean } }>('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.mustChangePassword).toBe(true);
    const blocked = await c.get<Err>('/api/v1/projects');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(blocked.body.message).toBe('请先修改临时密码，再继续使用平台');
    const blockedWrite = await c.post<Err>('/api/v1/projects', {});
    expect(blockedWrite.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    // Public pages stay open.
    expect((await c.get('/api/v1/reference')).status).toBe(200);

    // The temporary password signs in only once.
    const again = await new Client(t.app, '10.20.1.3').post<Err>('/api/v1/auth/login', { account: mobile, password: temp });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('TEMP_PASSWORD_EXPIRED');

    const same = await c.post<Err>('/api/v1/auth/change-password', { currentPassword: temp, newPassword: temp });
    expect(same.status).toBe(400);
    expect(same.body.details?.fields?.[0]?.path).toBe('newPassword');
    expect((await c.post('/api/v1/auth/change-password', { currentPassword: temp, newPassword: 'MyOwnPassw0rd' })).status).toBe(200);
    expect((await c.get('/api/v1/projects')).status).toBe(200);
    expect((await c.get<{ user: { mustChangePassword: boolean } }>('/api/v1/auth/me')).body.user.mustChangePassword).toBe(false);
    await new Client(t.app, '10.20.1.4').login(mobile, 'MyOwnPassw0rd');
    const last = await timeline(target.org.id);
    expect(last[0]).toMatchObject({ action: 'auth.password_changed', summary: { replacedTemporary: true } });
  });

  it('a bureau member needs a duty', async () => {
    const bureau = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
    const missing = await admin.post<Err>(`/api/v1/admin/organizations/${bureau.org.id}/members`, { name: '新审核员', email: `r${nextSeq()}@test.local` });
    expect(missing.status).toBe(400);
    expect(missing.body.details?.fields?.[0]?.path).toBe('bureauRole');
    const ok = await admin.post<{ member: Member & { bureauRole: string } }>(`/api/v1/admin/organizations/${bureau.org.id}/members`, {
      name: '新审核员',
      email: `r${nextSeq()}@test.local`,
      bureauRole: 'finance',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.member.bureauRole).toBe('finance');
  });
});

describe('deactivation ends sessions at once', () => {
  it('a deactivated member is signed out on the next request and cannot sign in until reactivated', async () => {
    const target = await orgWithUser(t.db, 'institution_diagnostic');
    const memberId = await userIdOf(target.account);
    const member = new Client(t.app, '10.20.2.1');
    await member.login(target.account, PASSWORD);
    expect((await member.get('/api/v1/auth/me')).status).toBe(200);

    const off = await admin.post<Member>(`/api/v1/admin/members/${memberId}/deactivate`, { reason: '已离职' });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await member.get<Err>('/api/v1/auth/me')).status).toBe(401);
    const refused = await new Client(t.app, '10.20.2.2').post<Err>('/api/v1/auth/login', { account: target.account, password: PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ACCOUNT_DEACTIVATED');
    // A wrong password says nothing about the account's state.
    const wrong = await new Client(t.app, '10.20.2.2').post<Err>('/api/v1/auth/login', { account: target.account, password: 'Wrong-passw0rd' });
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');

    const on = await admin.post<Member>(`/api/v1/admin/members/${memberId}/reactivate`, {});
    expect(on.body.active).toBe(true);
    // The old session was ended, not just suspended.
    expect((await member.get('/api/v1/auth/me')).status).toBe(401);
    await new Client(t.app, '10.20.2.3').login(target.account, PASSWORD);

    const events = await timeline(target.org.id);
    const actions = events.map((e) => e.action);
    expect(actions.indexOf('member.reactivated')).toBeLessThan(actions.indexOf('member.deactivated'));
    const deactivated = events.find((e) => e.action === 'member.deactivated');
    expect(deactivated?.summary).toMatchObject({ reason: '已离职', sessionsEnded: 1 });
    expect(deactivated?.actorName).toBe('bureau user');
  });

  it('a deactivated organisation signs all its members out; reactivation lets them in again', async () => {
    const target = await orgWithUser(t.db, 'leading_unit');
    const seq = nextSeq();
    const second = await admin.post<{ member: Member; temporaryPassword: string }>(`/api/v1/admin/organizations/${target.org.id}/members`, { name: '第二位成员', mobile: mobileFor(seq) });
    const a = new Client(t.app, '10.20.3.1');
    await a.login(target.account, PASSWORD);
    const b = new Client(t.app, '10.20.3.2');
    await b.login(mobileFor(seq), second.body.temporaryPassword);

    const off = await admin.post<{ active: boolean }>(`/api/v1/admin/organizations/${target.org.id}/deactivate`, { reason: '合作结束' });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await a.get('/api/v1/auth/me')).status).toBe(401);
    expect((await b.get('/api/v1/auth/me')).status).toBe(401);
    const refused = await new Client(t.app, '10.20.3.3').post<Err>('/api/v1/auth/login', { account: target.account, password: PASSWORD });
    expect(refused.body.code).toBe('ACCOUNT_DEACTIVATED');
    const list = await admin.get<{ items: Array<{ id: string; active: boolean }> }>(`/api/v1/admin/organizations?q=${encodeURIComponent(target.org.name)}`);
    expect(list.body.items.find((o) => o.id === target.org.id)?.active).toBe(false);

    expect((await admin.post<{ active: boolean }>(`/api/v1/admin/organizations/${target.org.id}/reactivate`, {})).body.active).toBe(true);
    expect((await a.get('/api/v1/auth/me')).status).toBe(401);
    expect((await b.get('/api/v1/auth/me')).status).toBe(401);
    await new Client(t.app, '10.20.3.4').login(target.account, PASSWORD);
    const events = await timeline(target.org.id);
    expect(events.find((e) => e.action === 'organization.deactivated')?.summary).toMatchObject({ reason: '合作结束', sessionsEnded: 2 });
    expect(events[0]?.action).toBe('organization.reactivated');
  });

  it('the admin cannot deactivate themself or their own organisation', async () => {
    const [me] = await t.db.select({ id: users.id, orgId: users.orgId }).from(users).where(eq(users.email, adminAccount));
    const self = await admin.post<Err>(`/api/v1/admin/members/${me?.id}/deactivate`, {});
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('CANNOT_DEACTIVATE_SELF');
    const ownOrg = await admin.post<Err>(`/api/v1/admin/organizations/${me?.orgId}/deactivate`, {});
    expect(ownOrg.body.code).toBe('CANNOT_DEACTIVATE_SELF');
    const ownReset = await admin.post<Err>(`/api/v1/admin/members/${me?.id}/reset-password`, {});
    expect(ownReset.status).toBe(409);
    expect((await admin.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('two admins deactivating each other at once leave at least one active bureau admin', async () => {
    const bureau = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
    const otherMobile = mobileFor(nextSeq());
    const added = await admin.post<{ member: Member; temporaryPassword: string }>(`/api/v1/admin/organizations/${bureau.org.id}/members`, {
      name: '另一位管理员',
      mobile: otherMobile,
      bureauRole: 'admin',
    });
    const x = new Client(t.app, '10.20.4.1');
    await x.login(bureau.account, PASSWORD);
    const y = new Client(t.app, '10.20.4.2');
    await y.login(otherMobile, added.body.temporaryPassword);
    await y.post('/api/v1/auth/change-password', { currentPassword: added.body.temporaryPassword, newPassword: 'AdminPassw0rd' });
    // Only these two remain as admins: the file's own admin steps aside first.
    const [me] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, adminAccount));
    const xId = await userIdOf(bureau.account);
    const yId = added.body.member.id;
    expect((await x.post(`/api/v1/admin/members/${me?.id}/deactivate`, {})).status).toBe(200);
    const [rx, ry] = await Promise.all([x.post<Err>(`/api/v1/admin/members/${yId}/deactivate`, {}), y.post<Err>(`/api/v1/admin/members/${xId}/deactivate`, {})]);
    expect([rx.status, ry.status]).toContain(200);
    const other = rx.status === 200 ? ry : rx;
    expect([401, 409]).toContain(other.status);
    if (other.status === 409) expect(other.body.code).toBe('LAST_BUREAU_ADMIN');
    const left = await t.db.select({ id: users.id, active: users.active }).from(users).where(eq(users.orgId, bureau.org.id));
    expect(left.filter((u) => u.active)).toHaveLength(1);
    // Restore the file's admin for the tests after this one.
    const survivor = rx.status === 200 ? x : y;
    expect((await survivor.post(`/api/v1/admin/members/${me?.id}/reactivate`, {})).status).toBe(200);
    admin = new Client(t.app, '10.20.0.1');
    await admin.login(adminAccount, PASSWORD);
  });
});

describe('password reset and unlock', () => {
  it('resets to a temporary password: sessions end, the old password stops working, a change is forced', async () => {
    const target = await enterpriseWithUser(t.db);
    const memberId = await userIdOf(target.account);
    const member = new Client(t.app, '10.20.5.1');
    await member.login(target.account, PASSWORD);
    const reset = await admin.post<{ member: Member; temporaryPassword: string }>(`/api/v1/admin/members/${memberId}/reset-password`, {});
    expect(reset.status).toBe(200);
    expect(reset.body.member.mustChangePassword).toBe(true);
    expect((await member.get('/api/v1/auth/me')).status).toBe(401);
    const old = await new Client(t.app, '10.20.5.2').post<Err>('/api/v1/auth/login', { account: target.account, password: PASSWORD });
    expect(old.body.code).toBe('INVALID_CREDENTIALS');
    const c = new Client(t.app, '10.20.5.3');
    await c.login(target.account, reset.body.temporaryPassword);
    expect((await c.get<Err>('/api/v1/projects')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.post('/api/v1/auth/change-password', { currentPassword: reset.body.temporaryPassword, newPassword: 'Fresh-Passw0rd' })).status).toBe(200);
    expect((await c.get('/api/v1/projects')).status).toBe(200);

    const events = await timeline(target.org.id);
    const resetEvent = events.find((e) => e.action === 'member.password_reset');
    expect(resetEvent?.summary).toMatchObject({ sessionsEnded: 1 });
    expect(JSON.stringify(events)).not.toContain(reset.body.temporaryPassword);
  });

  it('an unused temporary password expires', async () => {
    const target = await orgWithUser(t.db, 'expert');
    const memberId = await userIdOf(target.account);
    const reset = await admin.post<{ temporaryPassword: string }>(`/api/v1/admin/members/${memberId}/reset-password`, {});
    await t.db.update(users).set({ tempPasswordUntil: new Date(Date.now() - 1000) }).where(eq(users.id, memberId));
    const late = await new Client(t.app, '10.20.6.1').post<Err>('/api/v1/auth/login', { account: target.account, password: reset.body.temporaryPassword });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('TEMP_PASSWORD_EXPIRED');
  });

  it('unlocks a throttled member from every address, audited', async () => {
    const target = await orgWithUser(t.db, 'town', { townCode: 'guzhen' });
    const memberId = await userIdOf(target.account);
    for (const ip of ['10.20.7.1', '10.20.7.2']) {
      const c = new Client(t.app, ip);
      for (let i = 0; i < 5; i++) await c.post('/api/v1/auth/login', { account: target.account, password: 'Wrong-passw0rd' });
      expect((await c.post<Err>('/api/v1/auth/login', { account: target.account, password: PASSWORD })).body.code).toBe('AUTH_THROTTLED');
    }
    const detail = await admin.get<OrgDetail>(`/api/v1/admin/organizations/${target.org.id}`);
    expect(detail.body.members[0]?.throttledUntil).not.toBeNull();
    const unlocked = await admin.post<Member>(`/api/v1/admin/members/${memberId}/unlock`, {});
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.throttledUntil).toBeNull();
    for (const ip of ['10.20.7.1', '10.20.7.2']) await new Client(t.app, ip).login(target.account, PASSWORD);
    const events = await timeline(target.org.id);
    expect(events.find((e) => e.action === 'member.unlocked')?.summary).toMatchObject({ countersCleared: 2 });
    expect(events.filter((e) => e.action === 'auth.login_failed')).toHaveLength(10);
  });
});

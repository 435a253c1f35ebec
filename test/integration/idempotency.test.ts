/**
 * Idempotent creates: the same create repeated by the same caller with the same content gets the first answer,
 * also when the repeat arrives while the first still runs; the database holds no request content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, completeFiling, enterpriseWithUser, mobileFor, nextSeq, orgWithUser, registrationBody } from '../support/fixtures';
import { makeUscc } from '../../src/core/identity/uscc';
import { idempotencyKeys, organizations, projects, users } from '../../src/db/schema';

let t: TestApp;
let admin: Client;
let adminAccount: string;

interface Err {
  code: string;
}

function orgBody(seq: number) {
  return {
    type: 'catalog_provider',
    name: `幂等测试服务商${seq}`,
    uscc: makeUscc(seq),
    contactName: '李四',
    contactMobile: mobileFor(seq),
    member: { name: '李四', email: `provider${seq}@test.local`, password: 'Member-Passw0rd' },
  };
}

async function orgCount(uscc: string): Promise<number> {
  return (await t.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, uscc))).length;
}

beforeAll(async () => {
  t = await startTestApp();
  adminAccount = (await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' })).account;
  admin = new Client(t.app, '10.40.0.1');
  await admin.login(adminAccount, PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

describe('admin 新建组织', () => {
  it('a double submit gets the first answer, not 「已存在」', async () => {
    const seq = nextSeq();
    const first = await admin.post<{ id: string }>('/api/v1/admin/organizations', orgBody(seq));
    const again = await admin.post<{ id: string }>('/api/v1/admin/organizations', orgBody(seq));
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await orgCount(makeUscc(seq))).toBe(1);
  });

  it('two submits at once: one organisation, identical answers', async () => {
    const seq = nextSeq();
    const [a, b] = await Promise.all([admin.post<{ id: string }>('/api/v1/admin/organizations', orgBody(seq)), admin.post<{ id: string }>('/api/v1/admin/organizations', orgBody(seq))]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect(await orgCount(makeUscc(seq))).toBe(1);
    const five = await Promise.all(Array.from({ length: 5 }, () => admin.post<{ id: string }>('/api/v1/admin/organizations', orgBody(seq + 1))));
    expect(new Set(five.map((r) => `${r.status} ${JSON.stringify(r.body)}`)).size).toBe(1);
    expect(await orgCount(makeUscc(seq + 1))).toBe(1);
  });

  it('different content, or another session, is a new request with its own answer', async () => {
    const seq = nextSeq();
    expect((await admin.post('/api/v1/admin/organizations', orgBody(seq))).status).toBe(201);
    const changed = await admin.post<Err>('/api/v1/admin/organizations', { ...orgBody(seq), name: '另一个名称' });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('USCC_TAKEN');
    const otherSession = new Client(t.app, '10.40.0.1');
    await otherSession.login(adminAccount, PASSWORD);
    const other = await otherSession.post<Err>('/api/v1/admin/organizations', orgBody(seq));
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('USCC_TAKEN');
  });

  it('an answer that was an error is repeated too; a malformed body is never claimed', async () => {
    const seq = nextSeq();
    const body = { ...orgBody(seq), uscc: `${makeUscc(seq).slice(0, 17)}${makeUscc(seq)[17] === '0' ? '1' : '0'}` };
    const first = await admin.post<Err>('/api/v1/admin/organizations', body);
    expect(first.status).toBe(400);
    const again = await admin.post<Err>('/api/v1/admin/organizations', body);
    expect(again.body).toEqual(first.body);
    const before = (await t.db.select().from(idempotencyKeys)).length;
    expect((await admin.post('/api/v1/admin/organizations', { type: 'nope' })).status).toBe(400);
    expect((await t.db.select().from(idempotencyKeys)).length).toBe(before);
  });

  it('honours an Idempotency-Key header and refuses it for other content', async () => {
    const seq = nextSeq();
    const key = `k-${seq}`;
    const first = await admin.request<{ id: string }>('POST', '/api/v1/admin/organizations', orgBody(seq), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const other = await admin.request<Err>('POST', '/api/v1/admin/organizations', orgBody(seq + 1), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await orgCount(makeUscc(seq + 1))).toBe(0);
  });

  it('stores only hashes and an encrypted answer: no password, name or code in the table', async () => {
    const seq = nextSeq();
    const body = orgBody(seq);
    await admin.post('/api/v1/admin/organizations', body);
    const rows = await t.db.select().from(idempotencyKeys);
    const dump = JSON.stringify(rows);
    for (const secret of [body.member.password, body.name, body.uscc, body.member.email, body.contactMobile]) expect(dump).not.toContain(secret);
    for (const r of rows) expect(r.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('registration, member add and project create', () => {
  it('a double-clicked 注册 signs in once and answers the same twice, cookies included', async () => {
    const seq = nextSeq();
    const ip = '10.40.1.1';
    const [a, b] = await Promise.all([new Client(t.app, ip).post<{ orgId: string }>('/api/v1/auth/register', registrationBody(seq)), new Client(t.app, ip).post<{ orgId: string }>('/api/v1/auth/register', registrationBody(seq))]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    expect(String(b.headers['set-cookie'])).toBe(String(a.headers['set-cookie']));
    expect(await orgCount(makeUscc(seq))).toBe(1);
    const c = new Client(t.app, ip);
    const third = await c.post<{ orgId: string }>('/api/v1/auth/register', registrationBody(seq));
    expect(third.body.orgId).toBe(a.body.orgId);
    expect((await c.get<{ org: { id: string } }>('/api/v1/auth/me')).body.org.id).toBe(a.body.orgId);
    // Another password is another request: the code is then taken.
    const otherPassword = await new Client(t.app, ip).post<Err>('/api/v1/auth/register', registrationBody(seq, { password: 'Other-Passw0rd' }));
    expect(otherPassword.body.code).toBe('USCC_TAKEN');
    // From another address it is not a repeat either.
    const elsewhere = await new Client(t.app, '10.40.1.2').post<Err>('/api/v1/auth/register', registrationBody(seq));
    expect(elsewhere.body.code).toBe('USCC_TAKEN');
  });

  it('adding a member twice gives one member and the same temporary password', async () => {
    const target = await orgWithUser(t.db, 'leading_unit');
    const body = { name: '双击成员', mobile: mobileFor(nextSeq()) };
    const [a, b] = await Promise.all([
      admin.post<{ temporaryPassword: string; member: { id: string } }>(`/api/v1/admin/organizations/${target.org.id}/members`, body),
      admin.post<{ temporaryPassword: string; member: { id: string } }>(`/api/v1/admin/organizations/${target.org.id}/members`, body),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    expect((await t.db.select().from(users).where(eq(users.mobile, body.mobile))).length).toBe(1);
    const dump = JSON.stringify(await t.db.select().from(idempotencyKeys));
    expect(dump).not.toContain(a.body.temporaryPassword);
  });

  it('a double-clicked project create makes one draft', async () => {
    const { org, account } = await enterpriseWithUser(t.db);
    const c = new Client(t.app, '10.40.2.1');
    await c.login(account, PASSWORD);
    const [a, b] = await Promise.all([c.post<{ id: string }>('/api/v1/projects', completeFiling), c.post<{ id: string }>('/api/v1/projects', completeFiling)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect((await t.db.select().from(projects).where(eq(projects.enterpriseId, org.id))).length).toBe(1);
  });
});

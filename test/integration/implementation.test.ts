/**
 * 改造实施 through the API: training sessions with their files, progress notes, the acceptance date, who may
 * write, and the enterprise declaring completion with its rating of the provider.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts, delegations, projects, providerRatings, users } from '../../src/db/schema';
import { makeProject, type OrgRow, type ProjectRow } from '../../src/db/factories';
import { todayInShanghai } from '../../src/server/deadlines/service';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { exe, jpeg, pdf, png } from '../support/sample-files';

interface Err {
  code: string;
  message: string;
  details: { reason?: string; fields?: Array<{ path: string; code: string; message: string }> };
}
interface Session {
  id: string;
  heldOn: string;
  topic: string;
  trainees: number;
  files: Array<{ id: string; fileName: string }>;
}
interface Summary {
  canWrite: boolean;
  acceptedOn: string | null;
  missing: Array<{ zh: string; en: string }>;
}

const RATING = { timeliness: 5, quality: 4, service: 5, price: 3, comment: '实施及时，培训到位' };
const TODAY = todayInShanghai(new Date());
const FILED = new Date('2026-09-01T02:00:00Z');

let t: TestApp;
let enterprise: Client;
let provider: Client;
let otherEnterprise: Client;
let stranger: Client;
let reviewer: Client;
let enterpriseOrg: OrgRow;
let enterpriseOrgId = '';
let enterpriseAccount = '';
let enterpriseUserId = '';
let providerOrgId = '';
let strangerOrgId = '';

async function client(account: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Client> {
  const c = new Client(t.app, '127.0.0.1', lang);
  await c.login(account, PASSWORD);
  return c;
}

async function implementing(opts: { signedOn?: string } = {}): Promise<ProjectRow> {
  const p = await makeProject(t.db, { enterprise: enterpriseOrg, state: 'implementation', providerOrgId, submittedAt: FILED });
  if (opts.signedOn) await t.db.insert(contracts).values({ projectId: p.id, signedOn: opts.signedOn });
  return p;
}

const del = (c: Client, url: string) => c.request<Err>('DELETE', url);
const put = <T = Err>(c: Client, url: string, body: unknown) => c.request<T>('PUT', url, body);

function session(overrides: Record<string, unknown> = {}) {
  return { heldOn: '2026-10-15', topic: 'MES 系统操作培训', trainer: '李工', trainees: 12, traineeNames: '张三、李四', ...overrides };
}

beforeAll(async () => {
  t = await startTestApp();
  const e = await enterpriseWithUser(t.db);
  enterpriseOrg = e.org;
  enterpriseOrgId = e.org.id;
  enterpriseAccount = e.account;
  enterprise = await client(e.account);
  const [u] = await t.db.select().from(users).where(eq(users.orgId, enterpriseOrgId));
  enterpriseUserId = u!.id;
  const pr = await orgWithUser(t.db, 'leading_unit');
  providerOrgId = pr.org.id;
  provider = await client(pr.account);
  otherEnterprise = await client((await enterpriseWithUser(t.db)).account);
  const s = await orgWithUser(t.db, 'leading_unit');
  strangerOrgId = s.org.id;
  stranger = await client(s.account);
  reviewer = await client((await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' })).account);
});
afterAll(async () => {
  await t?.close();
});

describe('the main path', () => {
  it('the provider records a session and its sign-in sheet; the enterprise declares complete with ratings', async () => {
    const p = await implementing();
    const base = `/api/v1/projects/${p.id}`;
    const created = await provider.post<Session>(`${base}/training-sessions`, session());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ heldOn: '2026-10-15', topic: 'MES 系统操作培训', trainees: 12, files: [] });

    const up = await provider.upload<{ id: string }>(`${base}/materials/implementation.trainingRecords?itemId=${created.body.id}`, jpeg(), '签到表.jpg');
    expect(up.status).toBe(201);
    const photo = await enterprise.upload(`${base}/materials/implementation.trainingRecords?itemId=${created.body.id}`, png(), '现场.png');
    expect(photo.status).toBe(201);

    const list = await enterprise.get<Session[]>(`${base}/training-sessions`);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]!.files.map((f) => f.fileName).sort()).toEqual(['现场.png', '签到表.jpg']);

    const note = await provider.post<{ body: string; authorOrgName: string }>(`${base}/progress-notes`, { body: '  设备联网已完成 80%  ' });
    expect(note.status).toBe(201);
    expect(note.body.body).toBe('设备联网已完成 80%');
    expect((await enterprise.get<unknown[]>(`${base}/progress-notes`)).body).toHaveLength(1);

    expect((await put<{ acceptedOn: string }>(provider, `${base}/acceptance`, { acceptedOn: '2026-10-20' })).status).toBe(200);
    expect((await provider.upload(`${base}/materials/implementation.acceptanceReport`, pdf(), '验收报告.pdf')).status).toBe(201);

    const summary = await enterprise.get<Summary>(`${base}/implementation`);
    expect(summary.body).toMatchObject({ canWrite: true, acceptedOn: '2026-10-20', missing: [] });

    // only the enterprise declares
    const byProvider = await provider.post<Err>(`${base}/transitions`, { event: 'submitImplementation', input: RATING });
    expect(byProvider.status).toBe(403);
    expect(byProvider.body.code).toBe('ROLE_NOT_ALLOWED');

    const badRating = await enterprise.post<Err>(`${base}/transitions`, { event: 'submitImplementation', input: { ...RATING, quality: 6 } });
    expect(badRating.status).toBe(400);

    const done = await enterprise.post(`${base}/transitions`, { event: 'submitImplementation', input: RATING });
    expect(done.status).toBe(200);
    const [row] = await t.db.select().from(projects).where(eq(projects.id, p.id));
    expect(row?.state).toBe('implemented');
    const ratings = await t.db.select().from(providerRatings).where(eq(providerRatings.projectId, p.id));
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ providerOrgId, timeliness: 5, quality: 4, service: 5, price: 3, comment: '实施及时，培训到位' });

    const again = await enterprise.post<Err>(`${base}/transitions`, { event: 'submitImplementation', input: RATING });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_SUBMITTED');

    // read-only once implemented
    const late = await provider.post<Err>(`${base}/training-sessions`, session());
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('STAGE_NOT_ALLOWED');
    expect(late.body.message).toContain('只能查看');
    expect((await enterprise.get<Summary>(`${base}/implementation`)).body.canWrite).toBe(false);

    // the bureau returns it; the resubmission replaces the rating
    const back = await reviewer.post(`${base}/transitions`, { event: 'returnImplementation', reason: '签到表不清晰，请重新上传' });
    expect(back.status).toBe(200);
    const second = await enterprise.post(`${base}/transitions`, { event: 'submitImplementation', input: { ...RATING, quality: 2, comment: '' } });
    expect(second.status).toBe(200);
    const replaced = await t.db.select().from(providerRatings).where(eq(providerRatings.projectId, p.id));
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toMatchObject({ quality: 2, comment: '' });
  });
});

describe('declaring too early', () => {
  it('without a session with files and without an acceptance date is refused with both messages', async () => {
    const p = await implementing();
    const base = `/api/v1/projects/${p.id}`;
    const res = await enterprise.post<Err>(`${base}/transitions`, { event: 'submitImplementation', input: RATING });
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('至少登记一场培训并上传签到表或培训照片');
    expect(res.body.message).toContain('内部验收日期');

    // a session without a file does not count
    const s = await enterprise.post<Session>(`${base}/training-sessions`, session());
    expect(s.status).toBe(201);
    const still = await enterprise.post<Err>(`${base}/transitions`, { event: 'submitImplementation', input: RATING });
    expect(still.body.message).toContain('至少登记一场培训并上传签到表或培训照片');

    // a file counts; the acceptance date is still missing
    expect((await enterprise.upload(`${base}/materials/implementation.trainingRecords?itemId=${s.body.id}`, pdf(), 'sign-in.pdf')).status).toBe(201);
    expect((await enterprise.upload(`${base}/materials/implementation.acceptanceReport`, pdf(), 'report.pdf')).status).toBe(201);
    const noDate = await enterprise.post<Err>(`${base}/transitions`, { event: 'submitImplementation', input: RATING });
    expect(noDate.status).toBe(422);
    expect(noDate.body.message).not.toContain('至少登记一场培训');
    expect(noDate.body.message).toContain('内部验收日期');

    // removing the session takes its files out of the count
    expect((await del(enterprise, `${base}/training-sessions/${s.body.id}`)).status).toBe(200);
    const summary = await enterprise.get<Summary>(`${base}/implementation`);
    expect(summary.body.missing.map((m) => m.zh)).toEqual(['至少登记一场培训并上传签到表或培训照片', '内部验收日期']);
    expect((await enterprise.get<Session[]>(`${base}/training-sessions`)).body).toEqual([]);
  });

  it('says so in English too', async () => {
    const p = await implementing();
    const res = await (await client(enterpriseAccount, 'en')).post<Err>(`/api/v1/projects/${p.id}/transitions`, { event: 'submitImplementation', input: RATING });
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('at least one training session with its sign-in sheet or photos');
    expect(res.body.message).toContain('the internal acceptance date');
  });
});

describe('input', () => {
  it('refuses bad dates with a clear message naming the field', async () => {
    const p = await implementing({ signedOn: '2026-10-01' });
    const base = `/api/v1/projects/${p.id}`;
    const cases: Array<[unknown, string]> = [
      ['2026-02-30', 'VALIDATION_FAILED'],
      ['2099-01-01', 'DATE_IN_FUTURE'],
      ['2026-09-15', 'DATE_TOO_EARLY'],
    ];
    for (const [heldOn, code] of cases) {
      const res = await provider.post<Err>(`${base}/training-sessions`, session({ heldOn }));
      expect(res.status, String(heldOn)).toBe(400);
      expect(res.body.details.fields?.[0]?.path).toBe('heldOn');
      if (code !== 'VALIDATION_FAILED') expect(res.body.details.reason).toBe(code);
    }
    const early = await provider.post<Err>(`${base}/training-sessions`, session({ heldOn: '2026-09-15' }));
    expect(early.body.message).toContain('合同签订日期');

    const ok = await provider.post<Session>(`${base}/training-sessions`, session({ heldOn: '2026-10-10' }));
    expect(ok.status).toBe(201);
    const future = await put(provider, `${base}/acceptance`, { acceptedOn: '2099-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.details.reason).toBe('DATE_IN_FUTURE');
    const beforeTraining = await put(provider, `${base}/acceptance`, { acceptedOn: '2026-10-05' });
    expect(beforeTraining.status).toBe(400);
    expect(beforeTraining.body.details.reason).toBe('BEFORE_FIRST_TRAINING');
    expect(beforeTraining.body.message).toContain('第一场培训');
    expect((await put(provider, `${base}/acceptance`, { acceptedOn: TODAY })).status).toBe(200);

    const patchEarly = await provider.patch<Err>(`${base}/training-sessions/${ok.body.id}`, { heldOn: '2026-09-30' });
    expect(patchEarly.status).toBe(400);
    expect(patchEarly.body.details.reason).toBe('DATE_TOO_EARLY');
    const patched = await provider.patch<Session>(`${base}/training-sessions/${ok.body.id}`, { trainees: 20, topic: '设备联网培训' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ trainees: 20, topic: '设备联网培训', heldOn: '2026-10-10' });
  });

  it('without a contract the filing date is the earliest day', async () => {
    const p = await implementing();
    const res = await provider.post<Err>(`/api/v1/projects/${p.id}/training-sessions`, session({ heldOn: '2026-08-31' }));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('项目备案日期');
    expect((await provider.post(`/api/v1/projects/${p.id}/training-sessions`, session({ heldOn: '2026-09-01' }))).status).toBe(201);
  });

  it('refuses bad session fields, notes and uploads without a 500', async () => {
    const p = await implementing();
    const base = `/api/v1/projects/${p.id}`;
    for (const body of [session({ trainees: 0 }), session({ trainees: 1.5 }), session({ topic: '   ' }), session({ trainer: '' }), session({ extra: 1 }), { heldOn: '2026-10-01' }]) {
      const res = await provider.post<Err>(`${base}/training-sessions`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const zero = await provider.post<Err>(`${base}/training-sessions`, session({ trainees: 0 }));
    expect(zero.body.details.fields?.[0]?.message).toContain('至少为 1 人');
    for (const body of [{ body: '' }, { body: '   ' }, { body: 'x'.repeat(2001) }, {}]) {
      expect((await provider.post<Err>(`${base}/progress-notes`, body)).status).toBe(400);
    }
    expect((await provider.post(`${base}/progress-notes`, { body: 'x'.repeat(2000) })).status).toBe(201);
    expect((await provider.patch<Err>(`${base}/training-sessions/${p.id}`, {})).status).toBe(400);

    // training files belong to a session of this project
    const noItem = await provider.upload<Err>(`${base}/materials/implementation.trainingRecords`, pdf(), 'a.pdf');
    expect(noItem.status).toBe(400);
    expect(noItem.body.details.reason).toBe('ITEM_REQUIRED');
    const other = await implementing();
    const foreign = await provider.post<Session>(`/api/v1/projects/${other.id}/training-sessions`, session());
    const wrongItem = await provider.upload<Err>(`${base}/materials/implementation.trainingRecords?itemId=${foreign.body.id}`, pdf(), 'a.pdf');
    expect(wrongItem.status).toBe(400);
    expect(wrongItem.body.details.reason).toBe('ITEM_NOT_FOUND');
    const s = await provider.post<Session>(`${base}/training-sessions`, session());
    expect((await del(provider, `${base}/training-sessions/${s.body.id}`)).status).toBe(200);
    const removed = await provider.upload<Err>(`${base}/materials/implementation.trainingRecords?itemId=${s.body.id}`, pdf(), 'a.pdf');
    expect(removed.body.details.reason).toBe('ITEM_NOT_FOUND');
    expect((await del(provider, `${base}/training-sessions/${s.body.id}`)).status).toBe(404);
    const notItemSlot = await provider.upload<Err>(`${base}/materials/implementation.acceptanceReport?itemId=${foreign.body.id}`, pdf(), 'a.pdf');
    expect(notItemSlot.status).toBe(400);
    expect(notItemSlot.body.details.reason).toBe('ITEM_NOT_ALLOWED');
    const live = await provider.post<Session>(`${base}/training-sessions`, session());
    expect((await provider.upload(`${base}/materials/implementation.trainingRecords?itemId=${live.body.id}`, exe(), 'a.exe')).status).toBe(415);
  });
});

describe('who may see and write', () => {
  it("another enterprise's sessions and a leading unit neither chosen nor authorised → 404", async () => {
    const p = await implementing();
    const base = `/api/v1/projects/${p.id}`;
    const s = await enterprise.post<Session>(`${base}/training-sessions`, session());
    for (const c of [otherEnterprise, stranger]) {
      expect((await c.get(`${base}/training-sessions`)).status).toBe(404);
      expect((await c.get(`${base}/progress-notes`)).status).toBe(404);
      expect((await c.get(`${base}/implementation`)).status).toBe(404);
      expect((await c.post(`${base}/training-sessions`, session())).status).toBe(404);
      expect((await c.patch(`${base}/training-sessions/${s.body.id}`, { trainees: 3 })).status).toBe(404);
      expect((await del(c, `${base}/training-sessions/${s.body.id}`)).status).toBe(404);
      expect((await c.post(`${base}/progress-notes`, { body: '进展' })).status).toBe(404);
      expect((await put(c, `${base}/acceptance`, { acceptedOn: TODAY })).status).toBe(404);
      expect((await c.upload(`${base}/materials/implementation.trainingRecords?itemId=${s.body.id}`, pdf(), 'a.pdf')).status).toBe(404);
    }
    // a session id of another project under this project → 404
    const other = await implementing();
    expect((await enterprise.patch(`/api/v1/projects/${other.id}/training-sessions/${s.body.id}`, { trainees: 3 })).status).toBe(404);
  });

  it('an authorised leading unit writes for the enterprise; the bureau only reads', async () => {
    const p = await implementing();
    const base = `/api/v1/projects/${p.id}`;
    await t.db.insert(delegations).values({ enterpriseId: enterpriseOrgId, agentOrgId: strangerOrgId, grantedBy: enterpriseUserId });
    const s = await stranger.post<Session & { onBehalfOfOrgName: string | null }>(`${base}/training-sessions`, session());
    expect(s.status).toBe(201);
    expect(s.body.onBehalfOfOrgName).not.toBeNull();
    const byDelegate = await stranger.post<Err>(`${base}/transitions`, { event: 'submitImplementation', input: RATING });
    expect(byDelegate.status).toBe(403);
    expect(byDelegate.body.code).toBe('ROLE_NOT_ALLOWED');
    await t.db.update(delegations).set({ revokedAt: new Date() }).where(eq(delegations.agentOrgId, strangerOrgId));

    expect((await reviewer.get<Session[]>(`${base}/training-sessions`)).body).toHaveLength(1);
    const w = await reviewer.post<Err>(`${base}/training-sessions`, session());
    expect(w.status).toBe(403);
    expect(w.body.code).toBe('ROLE_NOT_ALLOWED');
    expect(w.body.message).toContain('只能查看');
    expect((await reviewer.get<Summary>(`${base}/implementation`)).body.canWrite).toBe(false);
  });

  it('a catalog provider chosen for the project writes; the same provider on another project sees nothing', async () => {
    const cp = await orgWithUser(t.db, 'catalog_provider');
    const cpc = await client(cp.account);
    const mine = await makeProject(t.db, { enterprise: enterpriseOrg, state: 'implementation', providerOrgId: cp.org.id, submittedAt: FILED });
    const s = await cpc.post<Session>(`/api/v1/projects/${mine.id}/training-sessions`, session());
    expect(s.status).toBe(201);
    expect((await cpc.upload(`/api/v1/projects/${mine.id}/materials/implementation.trainingRecords?itemId=${s.body.id}`, jpeg(), 'sign.jpg')).status).toBe(201);
    expect((await cpc.post(`/api/v1/projects/${mine.id}/progress-notes`, { body: '系统已上线' })).status).toBe(201);
    const theirs = await implementing();
    expect((await cpc.get(`/api/v1/projects/${theirs.id}/training-sessions`)).status).toBe(404);
    expect((await cpc.post(`/api/v1/projects/${theirs.id}/training-sessions`, session())).status).toBe(404);
  });

  it('before implementation the record is read-only', async () => {
    const p = await makeProject(t.db, { enterprise: enterpriseOrg, state: 'contracting', providerOrgId, submittedAt: FILED });
    const res = await provider.post<Err>(`/api/v1/projects/${p.id}/training-sessions`, session());
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('STAGE_NOT_ALLOWED');
    expect((await provider.get<Session[]>(`/api/v1/projects/${p.id}/training-sessions`)).status).toBe(200);
  });
});

/**
 * Public announcements (公示): the window in working days, objections (real name and contact, organisation
 * marked, anonymous and late refused, rate-limited, evidence checked by content), the office's finding, the
 * finalisation rule, the publicity guard of the subsidy review, public lists and open data in three formats.
 */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { exe, pdf } from '../support/sample-files';
import { makePool, makeProject } from '../../src/db/factories';
import { disbursementTranches, objections, outbox, projects, subsidyApplications } from '../../src/db/schema';
import { checkGuards, makeGuardContext } from '../../src/core/workflow';
import { addWorkingDays, chinaCalendar, isWorkingDay, parseIsoDate } from '../../src/core/calendar';
import { todayInShanghai } from '../../src/server/deadlines/service';
import { announcementFacts } from '../../src/server/modules/announcements/facts';
import { openAnnouncement } from '../../src/server/modules/announcements/service';
import type { LoadedProject } from '../../src/server/modules/projects/policy';

interface Err {
  code: string;
  message: string;
  details: { fields?: Array<{ path: string }>; failures?: Array<{ guard: string; message: string }>; openObjections?: number };
}
interface PublicAnnouncement {
  id: string;
  endsOn: string;
  window: string;
  workingDaysLeft: number;
  officeName: string;
  acceptsObjections: boolean;
  items: Array<{ id: string; projectId: string | null; enterpriseName: string; amountFen: number | null }>;
  rules: { zh: string[] };
}
interface Objection {
  id: string;
  isOrganisation: boolean;
  organisationName: string | null;
  status: string;
  outcome: string | null;
  evidence: Array<{ sha256: string }>;
  canHandle: boolean;
}
interface Paged<T> {
  items: T[];
  total: number;
}

let t: TestApp;
let bureau: Client;
let expert: Client;
let enterprise: Client;
let fundedProjectId: string;
let pilotProjectId: string;
let enterpriseName: string;
const today = todayInShanghai(new Date());
let ipSeq = 10;
const publicClient = () => new Client(t.app, `10.20.0.${ipSeq++}`);
const FACTS = '该企业申报的项目发票日期晚于验收日期，与公示的奖补金额不符，请核查。';

beforeAll(async () => {
  t = await startTestApp({ publicCacheMs: 0 });
  const b = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  bureau = new Client(t.app, '127.0.0.9');
  await bureau.login(b.account, PASSWORD);
  const x = await orgWithUser(t.db, 'expert');
  expert = new Client(t.app, '127.0.0.10');
  await expert.login(x.account, PASSWORD);
  const e = await enterpriseWithUser(t.db);
  enterpriseName = e.org.name;
  enterprise = new Client(t.app, '127.0.0.11');
  await enterprise.login(e.account, PASSWORD);

  // A pilot enterprise, funded with 200,000 yuan, paid 50,000 as pre-subsidy.
  const p = await makeProject(t.db, { enterprise: e.org, state: 'disbursement' });
  fundedProjectId = p.id;
  pilotProjectId = p.id;
  await t.db.update(projects).set({ pilotEnterpriseAt: new Date() }).where(eq(projects.id, p.id));
  await t.db.insert(subsidyApplications).values({ projectId: p.id, suggestedFen: 30_000_000, approvedFen: 20_000_000, decidedAt: new Date(), submittedAt: new Date() });
  const pool = await makePool(t.db, { year: 2091, totalFen: 100_000_000 });
  await t.db.insert(disbursementTranches).values({ projectId: p.id, line: 'pre', poolId: pool.id, amountFen: 5_000_000, objectId: crypto.randomUUID(), paidAt: new Date(), voucherNo: 'V-1' });
  // An unpaid tranche is not on the payment list.
  await t.db.insert(disbursementTranches).values({ projectId: p.id, line: 'final', applicationId: crypto.randomUUID(), poolId: pool.id, amountFen: 15_000_000, objectId: crypto.randomUUID() });
});
afterAll(async () => {
  await t?.close();
});

async function openFunded(workingDays = 7): Promise<PublicAnnouncement> {
  const res = await bureau.post<{ id: string; endsOn: string; itemCount: number }>('/api/v1/announcements', {
    kind: 'funded',
    title: '2026年第一批数字化转型奖补资金拟资助项目公示',
    officeName: '中山市工业和信息化局驻局纪检监察组',
    officeContact: '0760-88888888',
    workingDays,
    projectIds: [fundedProjectId],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.itemCount).toBe(1);
  const pub = await publicClient().get<PublicAnnouncement>(`/api/v1/public/announcements/${res.body.id}`);
  expect(pub.status).toBe(200);
  return pub.body;
}

/** An announcement whose window lies in the past (for late objections and finalisation). */
async function pastAnnouncement(projectId: string | null = null) {
  const opened = await openAnnouncement(t.db, {
    kind: 'funded',
    title: '往期公示',
    officeName: '市工信局',
    startsOn: '2026-01-05',
    workingDays: 3,
    createdBy: null,
    items: [{ projectId, enterpriseName, projectName: '项目', townCode: 'shiqi', amountFen: 1_000 }],
  });
  return opened;
}

describe('announcements', () => {
  it('opens with a window of working days and lists the lines publicly with how to object', async () => {
    const a = await openFunded(7);
    const cal = chinaCalendar();
    // Seven working days, the first day counted when it is one.
    expect(a.endsOn).toBe(addWorkingDays(today, isWorkingDay(parseIsoDate(today), cal) ? 6 : 7, cal).value);
    expect(a.window).toBe('open');
    expect(a.workingDaysLeft).toBe(7);
    expect(a.acceptsObjections).toBe(true);
    expect(a.officeName).toContain('纪检监察组');
    expect(a.items).toHaveLength(1);
    expect(a.items[0]?.amountFen).toBe(20_000_000);
    expect(a.rules.zh.join('')).toContain('匿名');
    const list = await publicClient().get<Paged<{ id: string }>>('/api/v1/public/announcements?kind=funded');
    expect(list.body.items.map((i) => i.id)).toContain(a.id);
  });

  it('refuses an announcement of an empty list, a bad window, and anyone but bureau staff', async () => {
    const empty = await bureau.post<Err>('/api/v1/announcements', { kind: 'payment', title: '资金拨付公示', officeName: '市工信局', projectIds: [crypto.randomUUID()] });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('名单为空');
    const bad = await bureau.post<Err>('/api/v1/announcements', { kind: 'pilot', title: '试点企业公示', officeName: '市工信局', workingDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields?.[0]?.path).toBe('workingDays');
    for (const c of [expert, enterprise]) {
      expect((await c.get<Err>('/api/v1/announcements')).status).toBe(403);
      expect((await c.get<Err>('/api/v1/objections')).status).toBe(403);
      expect((await c.post<Err>('/api/v1/announcements', { kind: 'pilot', title: '试点企业公示', officeName: '市工信局' })).status).toBe(403);
      expect((await c.post<Err>(`/api/v1/objections/${crypto.randomUUID()}/finding`, { outcome: 'dismissed', finding: '经核查不成立，予以驳回。' })).status).toBe(403);
    }
  });

  it('accepts an objection with a real name and contact, marks an organisation, refuses anonymous and bad contacts with the reason', async () => {
    const a = await openFunded();
    const c = publicClient();
    const ok = await c.post<{ id: string; officeName: string }>(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '张三', contact: '13800138000', itemId: a.items[0]?.id, facts: FACTS });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.officeName).toContain('纪检监察组');
    const org = await c.post<{ id: string; organisation: boolean }>(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '李四', contact: 'lisi@example.com', isOrganisation: true, organisationName: '中山市某某科技有限公司', facts: FACTS });
    expect(org.status).toBe(201);
    expect(org.body.organisation).toBe(true);

    const anonymous = await c.post<Err>(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '匿名', contact: '13800138000', facts: FACTS });
    expect(anonymous.status).toBe(422);
    expect(anonymous.body.code).toBe('OBJECTION_ANONYMOUS');
    expect(anonymous.body.message).toContain('真实姓名');
    const noContact = await c.post<Err>(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '王五', facts: FACTS });
    expect(noContact.body.code).toBe('OBJECTION_ANONYMOUS');
    expect(noContact.body.message).toContain('联系方式');
    const badContact = await c.post<Err>(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '王五', contact: '12345', facts: FACTS });
    expect(badContact.status).toBe(400);
    expect(badContact.body.details.fields?.[0]?.path).toBe('contact');
    const shortFacts = await c.post<Err>(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '王五', contact: '13800138001', facts: '太短' });
    expect(shortFacts.body.details.fields?.[0]?.path).toBe('facts');
    const orgNoName = await c.post<Err>(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '王五', contact: '13800138001', isOrganisation: true, facts: FACTS });
    expect(orgNoName.body.details.fields?.[0]?.path).toBe('organisationName');

    const list = await bureau.get<Paged<Objection>>(`/api/v1/objections?announcementId=${a.id}`);
    expect(list.body.total).toBe(2);
    const marked = list.body.items.find((o) => o.id === org.body.id);
    expect(marked?.isOrganisation).toBe(true);
    expect(marked?.organisationName).toBe('中山市某某科技有限公司');
    const stored = await t.db.select().from(objections).where(eq(objections.id, ok.body.id));
    expect(stored[0]?.senderHash).toMatch(/^[0-9a-f]{40}$/);
    expect(JSON.stringify(stored)).not.toContain('10.20.0.');
  });

  it('refuses a late objection and one to an unknown announcement', async () => {
    const past = await pastAnnouncement();
    const late = await publicClient().post<Err>(`/api/v1/public/announcements/${past.id}/objections`, { objectorName: '张三', contact: '13800138000', facts: FACTS });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('OBJECTION_WINDOW_CLOSED');
    expect(late.body.message).toContain(past.endsOn);
    const unknown = await publicClient().post<Err>(`/api/v1/public/announcements/${crypto.randomUUID()}/objections`, { objectorName: '张三', contact: '13800138000', facts: FACTS });
    expect(unknown.status).toBe(404);
  });

  it('rate-limits one sender to 5 objections an hour', async () => {
    const a = await openFunded();
    const c = publicClient();
    for (let i = 0; i < 5; i++) {
      const r = await c.post(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '赵六', contact: '13900139000', facts: FACTS });
      expect(r.status).toBe(201);
    }
    const sixth = await c.post<Err>(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '赵六', contact: '13900139000', facts: FACTS });
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('RATE_LIMITED');
    // Another sender is not affected.
    expect((await publicClient().post(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '钱七', contact: '13900139001', facts: FACTS })).status).toBe(201);
  });

  it('takes evidence files by content only, for this announcement only', async () => {
    const a = await openFunded();
    const c = publicClient();
    const bad = await c.upload<Err>(`/api/v1/public/announcements/${a.id}/evidence`, exe(), 'evidence.pdf');
    expect(bad.status).toBe(415);
    expect(bad.body.code).toBe('FILE_TYPE_REFUSED');
    const good = await c.upload<{ token: string; sha256: string }>(`/api/v1/public/announcements/${a.id}/evidence`, pdf(64), '证据.pdf');
    expect(good.status).toBe(201);
    const other = await openFunded();
    const foreign = await c.post<Err>(`/api/v1/public/announcements/${other.id}/objections`, { objectorName: '孙八', contact: '13700137000', facts: FACTS, evidence: [good.body.token] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details.fields?.[0]?.path).toBe('evidence');
    const forged = await c.post<Err>(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '孙八', contact: '13700137000', facts: FACTS, evidence: [`${'a'.repeat(64)}.${'b'.repeat(32)}`] });
    expect(forged.status).toBe(400);
    const ok = await c.post<{ id: string }>(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '孙八', contact: '13700137000', facts: FACTS, evidence: [good.body.token] });
    expect(ok.status).toBe(201);
    const detail = await bureau.get<{ objections: Objection[] }>(`/api/v1/announcements/${a.id}`);
    expect(detail.body.objections[0]?.evidence[0]?.sha256).toBe(good.body.sha256);
    const file = await bureau.get(`/api/v1/objections/${ok.body.id}/evidence/${good.body.sha256}`);
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toContain('pdf');
    expect((await enterprise.get(`/api/v1/objections/${ok.body.id}/evidence/${good.body.sha256}`)).status).toBe(403);
    const past = await pastAnnouncement();
    expect((await c.upload<Err>(`/api/v1/public/announcements/${past.id}/evidence`, pdf(), 'x.pdf')).body.code).toBe('OBJECTION_WINDOW_CLOSED');
  });

  it('records the finding once, closes the objection and tells the reviewers when upheld', async () => {
    const a = await openFunded();
    const lodged = await publicClient().post<{ id: string }>(`/api/v1/public/announcements/${a.id}/objections`, { objectorName: '周九', contact: '13600136000', itemId: a.items[0]?.id, facts: FACTS });
    const short = await bureau.post<Err>(`/api/v1/objections/${lodged.body.id}/finding`, { outcome: 'upheld', finding: '成立' });
    expect(short.status).toBe(400);
    const done = await bureau.post<Objection>(`/api/v1/objections/${lodged.body.id}/finding`, { outcome: 'upheld', finding: '经核查，发票日期确晚于验收日期，异议成立。' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('closed');
    expect(done.body.outcome).toBe('upheld');
    expect(done.body.canHandle).toBe(false);
    const again = await bureau.post<Err>(`/api/v1/objections/${lodged.body.id}/finding`, { outcome: 'dismissed', finding: '再次记录核查结论试试看。' });
    expect(again.status).toBe(409);
    const told = await t.db.select().from(outbox).where(eq(outbox.dedupeKey, `objection.upheld:${lodged.body.id}`));
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]?.payload)).toContain('reviewer');
  });

  it('finalises only after the window and with every objection closed', async () => {
    const current = await openFunded();
    const within = await bureau.post<Err>(`/api/v1/announcements/${current.id}/finalise`);
    expect(within.status).toBe(422);
    expect(within.body.message).toContain('个工作日');

    const past = await pastAnnouncement();
    const [o] = await t.db.insert(objections).values({ announcementId: past.id, objectorName: '吴十', contact: '13500135000', facts: FACTS }).returning();
    const open = await bureau.post<Err>(`/api/v1/announcements/${past.id}/finalise`);
    expect(open.status).toBe(422);
    expect(open.body.message).toContain('1 件异议未办结');
    expect(open.body.details.openObjections).toBe(1);
    expect((await enterprise.post(`/api/v1/announcements/${past.id}/finalise`)).status).toBe(403);
    await bureau.post(`/api/v1/objections/${o?.id}/finding`, { outcome: 'dismissed', finding: '经核查，异议所述情况不属实。' });
    const ok = await bureau.post<{ status: string }>(`/api/v1/announcements/${past.id}/finalise`);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('final');
    expect((await bureau.post<Err>(`/api/v1/announcements/${past.id}/finalise`)).status).toBe(409);
    const list = await bureau.get<Paged<{ id: string; status: string }>>('/api/v1/announcements?status=final&kind=funded');
    expect(list.body.items.map((i) => i.id)).toContain(past.id);
  });

  it("blocks the review's publicity step while an objection to the project's line is open", async () => {
    const e = await enterpriseWithUser(t.db);
    const p = await makeProject(t.db, { enterprise: e.org, state: 'subsidyReview' });
    const past = await openAnnouncement(t.db, { kind: 'funded', title: '公示', officeName: '市工信局', startsOn: '2026-01-05', workingDays: 3, createdBy: null, items: [{ projectId: p.id, enterpriseName: e.org.name, projectName: p.title, townCode: p.townCode, amountFen: 100 }] });
    const [o] = await t.db.insert(objections).values({ announcementId: past.id, objectorName: '郑一', contact: '13500135001', facts: FACTS }).returning();
    const guards = [{ id: 'publicityOver' }, { id: 'noOpenObjections' }] as const;
    const load = async () => makeGuardContext(await announcementFacts.load({ tx: t.db, project: p as unknown as LoadedProject, actorOrgId: e.org.id, input: {} }));
    const blocked = checkGuards(guards, await load(), { role: 'bureauReviewer', materials: [] });
    expect(blocked.map((f) => f.guard)).toEqual(['noOpenObjections']);
    await bureau.post(`/api/v1/objections/${o?.id}/finding`, { outcome: 'dismissed', finding: '经核查，异议所述情况不属实。' });
    expect(checkGuards(guards, await load(), { role: 'bureauReviewer', materials: [] })).toEqual([]);
  });

  it('serves the public lists and the same rows as CSV, XLSX and JSON at stable URLs', async () => {
    const c = publicClient();
    const pilots = await c.get<Paged<Record<string, unknown>>>('/api/v1/public/pilot-enterprises');
    expect(pilots.body.items.map((r) => r.projectId)).toContain(pilotProjectId);
    const funded = await c.get<Paged<Record<string, unknown>>>('/api/v1/public/funded-projects');
    const row = funded.body.items.find((r) => r.projectId === fundedProjectId);
    expect(row?.approvedFen).toBe(20_000_000);
    expect(row?.paidFen).toBe(5_000_000);
    const payments = await c.get<Paged<Record<string, unknown>>>('/api/v1/public/payments');
    expect(payments.body.total).toBe(1);
    expect(payments.body.items[0]?.amountFen).toBe(5_000_000);
    expect(JSON.stringify(payments.body)).not.toMatch(/bank|account|voucher|V-1/i);

    for (const list of ['pilot-enterprises', 'funded-projects', 'payments', 'filings', 'benchmarks']) {
      const json = await c.get<{ rows: Array<Record<string, unknown>>; total: number }>(`/api/v1/public/open-data/${list}.json`);
      expect(json.status).toBe(200);
      const csv = await c.get<string>(`/api/v1/public/open-data/${list}.csv`);
      expect(csv.status).toBe(200);
      expect(String(csv.headers['content-type'])).toContain('text/csv');
      expect(csv.raw.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
      const csvLines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(csvLines.length - 1).toBe(json.body.total);
      const xlsx = await c.get(`/api/v1/public/open-data/${list}.xlsx`);
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect((ws?.rowCount ?? 0) - 1).toBe(json.body.total);
      if (json.body.total > 0) {
        const name = String(json.body.rows[0]?.enterpriseName);
        expect(csvLines[1]).toContain(name);
        expect(JSON.stringify(ws?.getRow(2).values)).toContain(name);
      }
    }
    // The catalog as open data too: the same products in the three formats.
    const catalogJson = await c.get<{ rows: Array<Record<string, unknown>>; total: number }>('/api/v1/public/open-data/catalog.json');
    expect(catalogJson.status).toBe(200);
    const catalogXlsx = await c.get('/api/v1/public/open-data/catalog.xlsx');
    const cwb = new ExcelJS.Workbook();
    await cwb.xlsx.load(catalogXlsx.raw.rawPayload as unknown as ArrayBuffer);
    expect((cwb.worksheets[0]?.rowCount ?? 0) - 1).toBe(catalogJson.body.total);
    const catalogCsv = await c.get<string>('/api/v1/public/open-data/catalog.csv');
    expect(catalogCsv.status).toBe(200);
    expect(catalogCsv.raw.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const funds = await c.get<string>('/api/v1/public/open-data/funded-projects.csv');
    expect(funds.body).toContain('200000.00');
    expect(funds.body).toContain('50000.00');
    expect((await c.get<Err>('/api/v1/public/open-data/secrets.csv')).status).toBe(400);
  });
});

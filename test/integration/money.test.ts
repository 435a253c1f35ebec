/**
 * 资金拨付: the enterprise's encrypted bank account (masked for everyone but finance), the tranches (pay with
 * idempotency keys, fail, retry), the final tranche concluding the project, the XLSX export against the ledger,
 * and the town's payment paperwork.
 */
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { pdf } from '../support/sample-files';
import { makePool, makeProjectReadyToApply } from '../../src/db/factories';
import { bankAccounts, budgetPools, delegations, disbursementTranches, ledgerEntries, projects, subsidyApplications, users, workflowObjects } from '../../src/db/schema';
import { commitBudget } from '../../src/server/modules/money/budget';
import { openTranche } from '../../src/server/modules/money/tranches';
import { moneyEffects } from '../../src/server/modules/money/effects';
import { rekeyAll } from '../../src/server/modules/money/bank';
import { decryptAccount, parseKeyring } from '../../src/server/modules/money/crypto';
import { loadProjectForSystem } from '../../src/server/modules/projects/policy';
import type { EffectEnv } from '../../src/server/workflow/types';

interface Err {
  code: string;
  message: string;
  details: { failures?: Array<{ guard: string; message: string }>; fields?: Array<{ path: string }> };
}
interface Account {
  id: string;
  masked: boolean;
  bankName: string;
  accountName: string;
  accountNumber: string;
  last4: string;
}
interface Tranche {
  id: string;
  state: string;
  amountFen: number;
  attempts: number;
  failureReason: string | null;
  voucherNo: string | null;
  paidOn: string | null;
  bankAccount: Account | null;
  paperworkMissing: Array<{ zh: string }>;
  actions: Array<{ event: string; allowed: boolean }>;
  basis: Array<{ zh: string }>;
}
interface Page<T> {
  items: T[];
  total: number;
  totals?: { count: number; amountFen: number; paidFen: number };
}

let t: TestApp;
let finance: Client;
let admin: Client;
let reviewer: Client;
let expert: Client;
let town: Client;
let otherTown: Client;
let seqYear = 2400;
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function signedIn(account: string, ip: string): Promise<Client> {
  const c = new Client(t.app, ip);
  await c.login(account, PASSWORD);
  return c;
}

beforeAll(async () => {
  t = await startTestApp();
  finance = await signedIn((await orgWithUser(t.db, 'bureau', { bureauRole: 'finance' })).account, '127.0.1.1');
  admin = await signedIn((await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' })).account, '127.0.1.2');
  reviewer = await signedIn((await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' })).account, '127.0.1.3');
  expert = await signedIn((await orgWithUser(t.db, 'expert')).account, '127.0.1.4');
  town = await signedIn((await orgWithUser(t.db, 'town', { townCode: 'xiaolan' })).account, '127.0.1.5');
  otherTown = await signedIn((await orgWithUser(t.db, 'town', { townCode: 'guzhen' })).account, '127.0.1.6');
});
afterAll(async () => {
  await t?.close();
});

const ACCOUNT = { bankName: '中国工商银行中山小榄支行', accountName: '中山市测试制造有限公司', accountNumber: '6222 0211 0200 1234 567' };
const NUMBER = ACCOUNT.accountNumber.replace(/\s/g, '');

/** A project in 待拨付 with an approved application (committed against a fresh pool), its enterprise and a delegate. */
async function moneyProject(opts: { approvedFen?: number; poolFen?: number } = {}) {
  const e = await enterpriseWithUser(t.db);
  const [user] = await t.db.select().from(users).where(eq(users.orgId, e.org.id));
  if (!user) throw new Error('no user');
  const project = await makeProjectReadyToApply(t.db, { enterprise: e.org, userId: user.id, state: 'disbursement' });
  const pool = await makePool(t.db, { year: seqYear++, totalFen: opts.poolFen ?? 100_000_000 });
  const approvedFen = opts.approvedFen ?? 30_000_000;
  const [app] = await t.db
    .insert(subsidyApplications)
    .values({ projectId: project.id, round: 1, suggestedFen: Math.max(approvedFen, 1), approvedFen, poolId: pool.id, submittedAt: new Date(), decidedAt: new Date() })
    .returning();
  if (!app) throw new Error('no application');
  if (approvedFen > 0) await commitBudget(t.db, { refType: 'application', refId: app.id, poolId: pool.id, amountFen: approvedFen, line: 'final', projectId: project.id, actorUserId: null });
  const ec = await signedIn(e.account, '127.0.2.1');
  const lu = await orgWithUser(t.db, 'leading_unit');
  await t.db.insert(delegations).values({ enterpriseId: e.org.id, agentOrgId: lu.org.id, grantedBy: user.id });
  const delegate = await signedIn(lu.account, '127.0.2.2');
  return { e, user, project, pool, app, approvedFen, ec, delegate, url: `/api/v1/projects/${project.id}` };
}

/** A pre-subsidy tranche of `amountFen`, committed against the project's pool. */
async function preTranche(m: Awaited<ReturnType<typeof moneyProject>>, amountFen = 5_000_000) {
  const opened = await openTranche(t.db, { projectId: m.project.id, line: 'pre', poolId: m.pool.id, amountFen, basis: { steps: [{ zh: '预奖补', en: 'Pre-subsidy' }] }, createdBy: null });
  await commitBudget(t.db, { refType: 'preSubsidy', refId: opened.trancheId, poolId: m.pool.id, amountFen, line: 'pre', projectId: m.project.id, actorUserId: null });
  return opened.trancheId;
}

/** Runs the effect the project's concludeSubsidyReview runs, inside a transaction with the project locked. */
async function openFinal(projectId: string) {
  return t.db.transaction(async (tx) => {
    const project = await loadProjectForSystem(tx, projectId);
    const env = { tx, project, ctx: { actor: { userId: null }, locale: 'zh-CN' }, summary: {}, input: {}, now: new Date() } as unknown as EffectEnv;
    await moneyEffects.openFinalTranche(env);
    return env.summary.trancheId as string;
  });
}

async function readyToPay(m: Awaited<ReturnType<typeof moneyProject>>) {
  expect((await m.ec.request('PUT', '/api/v1/enterprise/bank-account', ACCOUNT)).status).toBe(200);
  for (const slot of ['disbursement.accountLicence', 'disbursement.paymentRequestForm']) {
    const up = await m.ec.upload(`${m.url}/materials/${slot}`, pdf(), `${slot}.pdf`);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
  }
}

const pay = (c: Client, id: string, key: string, voucherNo = 'HD-0001') => c.post<Tranche & Err>(`/api/v1/disbursements/${id}/pay`, { idempotencyKey: key, voucherNo, paidOn: today });

describe('the bank account', () => {
  it('is entered by the enterprise only, stored encrypted, answered masked', async () => {
    const m = await moneyProject();
    const empty = await m.ec.get<{ account: Account | null; canEdit: boolean }>('/api/v1/enterprise/bank-account');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ account: null, canEdit: true });

    const bad = await m.ec.request<Err>('PUT', '/api/v1/enterprise/bank-account', { bankName: '工', accountName: '', accountNumber: '12ab' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(bad.body)).toContain('银行账号应为8至32位数字');
    expect(bad.body.details.fields?.map((f) => f.path).sort()).toEqual(['accountName', 'accountNumber', 'bankName']);

    const saved = await m.ec.request<{ account: Account }>('PUT', '/api/v1/enterprise/bank-account', ACCOUNT);
    expect(saved.status).toBe(200);
    expect(saved.body.account).toMatchObject({ masked: true, bankName: ACCOUNT.bankName, accountNumber: '**** **** **** 4567', last4: '4567' });
    expect(saved.body.account.accountName).toBe('中山*******公司');
    expect(saved.raw.body).not.toContain(NUMBER);

    const [row] = await t.db.select().from(bankAccounts).where(eq(bankAccounts.orgId, m.e.org.id));
    expect(row?.keyId).toBe('dev');
    expect(row?.cipher).not.toContain('6222');
    expect(Buffer.from(row?.cipher ?? '', 'base64').toString('latin1')).not.toContain('6222');

    // A delegate, the bureau and a town office never write it.
    for (const c of [m.delegate, admin, finance, town]) {
      const refused = await c.request<Err>('PUT', '/api/v1/enterprise/bank-account', ACCOUNT);
      expect(refused.status).toBe(403);
    }

    // A change supersedes the old row.
    const changed = await m.ec.request<{ account: Account }>('PUT', '/api/v1/enterprise/bank-account', { ...ACCOUNT, accountNumber: '4000123456789999' });
    expect(changed.body.account.last4).toBe('9999');
    const rows = await t.db.select().from(bankAccounts).where(eq(bankAccounts.orgId, m.e.org.id));
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.supersededAt === null)).toHaveLength(1);
  });

  it('never appears unmasked in any response to any role but finance', async () => {
    const m = await moneyProject();
    await readyToPay(m);
    const trancheId = await preTranche(m);
    const paidId = await preTranche(m, 1_000_000);
    expect((await pay(finance, paidId, crypto.randomUUID())).status).toBe(200);

    const routes = [
      '/api/v1/enterprise/bank-account',
      `${m.url}/bank-account`,
      '/api/v1/disbursements',
      `/api/v1/disbursements?projectId=${m.project.id}`,
      `/api/v1/disbursements/${trancheId}`,
      `/api/v1/disbursements/${paidId}`,
      '/api/v1/disbursements/export.xlsx',
      m.url,
      `${m.url}/materials`,
      '/api/v1/payment-paperwork',
    ];
    const full = ACCOUNT.accountNumber.replace(/\s/g, '');
    const roles: Array<[string, Client]> = [
      ['enterprise', m.ec],
      ['delegate', m.delegate],
      ['town', town],
      ['bureau admin', admin],
      ['bureau reviewer', reviewer],
      ['expert', expert],
    ];
    let answered = 0;
    for (const [name, c] of roles) {
      for (const url of routes) {
        const res = await c.get(url);
        expect(res.status, `${name} ${url}`).toBeLessThan(500);
        if (res.status === 200) answered += 1;
        const raw = res.raw.rawPayload.toString('latin1') + res.raw.body;
        expect(raw.includes(full), `${name} ${url}`).toBe(false);
        expect(res.raw.body.includes(ACCOUNT.accountName), `${name} ${url}`).toBe(false);
        if (url.endsWith('.xlsx') && res.status === 200) {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
          const cells: string[] = [];
          wb.worksheets[0]?.eachRow((r) => r.eachCell((cell) => cells.push(String(cell.value))));
          expect(cells.join('|').includes(full), `${name} xlsx`).toBe(false);
          expect(cells.join('|')).toContain('**** **** **** 4567');
        }
      }
    }
    expect(answered).toBeGreaterThan(15);

    // Finance sees it in full where it pays from.
    const fin = await finance.get<{ account: Account }>(`${m.url}/bank-account`);
    expect(fin.body.account).toMatchObject({ masked: false, accountNumber: full, accountName: ACCOUNT.accountName });
    const detail = await finance.get<Tranche>(`/api/v1/disbursements/${trancheId}`);
    expect(detail.body.bankAccount?.accountNumber).toBe(full);
    const masked = await admin.get<Tranche>(`/api/v1/disbursements/${trancheId}`);
    expect(masked.body.bankAccount?.accountNumber).toBe('**** **** **** 4567');
  });
});

describe('paying a tranche', () => {
  it('is refused without the account and the paperwork, by the wrong role, and for another enterprise', async () => {
    const m = await moneyProject();
    const id = await preTranche(m);
    const noAccount = await pay(finance, id, crypto.randomUUID());
    expect(noAccount.status).toBe(422);
    expect(noAccount.body.message).toContain('银行账户');
    await m.ec.request('PUT', '/api/v1/enterprise/bank-account', ACCOUNT);
    const noPaper = await pay(finance, id, crypto.randomUUID());
    expect(noPaper.status).toBe(422);
    expect(noPaper.body.message).toContain('拨付申请表');

    // The town office uploads the payment request form (the enterprise the account licence).
    const byTown = await town.upload(`${m.url}/materials/disbursement.paymentRequestForm`, pdf(), '拨付申请表.pdf');
    expect(byTown.status, JSON.stringify(byTown.body)).toBe(201);
    const list = await town.get<Page<{ projectId: string; missing: Array<{ zh: string }>; bankAccountOnFile: boolean; pendingTranches: number }>>('/api/v1/payment-paperwork?pageSize=100');
    const mine = list.body.items.find((i) => i.projectId === m.project.id);
    expect(mine?.missing.map((x) => x.zh).join('')).toContain('开户许可证');
    expect(mine?.bankAccountOnFile).toBe(true);
    expect(mine?.pendingTranches).toBe(1);
    const other = await otherTown.get<Page<{ projectId: string }>>('/api/v1/payment-paperwork?pageSize=100');
    expect(other.body.items.some((i) => i.projectId === m.project.id)).toBe(false);
    expect((await m.ec.get('/api/v1/payment-paperwork')).status).toBe(403);
    expect((await m.ec.upload(`${m.url}/materials/disbursement.accountLicence`, pdf(), '开户许可证.pdf')).status).toBe(201);

    for (const c of [reviewer, admin, town, m.ec]) {
      const refused = await pay(c, id, crypto.randomUUID());
      expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    }
    const stranger = await moneyProject();
    expect((await stranger.ec.get(`/api/v1/disbursements/${id}`)).status).toBe(404);
    expect((await stranger.ec.post(`/api/v1/disbursements/${id}/pay`, { idempotencyKey: crypto.randomUUID(), voucherNo: 'x', paidOn: today })).status).toBe(404);
    expect((await expert.get('/api/v1/disbursements')).status).toBe(403);

    const badInput = await finance.post<Err>(`/api/v1/disbursements/${id}/pay`, { idempotencyKey: 'short', voucherNo: '', paidOn: '2026-13-01' });
    expect(badInput.status).toBe(400);
    const future = await finance.post<Err>(`/api/v1/disbursements/${id}/pay`, { idempotencyKey: crypto.randomUUID(), voucherNo: 'HD-1', paidOn: '2099-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.message).toContain('不能晚于今天');

    const ok = await pay(finance, id, crypto.randomUUID());
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ state: 'paid', voucherNo: 'HD-0001', paidOn: today, attempts: 1 });
  });

  it('20 concurrent requests with one key pay once and answer alike', async () => {
    const m = await moneyProject();
    await readyToPay(m);
    const id = await preTranche(m, 7_000_000);
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => pay(finance, id, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const bodies = new Set(answers.map((a) => a.raw.body));
    expect(bodies.size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    const pays = await t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.refType, 'preSubsidy'), eq(ledgerEntries.refId, id), eq(ledgerEntries.kind, 'pay')));
    expect(pays).toHaveLength(1);
    const [pool] = await t.db.select().from(budgetPools).where(eq(budgetPools.id, m.pool.id));
    expect(pool?.paidFen).toBe(7_000_000);

    // Asked again later, same answer, nothing paid.
    const again = await pay(finance, id, key);
    expect(again.status).toBe(200);
    expect(again.raw.body).toBe(answers[0]?.raw.body);

    // The key for another tranche is refused.
    const second = await preTranche(m, 1_000_000);
    const reused = await pay(finance, second, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('20 concurrent requests with different keys pay once; the rest are told it was paid', async () => {
    const m = await moneyProject();
    await readyToPay(m);
    const id = await preTranche(m, 3_000_000);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => pay(finance, id, crypto.randomUUID(), `HD-${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s >= 500)).toHaveLength(0);
    for (const a of answers.filter((x) => x.status !== 200)) {
      expect(a.status).toBe(409);
      expect(['ALREADY_SUBMITTED', 'STAGE_NOT_ALLOWED']).toContain(a.body.code);
    }
    const pays = await t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.refId, id), eq(ledgerEntries.kind, 'pay')));
    expect(pays).toHaveLength(1);
    const [pool] = await t.db.select().from(budgetPools).where(eq(budgetPools.id, m.pool.id));
    expect(pool?.paidFen).toBe(3_000_000);
  });

  it('a failed payment is retried and then paid', async () => {
    const m = await moneyProject();
    await readyToPay(m);
    const id = await preTranche(m);
    const noReason = await finance.post<Err>(`/api/v1/disbursements/${id}/fail`, { idempotencyKey: crypto.randomUUID(), reason: ' ' });
    expect(noReason.status).toBe(422);
    const failKey = crypto.randomUUID();
    const failed = await finance.post<Tranche>(`/api/v1/disbursements/${id}/fail`, { idempotencyKey: failKey, reason: '账户名称与开户名不符，银行退回' });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(failed.body).toMatchObject({ state: 'failed', attempts: 1, failureReason: '账户名称与开户名不符，银行退回' });
    expect(failed.body.actions.map((a) => a.event)).toEqual(['retry']);
    const failAgain = await finance.post<Tranche>(`/api/v1/disbursements/${id}/fail`, { idempotencyKey: failKey, reason: '账户名称与开户名不符，银行退回' });
    expect(failAgain.status).toBe(200);
    expect(failAgain.headers['idempotent-replayed']).toBe('true');
    expect((await pay(finance, id, crypto.randomUUID())).status).toBe(409);
    expect((await reviewer.post(`/api/v1/disbursements/${id}/retry`, {})).status).toBe(403);
    const retried = await finance.post<Tranche>(`/api/v1/disbursements/${id}/retry`, {});
    expect(retried.body.state).toBe('pending');
    const twice = await finance.post<Err>(`/api/v1/disbursements/${id}/retry`, {});
    expect(twice.status).toBe(409);
    const paid = await pay(finance, id, crypto.randomUUID(), 'HD-9');
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ state: 'paid', attempts: 2, voucherNo: 'HD-9' });
    // The pay key is not the fail key.
    const wrongEvent = await pay(finance, id, failKey);
    expect(wrongEvent.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('the final tranche', () => {
  it('is opened for the approved amount and refused when nothing was approved', async () => {
    const zero = await moneyProject({ approvedFen: 0 });
    await expect(openFinal(zero.project.id)).rejects.toMatchObject({ code: 'STAGE_NOT_ALLOWED' });
    const m = await moneyProject({ approvedFen: 25_000_000 });
    const id = await openFinal(m.project.id);
    const again = await openFinal(m.project.id);
    expect(again).toBeUndefined();
    const rows = await t.db.select().from(disbursementTranches).where(eq(disbursementTranches.projectId, m.project.id));
    expect(rows).toHaveLength(1);
    const detail = await finance.get<Tranche>(`/api/v1/disbursements/${id}`);
    expect(detail.body).toMatchObject({ state: 'pending', amountFen: 25_000_000 });
    expect(detail.body.basis.map((s) => s.zh).join('')).toContain('25万元');
  });

  it('paid concludes the project; the export totals match the ledger', async () => {
    const m = await moneyProject({ approvedFen: 12_345_600 });
    await readyToPay(m);
    const pre = await preTranche(m, 1_000_000);
    expect((await pay(finance, pre, crypto.randomUUID())).status).toBe(200);
    const id = await openFinal(m.project.id);
    const res = await pay(finance, id, crypto.randomUUID());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [p] = await t.db.select().from(projects).where(eq(projects.id, m.project.id));
    expect(p?.state).toBe('completed');
    const [obj] = await t.db.select().from(workflowObjects).where(eq(workflowObjects.projectId, m.project.id));
    expect(obj).toBeDefined();

    const list = await finance.get<Page<Tranche>>(`/api/v1/disbursements?poolId=${m.pool.id}&state=paid`);
    expect(list.body.total).toBe(2);
    const ledger = await t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.poolId, m.pool.id), eq(ledgerEntries.kind, 'pay')));
    const ledgerPaid = ledger.reduce((s, r) => s + r.amountFen, 0);
    expect(list.body.totals?.paidFen).toBe(ledgerPaid);
    const xlsx = await finance.get(`/api/v1/disbursements/export.xlsx?poolId=${m.pool.id}`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const paidRow = ws?.getRow(ws.rowCount);
    expect(paidRow?.getCell(1).value).toBe('其中已拨付');
    expect(Math.round(Number(paidRow?.getCell(7).value) * 100)).toBe(ledgerPaid);
    expect(xlsx.raw.body.length).toBeGreaterThan(0);
    // Finance's export carries the number in full (the bank needs it).
    const cells: string[] = [];
    ws?.eachRow((r) => r.eachCell((c) => cells.push(String(c.value))));
    expect(cells).toContain(ACCOUNT.accountNumber.replace(/\s/g, ''));
  });
});

describe('key rotation', () => {
  it('bank:rekey re-encrypts every row to the current key', async () => {
    const m = await moneyProject();
    await m.ec.request('PUT', '/api/v1/enterprise/bank-account', ACCOUNT);
    const key = Buffer.alloc(32, 7).toString('base64');
    const saved = { keys: process.env.BANK_ACCOUNT_KEYS, id: process.env.BANK_ACCOUNT_KEY_ID };
    expect(() => parseKeyring({ keys: 'k1:short', currentId: 'k1' })).toThrow();
    expect(() => parseKeyring({ keys: `k1:${key}`, currentId: 'k2' })).toThrow();
    process.env.BANK_ACCOUNT_KEYS = `k2026:${key}`;
    process.env.BANK_ACCOUNT_KEY_ID = 'k2026';
    try {
      // The development key is not listed: rows under it are reported, not touched.
      const without = await rekeyAll(t.db);
      expect(without.rekeyed).toBe(0);
      expect(without.failed).toBeGreaterThan(0);
      process.env.BANK_ACCOUNT_KEYS = `k2026:${key},dev:${parseKeyring({ keys: undefined, currentId: undefined }).keys.get('dev')?.toString('base64')}`;
      const out = await rekeyAll(t.db);
      expect(out.failed).toBe(0);
      expect(out.rekeyed).toBeGreaterThan(0);
      const [row] = await t.db.select().from(bankAccounts).where(eq(bankAccounts.orgId, m.e.org.id));
      expect(row?.keyId).toBe('k2026');
      expect(row && decryptAccount(row).accountNumber).toBe(ACCOUNT.accountNumber.replace(/\s/g, ''));
      const view = await m.ec.get<{ account: Account }>('/api/v1/enterprise/bank-account');
      expect(view.body.account.last4).toBe('4567');
    } finally {
      if (saved.keys === undefined) delete process.env.BANK_ACCOUNT_KEYS;
      else process.env.BANK_ACCOUNT_KEYS = saved.keys;
      if (saved.id === undefined) delete process.env.BANK_ACCOUNT_KEY_ID;
      else process.env.BANK_ACCOUNT_KEY_ID = saved.id;
    }
  });
});

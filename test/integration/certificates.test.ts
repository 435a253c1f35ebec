/**
 * The 试点企业 honour certificate: issued when the enterprise declines the subsidy (honour only), one per project,
 * with a code that verifies on the public page; a mistyped or unknown code is CERTIFICATE_NOT_FOUND; revoked by the
 * bureau's administrator with a reason (then shown as revoked); the PDF carries the code; access follows the project.
 */
import { eq } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { makePool, makeProjectReadyToApply } from '../../src/db/factories';
import { commitBudget, recordPaid } from '../../src/server/modules/money/budget';
import { certificates, users } from '../../src/db/schema';
import { CODE_ALPHABET, checkCharacter, issueCertificateFor, newCertificateCode, normalizeCode } from '../../src/server/modules/certificates/service';
import { todayInShanghai } from '../../src/server/deadlines/service';

interface Cert {
  id: string;
  code: string;
  enterpriseName: string;
  projectName: string;
  filingNo: string | null;
  level: number;
  funded: boolean;
  issuedOn: string;
  status: string;
  revokeReason: string | null;
  verificationUrl: string;
}
interface Err {
  code: string;
  message: string;
}

let t: TestApp;
let admin: Client;
let reviewer: Client;
let anonymous: Client;

beforeAll(async () => {
  t = await startTestApp();
  const a = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
  admin = new Client(t.app, '127.0.0.21');
  await admin.login(a.account, PASSWORD);
  const r = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
  reviewer = new Client(t.app, '127.0.0.22');
  await reviewer.login(r.account, PASSWORD);
  anonymous = new Client(t.app, '127.0.0.23');
});
afterAll(async () => {
  await t?.close();
});

async function declined(level: 2 | 3 = 3) {
  const e = await enterpriseWithUser(t.db);
  const c = new Client(t.app);
  await c.login(e.account, PASSWORD);
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.orgId, e.org.id));
  const project = await makeProjectReadyToApply(t.db, { enterprise: e.org, level, userId: u!.id });
  const res = await c.post<{ state: string }>(`/api/v1/projects/${project.id}/transitions`, { event: 'declineSubsidy' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.state).toBe('honourOnly');
  return { e, c, project, url: `/api/v1/projects/${project.id}` };
}

describe('codes', () => {
  it('are 12 characters of the unambiguous alphabet grouped 4-4-4 plus a check character, and differ each time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newCertificateCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]$/);
      expect(normalizeCode(code)).toBe(code);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
  });

  it('are read back whatever the case and separators, and a single wrong or swapped character is caught', () => {
    const code = newCertificateCode();
    const body = code.replace(/-/g, '').slice(0, 12);
    expect(normalizeCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(code);
    const other = CODE_ALPHABET[(CODE_ALPHABET.indexOf(body[0]!) + 1) % CODE_ALPHABET.length]!;
    expect(normalizeCode(`${other}${body.slice(1)}${checkCharacter(body)}`)).toBeNull();
    if (body[0] !== body[1]) expect(normalizeCode(`${body[1]}${body[0]}${body.slice(2)}${checkCharacter(body)}`)).toBeNull();
    expect(normalizeCode('ABC')).toBeNull();
  });
});

describe('issued on declineSubsidy (honour only)', () => {
  it('holds the enterprise, project, filing no., level, unfunded, issued today in Shanghai; one per project', async () => {
    const { e, c, project, url } = await declined(3);
    const res = await c.get<Cert>(`${url}/certificate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ enterpriseName: e.org.name, projectName: project.title, filingNo: project.filingNo, level: 3, funded: false, status: 'valid', issuedOn: todayInShanghai(new Date()) });
    expect(res.body.verificationUrl).toContain(`/verify?code=${encodeURIComponent(res.body.code)}`);
    const rows = await t.db.select().from(certificates).where(eq(certificates.projectId, project.id));
    expect(rows).toHaveLength(1);
    // the bureau sees it too
    expect((await reviewer.get<Cert>(`${url}/certificate`)).body.code).toBe(res.body.code);
  });

  it('verifies publicly by its code (typed in lower case without dashes) showing only the certificate face', async () => {
    const { c, url } = await declined();
    const cert = (await c.get<Cert>(`${url}/certificate`)).body;
    const res = await anonymous.get<Record<string, unknown>>(`/api/v1/public/certificates/${cert.code.replace(/-/g, '').toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: cert.code, status: 'valid', enterpriseName: cert.enterpriseName, projectName: cert.projectName, level: cert.level, funded: false, issuedOn: cert.issuedOn, revokedOn: null });
  });

  it('a wrong code is 404 CERTIFICATE_NOT_FOUND with a Chinese message (mistyped, unknown, malformed)', async () => {
    const { c, url } = await declined();
    const cert = (await c.get<Cert>(`${url}/certificate`)).body;
    const last = cert.code.slice(-1);
    const wrongCheck = `${cert.code.slice(0, -1)}${CODE_ALPHABET[(CODE_ALPHABET.indexOf(last) + 1) % CODE_ALPHABET.length]}`;
    let unknown = newCertificateCode();
    while (unknown === cert.code) unknown = newCertificateCode();
    for (const code of [wrongCheck, unknown, 'nonsense']) {
      const res = await anonymous.get<Err>(`/api/v1/public/certificates/${encodeURIComponent(code)}`);
      expect(res.status, code).toBe(404);
      expect(res.body.code).toBe('CERTIFICATE_NOT_FOUND');
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('the PDF starts with %PDF and carries the title, the enterprise, the issuer and the code', async () => {
    const { c, url } = await declined();
    const cert = (await c.get<Cert>(`${url}/certificate`)).body;
    const res = await c.get(`${url}/certificate.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const pdf = res.raw.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(cert.code);
    expect(flat).toContain('中山市中小企业数字化转型城市试点企业');
    expect(flat).toContain('中山市工业和信息化局');
    expect(flat).toContain(cert.enterpriseName);
  });

  it("another enterprise and anonymous callers cannot read the project's certificate (404 / 401)", async () => {
    const { url } = await declined();
    const other = await enterpriseWithUser(t.db);
    const oc = new Client(t.app);
    await oc.login(other.account, PASSWORD);
    expect((await oc.get(`${url}/certificate`)).status).toBe(404);
    expect((await oc.get(`${url}/certificate.pdf`)).status).toBe(404);
    expect((await anonymous.get(`${url}/certificate`)).status).toBe(401);
  });
});

describe('revocation', () => {
  it('only the bureau admin revokes, with a reason; the public page then shows it revoked; twice is a conflict', async () => {
    const { c, url } = await declined();
    const cert = (await c.get<Cert>(`${url}/certificate`)).body;
    expect((await c.post(`${url}/certificate/revoke`, { reason: '企业存在失信记录' })).status).toBe(403);
    expect((await reviewer.post(`${url}/certificate/revoke`, { reason: '企业存在失信记录' })).status).toBe(403);
    const noReason = await admin.post<Err>(`${url}/certificate/revoke`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    const revoked = await admin.post<Cert>(`${url}/certificate/revoke`, { reason: '企业存在失信记录' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokeReason: '企业存在失信记录' });
    const pub = await anonymous.get<{ status: string; revokedOn: string | null }>(`/api/v1/public/certificates/${cert.code}`);
    expect(pub.status).toBe(200);
    expect(pub.body.status).toBe('revoked');
    expect(pub.body.revokedOn).toBe(todayInShanghai(new Date()));
    expect(JSON.stringify(pub.body)).not.toContain('失信');
    expect((await admin.post<Err>(`${url}/certificate/revoke`, { reason: '再次撤销' })).status).toBe(409);
  });

  it('a project without a certificate answers 404', async () => {
    const e = await enterpriseWithUser(t.db);
    const c = new Client(t.app);
    await c.login(e.account, PASSWORD);
    const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.orgId, e.org.id));
    const project = await makeProjectReadyToApply(t.db, { enterprise: e.org, userId: u!.id });
    expect((await c.get(`/api/v1/projects/${project.id}/certificate`)).status).toBe(404);
    expect((await admin.post(`/api/v1/projects/${project.id}/certificate/revoke`, { reason: '测试原因' })).status).toBe(404);
  });
});

describe('issued when the subsidy was paid', () => {
  it('is marked funded once the final line paid for the project, and a second issue keeps the first certificate', async () => {
    const e = await enterpriseWithUser(t.db);
    const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.orgId, e.org.id));
    const project = await makeProjectReadyToApply(t.db, { enterprise: e.org, level: 2, userId: u!.id, state: 'disbursement' });
    const pool = await makePool(t.db, { year: 2093, totalFen: 100_000_000 });
    const move = { poolId: pool.id, projectId: project.id, refType: 'application' as const, refId: project.id, amountFen: 20_000_000, line: 'final' as const, actorUserId: null };
    const [first, second] = await t.db.transaction(async (tx) => {
      await commitBudget(tx, move);
      await recordPaid(tx, move);
      const a = await issueCertificateFor(tx, project, new Date());
      const b = await issueCertificateFor(tx, project, new Date());
      return [a, b];
    });
    expect(first.funded).toBe(true);
    expect(first.level).toBe(2);
    expect(second.id).toBe(first.id);
    expect(second.code).toBe(first.code);
  });
});

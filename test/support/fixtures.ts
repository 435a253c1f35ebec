/**
 * Common set-ups for API tests, built from the shared factories.
 */
import type { AppDb } from '../../src/db/client';
import { makeEnterprise, makeOrg, makeUser, type OrgRow } from '../../src/db/factories';
import { makeUscc } from '../../src/core/identity/uscc';

export const PASSWORD = 'Passw0rd!';

let counter = 0;
/** A fresh number for unique codes and mobiles within one test file. */
export function nextSeq(): number {
  counter += 1;
  return 100_000 + counter + Math.floor(Math.random() * 1_000) * 1_000;
}

export function mobileFor(seq: number): string {
  return `137${String(seq).padStart(8, '0').slice(-8)}`;
}

export async function enterpriseWithUser(db: AppDb, overrides: Parameters<typeof makeEnterprise>[2] = {}): Promise<{ org: OrgRow; account: string }> {
  const seq = nextSeq();
  const org = await makeEnterprise(db, seq, overrides);
  const account = mobileFor(seq);
  await makeUser(db, { orgId: org.id, name: '测试联系人', mobile: account, password: PASSWORD });
  return { org, account };
}

export async function orgWithUser(db: AppDb, type: Parameters<typeof makeOrg>[1]['type'], extra: { bureauRole?: 'admin' | 'reviewer' | 'finance'; townCode?: string } = {}): Promise<{ org: OrgRow; account: string }> {
  const seq = nextSeq();
  const org = await makeOrg(db, { type, name: `${type}-${seq}`, townCode: extra.townCode ?? null });
  const account = `${type}-${seq}@test.local`;
  await makeUser(db, { orgId: org.id, name: `${type} user`, email: account, password: PASSWORD, bureauRole: extra.bureauRole ?? null });
  return { org, account };
}

export function registrationBody(seq: number, overrides: Record<string, unknown> = {}) {
  return {
    uscc: makeUscc(seq),
    name: `中山市注册测试${seq}有限公司`,
    townCode: 'guzhen',
    industryCode: '38',
    employees: 80,
    annualRevenueFen: 12_000_000_00,
    contactName: '王小明',
    contactMobile: mobileFor(seq),
    password: PASSWORD,
    ...overrides,
  };
}

export const completeFiling = {
  title: '灯具生产线数字化改造',
  situation: '排产依靠人工经验，工单纸质流转。',
  needs: '实现工单电子化与设备联网。',
  scope: '生产管控、设备管理',
  plannedInvestmentFen: 120_000_00,
  plannedStart: '2026-12-01',
  plannedEnd: '2027-06-30',
  diagnosisMode: 'self' as const,
};

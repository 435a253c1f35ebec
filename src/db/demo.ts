/**
 * Demo data, loaded once into an empty database: the seed's institutions and leading units,
 * the bureau, the 23 town offices, an expert, demo enterprises with filings, and catalog products.
 * Built from the same factories the tests use. Sign-ins are listed in the README.
 */
import { eq } from 'drizzle-orm';
import type { AppDb, DbOrTx } from './client';
import { organizations, products, systemMeta } from './schema';
import { makeEnterprise, makeOrg, makeProject, makeUser, type OrgRow } from './factories';
import { COMPREHENSIVE_INSTITUTIONS, DIAGNOSTIC_INSTITUTIONS, LEADING_UNITS } from './reference-orgs';
import { TOWNS } from '../core/identity/towns';
import { makeUscc } from '../core/identity/uscc';
import { DEMO_PRODUCTS } from './demo-products';

export const DEMO_FLAG = 'demo_data_loaded';
export const DEMO_DOMAIN = 'zs-pilot.cn';

/**
 * The Argon2id hash of the public demo password (DEMO_PASSWORD, listed in the README), made once with the
 * production parameters (m=19456 KiB, t=2, p=1): loading the demo does not spend a second hashing it at start.
 */
export const DEMO_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$uA4E/Xaumuo3tzZthQv9Qw$LxVNajV3yYsm/0sCvxXYeMsJJlsrujLXAQFFD4rtTaA';

/** Set by the server's shutdown: the demo loaders stop before their next enterprise or step. */
let cancelled = false;
export function cancelDemoLoading(): void {
  cancelled = true;
}
export function demoLoadingCancelled(): boolean {
  return cancelled;
}
/** The message a loader records when the shutdown cut it (the claim stays, so a restart does not add rows twice). */
export const DEMO_INTERRUPTED = 'interrupted by shutdown';

/** The demo enterprises: name, town, GB/T 4754 division, employees, revenue (fen). */
const DEMO_ENTERPRISES: Array<{ name: string; nameEn: string; town: string; industry: string; employees: number; revenueFen: number; mobile: string; contact: string }> = [
  { name: '中山市明辉灯饰有限公司', nameEn: 'Zhongshan Minghui Lighting Co., Ltd.', town: 'guzhen', industry: '38', employees: 160, revenueFen: 68_000_000_00, mobile: '13800000001', contact: '陈小红' },
  { name: '中山市安居智能锁业有限公司', nameEn: 'Zhongshan Anju Smart Lock Co., Ltd.', town: 'xiaolan', industry: '33', employees: 85, revenueFen: 21_000_000_00, mobile: '13800000002', contact: '李建国' },
  { name: '中山市美厨电器有限公司', nameEn: 'Zhongshan Meichu Appliance Co., Ltd.', town: 'nantou', industry: '38', employees: 420, revenueFen: 260_000_000_00, mobile: '13800000003', contact: '黄志强' },
  { name: '中山市沙溪雅衣服装有限公司', nameEn: 'Zhongshan Shaxi Yayi Garments Co., Ltd.', town: 'shaxi', industry: '18', employees: 210, revenueFen: 45_000_000_00, mobile: '13800000004', contact: '吴丽' },
  { name: '中山市精工五金制品有限公司', nameEn: 'Zhongshan Jinggong Hardware Co., Ltd.', town: 'dongfeng', industry: '33', employees: 36, revenueFen: 8_500_000_00, mobile: '13800000005', contact: '周杰' },
  { name: '中山市云居智能家居科技有限公司', nameEn: 'Zhongshan Yunju Smart Home Technology Co., Ltd.', town: 'zhongshangang', industry: '39', employees: 130, revenueFen: 52_000_000_00, mobile: '13800000006', contact: '郑敏' },
];

export async function isDemoLoaded(db: DbOrTx): Promise<boolean> {
  const rows = await db.select().from(systemMeta).where(eq(systemMeta.key, DEMO_FLAG));
  return rows.length > 0;
}

/** Loads the demo data unless it was loaded before; returns whether it loaded now. */
export async function ensureDemoData(db: AppDb): Promise<boolean> {
  if (await isDemoLoaded(db)) return false;
  const passwordHash = DEMO_PASSWORD_HASH;
  return db.transaction(async (tx) => {
    // Re-check inside the transaction: two instances starting together load it once.
    await tx.execute('lock table system_meta in exclusive mode');
    if (await isDemoLoaded(tx)) return false;
    await loadDemo(tx, passwordHash);
    await tx.insert(systemMeta).values({ key: DEMO_FLAG, value: new Date().toISOString() });
    return true;
  });
}

async function loadDemo(tx: DbOrTx, passwordHash: string): Promise<void> {
  const user = (org: OrgRow, name: string, local: string, extra: { bureauRole?: 'admin' | 'reviewer' | 'finance'; mobile?: string } = {}) =>
    makeUser(tx, { orgId: org.id, name, email: `${local}@${DEMO_DOMAIN}`, passwordHash, bureauRole: extra.bureauRole ?? null, mobile: extra.mobile ?? null });

  const bureau = await makeOrg(tx, { type: 'bureau', name: '中山市工业和信息化局', nameEn: 'Zhongshan Bureau of Industry and Information Technology', contactName: '试点办', contactMobile: '07608888000' });
  await user(bureau, '管理员', 'admin', { bureauRole: 'admin' });
  await user(bureau, '审核员', 'reviewer', { bureauRole: 'reviewer' });
  await user(bureau, '财务', 'finance', { bureauRole: 'finance' });

  let seq = 900_000;
  for (const inst of COMPREHENSIVE_INSTITUTIONS) {
    const org = await makeOrg(tx, { type: 'institution_comprehensive', name: inst.name, nameEn: inst.nameEn, uscc: makeUscc(seq++), contactName: '项目联系人' });
    await user(org, `${inst.name}评估员`, inst.key);
  }
  for (const inst of DIAGNOSTIC_INSTITUTIONS) {
    const org = await makeOrg(tx, { type: 'institution_diagnostic', name: inst.name, nameEn: inst.nameEn, uscc: makeUscc(seq++), contactName: '项目联系人' });
    await user(org, `${inst.name}诊断员`, inst.key);
  }
  const leading = new Map<string, OrgRow>();
  for (const lu of LEADING_UNITS) {
    const org = await makeOrg(tx, { type: 'leading_unit', name: lu.name, nameEn: lu.nameEn, uscc: makeUscc(seq++), contactName: '客户经理' });
    leading.set(lu.key, org);
    await user(org, `${lu.name}客户经理`, lu.key);
  }
  for (const ref of [...COMPREHENSIVE_INSTITUTIONS, ...DIAGNOSTIC_INSTITUTIONS, ...LEADING_UNITS]) {
    if (ref.parentGroup) await tx.update(organizations).set({ parentGroup: ref.parentGroup }).where(eq(organizations.name, ref.name));
  }
  for (const town of TOWNS) {
    const org = await makeOrg(tx, { type: 'town', name: `${town.name.zh}经济发展和科技统计局`, nameEn: `${town.name.en} Economic Development Office`, townCode: town.code, contactName: '企业服务专员' });
    await user(org, `${town.name.zh}专员`, `town-${town.code}`);
  }
  const experts = await makeOrg(tx, { type: 'expert', name: '评审专家库', nameEn: 'Review expert pool', contactName: '专家' });
  await user(experts, '王专家', 'expert1');

  let i = 1;
  for (const e of DEMO_ENTERPRISES) {
    const org = await makeEnterprise(tx, 800_000 + i, {
      name: e.name,
      nameEn: e.nameEn,
      townCode: e.town,
      industryCode: e.industry,
      employees: e.employees,
      annualRevenueFen: e.revenueFen,
      contactName: e.contact,
      contactMobile: e.mobile,
    });
    await makeUser(tx, { orgId: org.id, name: e.contact, mobile: e.mobile, passwordHash });
    // Enterprise 1 has a filing in self-diagnosis, enterprise 2 one waiting for an institution, enterprise 5 a draft; others filed.
    if (i === 5) await makeProject(tx, { enterprise: org, title: `${e.name}仓储管理数字化改造`, state: 'draft' });
    else if (i !== 6) {
      const mode = i === 2 || i === 4 ? 'institution' : 'self';
      await makeProject(tx, {
        enterprise: org,
        title: `${e.name}${i % 2 ? '生产管控与设备联网' : '订单与仓储一体化'}改造项目`,
        diagnosisMode: mode,
        state: mode === 'self' ? 'selfDiagnosis' : 'awaitingDiagnosisAssignment',
        submittedAt: new Date(Date.UTC(2026, 9, i * 3, 2)),
      });
    }
    i++;
  }

  for (const p of DEMO_PRODUCTS) {
    const provider = leading.get(p.provider);
    if (!provider) continue;
    await tx.insert(products).values({ providerOrgId: provider.id, name: p.name, nameEn: p.nameEn, summary: p.summary, summaryEn: p.summaryEn, scenes: p.scenes, indicators: p.indicators, priceFen: p.priceFen, priceMinFen: p.priceMinFen, priceMaxFen: p.priceMaxFen, industries: p.industries, deliveryDays: p.deliveryDays, description: p.description, references: p.references, status: 'approved' });
  }
}

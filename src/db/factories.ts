/**
 * Factories shared by the tests, the demo data and the benchmark: one way to make each object.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { budgetPools, contracts, organizations, products, projects, subsidyPolicies, trainingSessions, users, workflowObjects } from './schema';
import { DEFAULT_POLICY_RULES, type FundSource, type SubsidyPolicyRules } from '../core/subsidy/policy';
import { hashPassword } from '../server/modules/auth/passwords';
import { makeUscc } from '../core/identity/uscc';
import { classifySme } from '../core/identity/sme';
import type { BureauRole, MemberRole, OrgType } from '../core/identity/roles';
import { stageOf } from '../server/modules/projects/workflow';
import { currentVersion } from '../server/workflow/registry';
import { nextFilingNo } from '../server/modules/projects/filing-number';

export type OrgRow = typeof organizations.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;

export const DEMO_PASSWORD = 'Demo2026';

export interface MakeOrgInput {
  type: OrgType;
  name: string;
  nameEn?: string | null;
  uscc?: string | null;
  townCode?: string | null;
  industryCode?: string | null;
  employees?: number | null;
  annualRevenueFen?: number | null;
  contactName?: string | null;
  contactMobile?: string | null;
}

export async function makeOrg(db: DbOrTx, input: MakeOrgInput): Promise<OrgRow> {
  const sme = input.employees != null && input.annualRevenueFen != null ? classifySme(input.employees, input.annualRevenueFen) : null;
  const [row] = await db
    .insert(organizations)
    .values({
      type: input.type,
      name: input.name,
      nameEn: input.nameEn ?? null,
      uscc: input.uscc ?? null,
      townCode: input.townCode ?? null,
      industryCode: input.industryCode ?? null,
      employees: input.employees ?? null,
      annualRevenueFen: input.annualRevenueFen ?? null,
      smeSize: sme?.isSme ? sme.size : null,
      contactName: input.contactName ?? null,
      contactMobile: input.contactMobile ?? null,
    })
    .returning();
  if (!row) throw new Error('insert failed');
  return row;
}

export interface MakeUserInput {
  orgId: string;
  name: string;
  mobile?: string | null;
  email?: string | null;
  password?: string;
  /** A precomputed hash (bulk seeding); otherwise the password is hashed. */
  passwordHash?: string;
  memberRole?: MemberRole;
  bureauRole?: BureauRole | null;
}

export async function makeUser(db: DbOrTx, input: MakeUserInput): Promise<UserRow> {
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password ?? DEMO_PASSWORD));
  const [row] = await db
    .insert(users)
    .values({
      orgId: input.orgId,
      name: input.name,
      mobile: input.mobile ?? null,
      email: input.email?.toLowerCase() ?? null,
      passwordHash,
      memberRole: input.memberRole ?? 'owner',
      bureauRole: input.bureauRole ?? null,
    })
    .returning();
  if (!row) throw new Error('insert failed');
  return row;
}

/** A small manufacturer in Zhongshan with a valid, unique 统一社会信用代码 derived from `seq`. */
export async function makeEnterprise(
  db: DbOrTx,
  seq: number,
  overrides: Partial<MakeOrgInput> = {},
): Promise<OrgRow> {
  return makeOrg(db, {
    type: 'enterprise',
    name: `中山市测试制造${seq}有限公司`,
    uscc: makeUscc(seq),
    townCode: 'xiaolan',
    industryCode: '38',
    employees: 120,
    annualRevenueFen: 50_000_000_00,
    contactName: '张敏',
    contactMobile: `139${String(seq).padStart(8, '0').slice(-8)}`,
    ...overrides,
  });
}

export interface MakeProjectInput {
  enterprise: OrgRow;
  title?: string;
  diagnosisMode?: 'self' | 'institution';
  /** The lifecycle state to place the project in; anything past the draft gets a 备案号 and is published. */
  state?: string;
  plannedInvestmentFen?: number;
  submittedAt?: Date;
  diagnosisInstitutionId?: string | null;
  evaluationInstitutionId?: string | null;
  providerOrgId?: string | null;
  providerRoute?: 'leadingUnit' | 'catalog' | 'market' | null;
  productId?: string | null;
  /** Adds a confirmed diagnosis report (stage 3 needs one before the provider choice). */
  confirmedDiagnosis?: boolean;
}

export async function makeProject(db: DbOrTx, input: MakeProjectInput): Promise<ProjectRow> {
  const state = input.state ?? 'draft';
  const filed = state !== 'draft';
  const submittedAt = filed ? (input.submittedAt ?? new Date()) : null;
  const filingNo = filed && submittedAt ? await nextFilingNo(db, submittedAt) : null;
  const e = input.enterprise;
  const [row] = await db
    .insert(projects)
    .values({
      enterpriseId: e.id,
      workflowVersion: currentVersion('project'),
      state,
      stage: stageOf(state),
      title: input.title ?? `${e.name}数字化改造项目`,
      situation: '现有生产以人工排产和纸质工单为主，设备数据未采集。',
      needs: '希望实现生产订单、工单报工和设备联网的数字化管理。',
      scope: '生产管控、设备管理、仓储物流',
      plannedInvestmentFen: input.plannedInvestmentFen ?? 80_000_000,
      plannedStart: '2026-01-01',
      plannedEnd: '2026-12-31',
      diagnosisMode: input.diagnosisMode ?? 'self',
      townCode: e.townCode ?? 'shiqi',
      industryCode: e.industryCode ?? '38',
      enterpriseName: e.name,
      uscc: e.uscc ?? '',
      filingNo,
      published: filed,
      submittedAt,
      diagnosisInstitutionId: input.diagnosisInstitutionId ?? null,
      evaluationInstitutionId: input.evaluationInstitutionId ?? null,
      providerOrgId: input.providerOrgId ?? null,
      providerRoute: input.providerRoute ?? null,
      productId: input.productId ?? null,
    })
    .returning();
  if (!row) throw new Error('insert failed');
  if (input.confirmedDiagnosis) {
    const version = currentVersion('diagnosisReport');
    await db.insert(workflowObjects).values({ kind: 'diagnosisReport', workflowVersion: version, state: 'confirmed', projectId: row.id, version: 1, data: { source: 'factory' } });
  }
  return row;
}

export interface MakeProductInput {
  providerOrgId: string;
  name?: string;
  scenes?: string[];
  priceMinFen?: number;
  priceMaxFen?: number;
  status?: string;
}

/** A catalog product (approved unless told otherwise). */
export async function makeProduct(db: DbOrTx, input: MakeProductInput): Promise<typeof products.$inferSelect> {
  const [row] = await db
    .insert(products)
    .values({
      providerOrgId: input.providerOrgId,
      name: input.name ?? '生产管理MES轻量版',
      summary: '工单、报工、质量追溯的轻量化MES',
      scenes: input.scenes ?? [],
      priceMinFen: input.priceMinFen ?? 5_000_000,
      priceMaxFen: input.priceMaxFen ?? 20_000_000,
      priceFen: input.priceMinFen ?? 5_000_000,
      deliveryDays: 60,
      description: '小：按产线部署；快：两个月上线；轻：SaaS订阅；准：聚焦工单与报工。',
      status: input.status ?? 'approved',
    })
    .returning();
  if (!row) throw new Error('insert failed');
  return row;
}

export interface ReadyToApplyInput {
  enterprise: OrgRow;
  /** The confirmed effect evaluation's level (default 2). */
  level?: 1 | 2 | 3 | 4;
  /** The evaluated level before the transformation (default 1). */
  levelBefore?: number;
  /** Contract amount with tax (default 500,000 yuan) and without (default: none stated). */
  contractFen?: number;
  contractExTaxFen?: number | null;
  signedOn?: string;
  /** The internal acceptance date (default 2026-09-30). */
  acceptedOn?: string;
  providerOrgId?: string | null;
  /** Who records the training session (defaults to the enterprise's first user). */
  userId: string;
  state?: string;
}

/**
 * A project that has passed its effect evaluation (stage 7's start): filed, diagnosed, contracted (with the amount),
 * implemented (a training session, the acceptance date), evaluated and confirmed at `level`. Materials are not
 * uploaded here (tests upload them through the API, as users do).
 */
export async function makeProjectReadyToApply(db: DbOrTx, input: ReadyToApplyInput): Promise<ProjectRow & { trainingSessionId: string }> {
  const project = await makeProject(db, {
    enterprise: input.enterprise,
    state: input.state ?? ((input.level ?? 2) >= 2 ? 'evaluationPassed' : 'remediation'),
    confirmedDiagnosis: true,
    providerOrgId: input.providerOrgId ?? null,
    providerRoute: input.providerOrgId ? 'leadingUnit' : null,
  });
  const acceptedOn = input.acceptedOn ?? '2026-09-30';
  await db
    .update(projects)
    .set({ acceptedOn, ...((input.level ?? 2) >= 2 ? { pilotEnterpriseAt: new Date() } : {}) })
    .where(eq(projects.id, project.id));
  await db.insert(contracts).values({
    projectId: project.id,
    contractNo: `HT-${project.id.slice(0, 8)}`,
    amountFen: input.contractFen ?? 50_000_000,
    amountExTaxFen: input.contractExTaxFen ?? null,
    signedOn: input.signedOn ?? '2026-03-01',
    periodStart: '2026-03-01',
    periodEnd: '2026-09-30',
    parties: [{ role: 'enterprise', orgId: input.enterprise.id, name: input.enterprise.name, duties: '提供场地和数据，配合实施' }],
    lines: [{ item: '生产管控系统（MES）', quantity: 1, unit: '套', unitPriceFen: input.contractFen ?? 50_000_000, amountFen: input.contractFen ?? 50_000_000 }],
    measures: '上线生产管控系统，设备联网',
    targetsText: '设备联网率达到80%',
    revision: 1,
  });
  const [session] = await db
    .insert(trainingSessions)
    .values({ projectId: project.id, heldOn: '2026-09-01', topic: '系统操作培训', trainer: '实施工程师', trainees: 12, createdBy: input.userId, createdByOrgId: input.enterprise.id })
    .returning({ id: trainingSessions.id });
  if (!session) throw new Error('insert failed');
  await db.insert(workflowObjects).values({
    kind: 'evaluationReport',
    workflowVersion: currentVersion('evaluationReport'),
    state: 'confirmed',
    projectId: project.id,
    version: 1,
    data: { source: 'factory', levelAfter: input.level ?? 2, levelBefore: input.levelBefore ?? 1, confirmedAt: new Date().toISOString() },
  });
  return { ...project, acceptedOn, trainingSessionId: session.id };
}

/** An active subsidy policy version (the defaults of 中工信规字〔2024〕5号 unless `rules` says otherwise). */
export async function makePolicy(
  db: DbOrTx,
  input: { code?: string; version?: number; name?: string; effectiveFrom?: string; effectiveTo?: string | null; rules?: Partial<SubsidyPolicyRules>; status?: 'draft' | 'active' | 'retired' } = {},
): Promise<typeof subsidyPolicies.$inferSelect> {
  const [row] = await db
    .insert(subsidyPolicies)
    .values({
      code: input.code ?? `zs-${Math.random().toString(36).slice(2, 10)}`,
      version: input.version ?? 1,
      name: input.name ?? '中山市数字化转型城市试点专项资金（中工信规字〔2024〕5号）',
      effectiveFrom: input.effectiveFrom ?? '2024-01-01',
      effectiveTo: input.effectiveTo ?? '2026-12-31',
      rules: { ...DEFAULT_POLICY_RULES, ...input.rules },
      status: input.status ?? 'active',
      publishedAt: (input.status ?? 'active') === 'draft' ? null : new Date(),
    })
    .returning();
  if (!row) throw new Error('insert failed');
  return row;
}

/** A budget pool of one year and fund source (the pair is unique: a test picks a year of its own). */
export async function makePool(db: DbOrTx, input: { year: number; fundSource?: FundSource; totalFen: number; name?: string }): Promise<typeof budgetPools.$inferSelect> {
  const fundSource = input.fundSource ?? 'city';
  const [row] = await db
    .insert(budgetPools)
    .values({ year: input.year, fundSource, totalFen: input.totalFen, name: input.name ?? `${input.year}年${fundSource === 'central' ? '中央' : fundSource === 'provincial' ? '省级' : '市级'}资金` })
    .returning();
  if (!row) throw new Error('insert failed');
  return row;
}

/**
 * 项目签约 and 一企一档: the contract draft (one per project), its targets with the values before, aimed at and
 * measured, the completeness rules the contractComplete / evaluationComplete guards read, and the immutable
 * revisions each submission stores. Who may write what comes from the table's field rights.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../../db/client';
import { contractRevisions, contracts, organizations, projectTargets, users } from '../../../db/schema';
import { canWriteFields, getState } from '../../../core/workflow';
import { catalogQuestions, getCatalog } from '../../../core/assessment';
import type { Locale, Text } from '../../../core/text';
import { AppError } from '../../http/errors';
import type { Actor, RequestContext } from '../../http/actor';
import { originOf, recordAudit } from '../../audit';
import { todayInShanghai } from '../../deadlines/service';
import { actingRole, loadProjectFor, type LoadedProject, type ProjectRow } from '../projects/policy';
import { guardContextFor, projectTable } from '../projects/workflow';
import type { ContractInput, Line, MeasuredInput, Party, TargetsInput } from './schemas';

export type ContractRow = typeof contracts.$inferSelect;
export type TargetRow = typeof projectTargets.$inferSelect;

// ---- target choices --------------------------------------------------------------------------------------

export interface TargetChoice {
  key: string;
  label: Text;
  unit: string;
  max: number | null;
  required: boolean;
}

/** The two figures every contract sets, then the assessment's own percentage figures and its score. */
export const TARGET_CHOICES: readonly TargetChoice[] = (() => {
  const required: TargetChoice[] = [
    { key: 'cncRate', label: { zh: '关键工序数控化率', en: 'CNC rate of key processes' }, unit: '%', max: 100, required: true },
    { key: 'networkRate', label: { zh: '生产设备联网率', en: 'Networking rate of production equipment' }, unit: '%', max: 100, required: true },
  ];
  const bands = catalogQuestions(getCatalog())
    .filter((q) => q.type === 'band' && q.code !== 'equipmentNetworkedRate')
    .map((q): TargetChoice => ({ key: q.code, label: q.name, unit: '%', max: 100, required: false }));
  return [
    ...required,
    ...bands,
    { key: 'assessmentScore', label: { zh: '数字化水平评测得分', en: 'Digital-level assessment score' }, unit: '分', max: 100, required: false },
    { key: 'digitalLevel', label: { zh: '数字化水平等级', en: 'Digital level' }, unit: '级', max: 4, required: false },
  ];
})();
const CHOICE_BY_KEY = new Map(TARGET_CHOICES.map((c) => [c.key, c]));
export const REQUIRED_TARGETS = TARGET_CHOICES.filter((c) => c.required);

// ---- helpers ---------------------------------------------------------------------------------------------

export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** The filing date: when the filing was submitted, as an Asia/Shanghai date. */
export function filedOn(p: Pick<ProjectRow, 'submittedAt'>): string | null {
  return p.submittedAt ? todayInShanghai(p.submittedAt) : null;
}

export async function contractOf(db: DbOrTx, projectId: string): Promise<ContractRow | null> {
  const [row] = await db.select().from(contracts).where(eq(contracts.projectId, projectId));
  return row ?? null;
}

export async function targetsOf(db: DbOrTx, projectIds: readonly string[]): Promise<TargetRow[]> {
  if (projectIds.length === 0) return [];
  return db.select().from(projectTargets).where(inArray(projectTargets.projectId, [...projectIds])).orderBy(asc(projectTargets.sort), asc(projectTargets.createdAt));
}

export interface TargetView {
  key: string;
  label: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  measured: number | null;
  measuredAt: string | null;
  required: boolean;
}

/** The project's targets for display: the required ones always, then the others in their order. */
export function targetViews(rows: readonly TargetRow[], locale: Locale): TargetView[] {
  const label = (key: string, stored: string) => {
    const c = CHOICE_BY_KEY.get(key);
    return c ? (locale === 'en' ? c.label.en : c.label.zh) : stored;
  };
  const out: TargetView[] = [];
  for (const req of REQUIRED_TARGETS) {
    const r = rows.find((x) => x.key === req.key);
    out.push({ key: req.key, label: label(req.key, ''), unit: req.unit, baseline: num(r?.baseline ?? null), target: num(r?.target ?? null), measured: num(r?.measured ?? null), measuredAt: r?.measuredAt?.toISOString() ?? null, required: true });
  }
  for (const r of rows) {
    if (REQUIRED_TARGETS.some((q) => q.key === r.key)) continue;
    out.push({ key: r.key, label: label(r.key, r.label), unit: r.unit, baseline: num(r.baseline), target: num(r.target), measured: num(r.measured), measuredAt: r.measuredAt?.toISOString() ?? null, required: false });
  }
  return out;
}

function zhLabel(t: TargetView, rows: readonly TargetRow[]): Text {
  const c = CHOICE_BY_KEY.get(t.key);
  const stored = rows.find((r) => r.key === t.key)?.label ?? t.key;
  return c ? c.label : { zh: stored, en: stored };
}

/** What the targets still lack before the contract can be submitted. */
export function targetsMissing(rows: readonly TargetRow[]): Text[] {
  const out: Text[] = [];
  for (const t of targetViews(rows, 'zh-CN')) {
    const l = zhLabel(t, rows);
    if (t.baseline === null) out.push({ zh: `改造目标“${l.zh}”的改造前数值`, en: `the value before of the target "${l.en}"` });
    if (t.target === null) out.push({ zh: `改造目标“${l.zh}”的目标值`, en: `the target value of "${l.en}"` });
  }
  return out;
}

/** Targets without a measured value (the evaluation is not complete without them). */
export function measuredMissing(rows: readonly TargetRow[]): Text[] {
  return targetViews(rows, 'zh-CN')
    .filter((t) => t.measured === null)
    .map((t) => {
      const l = zhLabel(t, rows);
      return { zh: `改造目标“${l.zh}”的改造后数值`, en: `the value after of the target "${l.en}"` };
    });
}

function partyName(p: Party, i: number): Text {
  return p.name ? { zh: p.name, en: p.name } : { zh: `第${i + 1}个签约方`, en: `party ${i + 1}` };
}

/**
 * Everything the contract lacks or gets wrong for submission, each item in zh and en (the contractComplete guard
 * lists them): fields, the provider (the stage-3 choice), amounts, price lines, dates, duties and the targets.
 */
export function contractProblems(p: ProjectRow, c: ContractRow | null, targets: readonly TargetRow[], today: string): Text[] {
  const out: Text[] = [];
  const need = (zh: string, en: string) => out.push({ zh, en });
  if (!p.providerOrgId) need('本项目尚未选定服务商', 'no provider has been chosen for this project');
  if (!c) {
    need('签约信息（尚未填写）', 'the contract details (none entered yet)');
    return [...out, ...targetsMissing(targets)];
  }
  if (!c.contractNo.trim()) need('合同编号', 'the contract number');
  if (c.amountFen === null) need('合同金额（含税）', 'the contract amount (with tax)');
  else if (!Number.isInteger(c.amountFen) || c.amountFen <= 0) need('合同金额（含税）须为正数', 'the contract amount (with tax) must be positive');
  if (c.amountExTaxFen === null) need('合同金额（不含税）', 'the contract amount (without tax)');
  else if (!Number.isInteger(c.amountExTaxFen) || c.amountExTaxFen <= 0) need('合同金额（不含税）须为正数', 'the contract amount (without tax) must be positive');
  if (c.amountFen !== null && c.amountExTaxFen !== null && c.amountExTaxFen > c.amountFen) {
    need(`不含税金额（${yuan(c.amountExTaxFen)}元）不能大于含税金额（${yuan(c.amountFen)}元）`, `the amount without tax (${yuan(c.amountExTaxFen)} yuan) cannot exceed the amount with tax (${yuan(c.amountFen)} yuan)`);
  }
  const filed = filedOn(p);
  if (!c.signedOn) need('合同签订日期', 'the signing date');
  else {
    if (filed && c.signedOn < filed) need(`合同签订日期（${c.signedOn}）不能早于备案日期（${filed}）`, `the signing date (${c.signedOn}) cannot be before the filing date (${filed})`);
    if (c.signedOn > today) need(`合同签订日期（${c.signedOn}）不能晚于今天（${today}）`, `the signing date (${c.signedOn}) cannot be in the future (today is ${today})`);
  }
  if (!c.periodStart) need('实施周期开始日期', 'the start of the implementation period');
  if (!c.periodEnd) need('实施周期结束日期', 'the end of the implementation period');
  if (c.periodStart && c.periodEnd && c.periodEnd < c.periodStart) need(`实施周期结束日期（${c.periodEnd}）不能早于开始日期（${c.periodStart}）`, `the period end (${c.periodEnd}) cannot be before its start (${c.periodStart})`);
  if (c.periodEnd && p.plannedEnd && c.periodEnd > p.plannedEnd && !c.lateReason?.trim()) {
    need(`实施周期结束日期（${c.periodEnd}）晚于备案的计划完成日期（${p.plannedEnd}），请填写延期说明`, `the period ends (${c.periodEnd}) after the filing's planned end (${p.plannedEnd}): give the reason`);
  }
  const parties = c.parties as unknown as Party[];
  if (!parties.some((x) => x.role === 'enterprise')) need('签约方：企业（甲方）', 'a party: the enterprise');
  const providers = parties.filter((x) => x.role === 'provider');
  if (providers.length === 0) need('签约方：服务商（乙方）', 'a party: the provider');
  if (p.providerOrgId && providers.some((x) => x.orgId !== p.providerOrgId)) need('合同中的服务商须为本项目已选定的服务商', 'the contract must name the provider chosen for this project');
  parties.forEach((x, i) => {
    const n = partyName(x, i);
    if (!x.name.trim()) need(`第${i + 1}个签约方的名称`, `the name of party ${i + 1}`);
    if (!x.duties.trim()) need(`签约方“${n.zh}”的职责`, `the duties of "${n.en}"`);
  });
  const lines = c.lines as unknown as Line[];
  if (lines.length === 0) need('报价明细（产品和服务）', 'the price lines (products and services)');
  lines.forEach((l, i) => {
    if (!l.item.trim()) need(`报价明细第${i + 1}行的产品或服务名称`, `the item of price line ${i + 1}`);
    const expected = Math.round(l.quantity * l.unitPriceFen);
    if (expected !== l.amountFen) need(`报价明细第${i + 1}行金额（${yuan(l.amountFen)}元）应为数量×单价（${yuan(expected)}元）`, `price line ${i + 1}'s amount (${yuan(l.amountFen)} yuan) should be quantity × unit price (${yuan(expected)} yuan)`);
  });
  if (lines.length > 0 && c.amountFen !== null) {
    const sum = lines.reduce((s, l) => s + l.amountFen, 0);
    if (sum !== c.amountFen) {
      const diff = Math.abs(sum - c.amountFen);
      need(
        `报价明细合计（${yuan(sum)}元）与合同金额（${yuan(c.amountFen)}元）不一致，相差${yuan(diff)}元`,
        `the price lines total ${yuan(sum)} yuan, not the contract amount of ${yuan(c.amountFen)} yuan (a difference of ${yuan(diff)} yuan)`,
      );
    }
  }
  if (!c.measures.trim()) need('改造措施', 'the transformation measures');
  if (!c.targetsText.trim()) need('实施目标', 'the implementation targets');
  return [...out, ...targetsMissing(targets)];
}

// ---- who may write ----------------------------------------------------------------------------------------

function refuseWrite(p: LoadedProject, actor: Actor, field: string): void {
  const table = projectTable(p);
  const role = actingRole(actor, p, p.facts.delegated);
  const check = canWriteFields(table, p.state, role, guardContextFor(p, actor.orgId), [field]);
  if (!check.ok) throw new AppError(check.code, { message: check.message, details: { state: p.state, role, fields: [field] } });
}

function mayWrite(p: LoadedProject, actor: Actor, field: string): boolean {
  const table = projectTable(p);
  const role = actingRole(actor, p, p.facts.delegated);
  return canWriteFields(table, p.state, role, guardContextFor(p, actor.orgId), [field]).ok;
}

function onBehalfOf(p: LoadedProject, actor: Actor): string | null {
  return actingRole(actor, p, p.facts.delegated) === 'leadingUnitDelegate' ? p.enterpriseId : null;
}

function invalid(path: string, zh: string, en: string, locale: Locale, code = 'custom'): AppError {
  return new AppError('VALIDATION_FAILED', { message: { zh, en }, details: { fields: [{ path, code, message: locale === 'en' ? en : zh }] } });
}

// ---- contract ---------------------------------------------------------------------------------------------

async function orgBrief(db: DbOrTx, id: string | null): Promise<{ id: string; name: string; uscc: string | null } | null> {
  if (!id) return null;
  const [o] = await db.select({ id: organizations.id, name: organizations.name, uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, id));
  return o ?? null;
}

function normParty(x: Party | Record<string, unknown>): { role: Party['role']; orgId: string | null; name: string; uscc: string | null; duties: string } {
  const v = x as Party;
  return { role: v.role, orgId: v.orgId ?? null, name: v.name ?? '', uscc: v.uscc ? v.uscc : null, duties: v.duties ?? '' };
}
function normLine(x: Line | Record<string, unknown>): { item: string; productId: string | null; quantity: number; unit: string; unitPriceFen: number; amountFen: number } {
  const v = x as Line;
  return { item: v.item ?? '', productId: v.productId ?? null, quantity: Number(v.quantity), unit: v.unit ?? '', unitPriceFen: Number(v.unitPriceFen), amountFen: Number(v.amountFen) };
}

export function contractFieldsOf(c: ContractRow | null) {
  return {
    contractNo: c?.contractNo ?? '',
    amountFen: c?.amountFen ?? null,
    amountExTaxFen: c?.amountExTaxFen ?? null,
    signedOn: c?.signedOn ?? null,
    periodStart: c?.periodStart ?? null,
    periodEnd: c?.periodEnd ?? null,
    parties: (c?.parties ?? []).map(normParty),
    lines: (c?.lines ?? []).map(normLine),
    measures: c?.measures ?? '',
    targetsText: c?.targetsText ?? '',
    lateReason: c?.lateReason ?? null,
  };
}

async function contractViewOf(db: DbOrTx, actor: Actor, p: LoadedProject, c: ContractRow | null) {
  const targets = await targetsOf(db, [p.id]);
  const provider = await orgBrief(db, p.providerOrgId);
  const enterprise = (await orgBrief(db, p.enterpriseId)) ?? { id: p.enterpriseId, name: p.enterpriseName, uscc: p.uscc };
  return {
    ...contractFieldsOf(c),
    projectId: p.id,
    revision: c?.revision ?? 0,
    updatedAt: c?.updatedAt.toISOString() ?? null,
    provider,
    enterprise,
    filedOn: filedOn(p),
    plannedEnd: p.plannedEnd,
    canEdit: mayWrite(p, actor, 'contract'),
    missing: contractProblems(p, c, targets, todayInShanghai(new Date())),
    returnReason: getState(projectTable(p), p.state)?.fields?.contract ? p.returnReason : null,
  };
}

export async function getContract(db: AppDb, actor: Actor, id: string) {
  const p = await loadProjectFor(db, actor, id);
  return contractViewOf(db, actor, p, await contractOf(db, p.id));
}

/**
 * Saves the contract draft (a merge: fields not sent stay). Formats are the schema's; the provider party must be
 * the project's chosen provider (CONTRACT_PROVIDER_MISMATCH); completeness is checked only on submission.
 */
export async function saveContract(db: AppDb, ctx: RequestContext, id: string, input: ContractInput) {
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, ctx.actor, id, { forUpdate: true });
    refuseWrite(p, ctx.actor, 'contract');
    if (input.parties) {
      input.parties.forEach((party, i) => {
        if (party.role !== 'provider') return;
        if ((party.orgId && party.orgId !== p.providerOrgId) || !p.providerOrgId) {
          const zh = p.providerOrgId ? '合同中的服务商须为本项目已选定的服务商' : '本项目尚未选定服务商，不能填写服务商签约方';
          const en = p.providerOrgId ? 'The contract must name the provider chosen for this project' : 'No provider has been chosen for this project';
          throw new AppError('CONTRACT_PROVIDER_MISMATCH', { message: { zh, en }, details: { fields: [{ path: `parties.${i}.orgId`, code: 'CONTRACT_PROVIDER_MISMATCH', message: ctx.locale === 'en' ? en : zh }] } });
        }
      });
    }
    const current = await contractOf(tx, p.id);
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<ContractInput>;
    const values = {
      ...given,
      ...(given.parties ? { parties: given.parties.map((x) => normParty({ ...x, orgId: x.role === 'provider' ? p.providerOrgId : (x.orgId ?? null) })) } : {}),
      ...(given.lines ? { lines: given.lines.map(normLine) } : {}),
      ...(given.lateReason !== undefined ? { lateReason: given.lateReason?.trim() ? given.lateReason : null } : {}),
    } as Partial<typeof contracts.$inferInsert>;
    const audit = { updatedBy: ctx.actor.userId, onBehalfOfOrgId: onBehalfOf(p, ctx.actor), updatedAt: new Date() };
    let row: ContractRow | undefined;
    if (current) [row] = await tx.update(contracts).set({ ...values, ...audit }).where(eq(contracts.id, current.id)).returning();
    else [row] = await tx.insert(contracts).values({ projectId: p.id, ...values, ...audit }).returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: 'contract.saved', targetType: 'project', targetId: p.id, projectId: p.id, onBehalfOfOrgId: audit.onBehalfOfOrgId, summary: { fields: Object.keys(given) } });
    return contractViewOf(tx, ctx.actor, p, row);
  });
}

// ---- targets ---------------------------------------------------------------------------------------------

async function targetsViewOf(db: DbOrTx, actor: Actor, p: LoadedProject, locale: Locale) {
  const rows = await targetsOf(db, [p.id]);
  return {
    rows: targetViews(rows, locale),
    choices: TARGET_CHOICES.map((c) => ({ ...c })),
    canEdit: mayWrite(p, actor, 'targets'),
    canMeasure: mayWrite(p, actor, 'targetsMeasured'),
    unmeasured: measuredMissing(rows),
  };
}

export async function getTargets(db: AppDb, actor: Actor, id: string, locale: Locale) {
  const p = await loadProjectFor(db, actor, id);
  return targetsViewOf(db, actor, p, locale);
}

function checkRange(path: string, v: number | null, max: number | null, locale: Locale): void {
  if (v !== null && max !== null && v > max) throw invalid(path, `数值不能超过${max}`, `The value cannot exceed ${max}`, locale, 'too_big');
}

/**
 * Replaces the project's targets with the rows sent (the required two stay even when not sent; measured values
 * are kept). A known key takes its label and unit from the choices; another key needs a label.
 */
export async function saveTargets(db: AppDb, ctx: RequestContext, id: string, input: TargetsInput) {
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, ctx.actor, id, { forUpdate: true });
    refuseWrite(p, ctx.actor, 'targets');
    const seen = new Set<string>();
    const rows = input.rows.map((r, i) => {
      if (seen.has(r.key)) throw invalid(`rows.${i}.key`, '改造目标重复', 'This target is listed twice', ctx.locale, 'duplicate');
      seen.add(r.key);
      const choice = CHOICE_BY_KEY.get(r.key);
      const label = choice ? choice.label.zh : (r.label ?? '').trim();
      if (!choice && !r.key.startsWith('custom')) throw invalid(`rows.${i}.key`, '不是可选的改造目标', 'Not one of the offered targets', ctx.locale, 'unknown');
      if (!label) throw invalid(`rows.${i}.label`, '请填写指标名称', 'Give the figure a name', ctx.locale, 'too_small');
      const unit = choice ? choice.unit : (r.unit ?? '').trim();
      const max = choice ? choice.max : unit === '%' ? 100 : null;
      checkRange(`rows.${i}.baseline`, r.baseline, max, ctx.locale);
      checkRange(`rows.${i}.target`, r.target, max, ctx.locale);
      return { key: r.key, label, unit, baseline: r.baseline, target: r.target, sort: i };
    });
    const existing = await targetsOf(tx, [p.id]);
    const keep = new Set([...rows.map((r) => r.key), ...REQUIRED_TARGETS.map((r) => r.key)]);
    const gone = existing.filter((r) => !keep.has(r.key)).map((r) => r.id);
    if (gone.length) await tx.delete(projectTargets).where(inArray(projectTargets.id, gone));
    for (const r of rows) {
      const values = { label: r.label, unit: r.unit, baseline: r.baseline === null ? null : String(r.baseline), target: r.target === null ? null : String(r.target), sort: r.sort, updatedAt: new Date() };
      const old = existing.find((x) => x.key === r.key);
      if (old) await tx.update(projectTargets).set(values).where(eq(projectTargets.id, old.id));
      else await tx.insert(projectTargets).values({ projectId: p.id, key: r.key, ...values });
    }
    await recordAudit(tx, originOf(ctx), { action: 'contract.targets_saved', targetType: 'project', targetId: p.id, projectId: p.id, onBehalfOfOrgId: onBehalfOf(p, ctx.actor), summary: { keys: rows.map((r) => r.key) } });
    return targetsViewOf(tx, ctx.actor, p, ctx.locale);
  });
}

/** The assigned comprehensive institution records the measured values (evaluationInProgress). */
export async function saveMeasured(db: AppDb, ctx: RequestContext, id: string, input: MeasuredInput) {
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, ctx.actor, id, { forUpdate: true });
    refuseWrite(p, ctx.actor, 'targetsMeasured');
    const existing = await targetsOf(tx, [p.id]);
    const now = new Date();
    for (const [i, r] of input.rows.entries()) {
      const old = existing.find((x) => x.key === r.key);
      if (!old) throw invalid(`rows.${i}.key`, '本项目没有此改造目标', 'This project has no such target', ctx.locale, 'unknown');
      const max = CHOICE_BY_KEY.get(r.key)?.max ?? (old.unit === '%' ? 100 : null);
      checkRange(`rows.${i}.measured`, r.measured, max, ctx.locale);
      await tx
        .update(projectTargets)
        .set({ measured: r.measured === null ? null : String(r.measured), measuredBy: r.measured === null ? null : ctx.actor.userId, measuredAt: r.measured === null ? null : now, updatedAt: now })
        .where(eq(projectTargets.id, old.id));
    }
    await recordAudit(tx, originOf(ctx), { action: 'contract.targets_measured', targetType: 'project', targetId: p.id, projectId: p.id, summary: { keys: input.rows.map((r) => r.key) } });
    return targetsViewOf(tx, ctx.actor, p, ctx.locale);
  });
}

// ---- revisions -------------------------------------------------------------------------------------------

/** The snapshot a submission stores: the contract's fields and the targets as set. */
export function snapshotOf(c: ContractRow | null, targets: readonly TargetRow[]): Record<string, unknown> {
  return {
    ...contractFieldsOf(c),
    targets: targetViews(targets, 'zh-CN').map((t) => ({ key: t.key, label: t.label, unit: t.unit, baseline: t.baseline, target: t.target })),
  };
}

/** JSON with object keys sorted (a jsonb column gives keys back in its own order). */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(o[k] ?? null)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function changedFields(prev: Record<string, unknown> | null, next: Record<string, unknown>): string[] {
  if (!prev) return Object.keys(next);
  return Object.keys(next).filter((k) => stable(prev[k]) !== stable(next[k]));
}

export async function listRevisions(db: AppDb, actor: Actor, id: string) {
  const p = await loadProjectFor(db, actor, id);
  const rows = await db.select().from(contractRevisions).where(eq(contractRevisions.projectId, p.id)).orderBy(asc(contractRevisions.revision));
  const userIds = [...new Set(rows.map((r) => r.submittedBy).filter((x): x is string => Boolean(x)))];
  const orgIds = [...new Set(rows.map((r) => r.onBehalfOfOrgId).filter((x): x is string => Boolean(x)))];
  const names = new Map<string, string>();
  if (userIds.length) for (const u of await db.select({ id: users.id, name: users.name, org: organizations.name }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(inArray(users.id, userIds))) names.set(u.id, `${u.name}（${u.org}）`);
  if (orgIds.length) for (const o of await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, orgIds))) names.set(o.id, o.name);
  return rows.map((r) => ({
    revision: r.revision,
    snapshot: r.snapshot,
    changedFields: r.changedFields,
    submittedBy: r.submittedBy,
    submittedByName: r.submittedBy ? (names.get(r.submittedBy) ?? null) : null,
    onBehalfOf: r.onBehalfOfOrgId,
    onBehalfOfName: r.onBehalfOfOrgId ? (names.get(r.onBehalfOfOrgId) ?? null) : null,
    submittedAt: r.submittedAt.toISOString(),
  }));
}

/** Stores the submitted contract as revision n + 1 (diffed against revision n) and counts it on the contract. */
export async function storeRevision(tx: DbOrTx, p: ProjectRow, submittedBy: string | null, onBehalf: string | null, now: Date): Promise<{ revision: number; changedFields: string[] }> {
  const c = await contractOf(tx, p.id);
  if (!c) throw new AppError('INTERNAL');
  const targets = await targetsOf(tx, [p.id]);
  const snapshot = snapshotOf(c, targets);
  const [prev] = await tx.select().from(contractRevisions).where(and(eq(contractRevisions.projectId, p.id), eq(contractRevisions.revision, c.revision)));
  const revision = c.revision + 1;
  const changed = changedFields(prev?.snapshot ?? null, snapshot);
  await tx.insert(contractRevisions).values({ projectId: p.id, revision, snapshot, changedFields: changed, submittedBy, onBehalfOfOrgId: onBehalf, submittedAt: now });
  await tx.update(contracts).set({ revision, updatedAt: now }).where(eq(contracts.id, c.id));
  return { revision, changedFields: changed };
}

/**
 * Stage 3 · 选择服务商: the guard facts of a provider choice (which route, and why the named provider or product
 * cannot be taken) and the effects that record it, open the 推荐函 for a market provider, withdraw it and clear
 * the choice when the enterprise chooses again.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { organizations, products, providerChoices, workflowObjects } from '../../../db/schema';
import type { DbOrTx } from '../../../db/client';
import type { ProviderChoice } from '../../../core/workflow';
import type { Text } from '../../../core/text';
import { AppError } from '../../http/errors';
import { currentVersion, tableFor } from '../../workflow/registry';
import { fireSubjectEvent } from '../../workflow/runtime';
import type { EffectHandler, FactProvider } from '../../workflow/types';
import { activeSuspensions } from '../providers/service';

export const LETTER_KIND = 'catalogEntry';
const ROUTES: readonly ProviderChoice[] = ['leadingUnit', 'catalog', 'market'];
const PROVIDER_TYPES = ['leading_unit', 'catalog_provider'];

const SUSPENDED: Text = { zh: '该服务商已被暂停承接新项目，请选择其他服务商', en: 'This provider is suspended from new projects; choose another one' };

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** Missing fields of the route, as the runtime reports an input's field errors. */
function missingFields(fields: Array<{ path: string; zh: string; en: string }>, locale: 'zh-CN' | 'en' = 'zh-CN'): AppError {
  return new AppError('INPUT_INVALID', {
    message: { zh: `请填写：${fields.map((f) => f.zh).join('、')}`, en: `Please provide: ${fields.map((f) => f.en).join(', ')}` },
    details: { fields: fields.map((f) => ({ path: `input.${f.path}`, code: 'required', message: locale === 'en' ? f.en : f.zh })) },
  });
}

async function orgRow(db: DbOrTx, id: string) {
  const [o] = await db.select({ id: organizations.id, type: organizations.type, active: organizations.active, name: organizations.name }).from(organizations).where(eq(organizations.id, id));
  return o ?? null;
}

async function productRow(db: DbOrTx, id: string) {
  const [p] = await db.select({ id: products.id, providerOrgId: products.providerOrgId, status: products.status }).from(products).where(eq(products.id, id));
  return p ?? null;
}

/**
 * Why the choice in `input` cannot be taken (null: it can). Missing or malformed fields of its route are an
 * INPUT_INVALID error with their paths; business refusals (not in the catalog, suspended…) are the returned text.
 */
export async function choiceProblem(db: DbOrTx, input: Record<string, unknown>): Promise<Text | null> {
  const route = input.route as ProviderChoice | undefined;
  if (!route || !ROUTES.includes(route)) return null;
  const providerOrgId = str(input.providerOrgId);
  const productId = str(input.productId);
  if (route === 'leadingUnit') {
    if (!providerOrgId) throw missingFields([{ path: 'providerOrgId', zh: '数字化牵引单位/行业型服务商', en: 'the leading unit / industry provider' }]);
    const org = await orgRow(db, providerOrgId);
    if (!org || org.type !== 'leading_unit' || !org.active) return { zh: '所选单位不是在册的数字化牵引单位/行业型服务商，或已停用', en: 'The chosen organisation is not a registered, active leading unit / industry provider' };
    if ((await activeSuspensions(db, [org.id])).has(org.id)) return SUSPENDED;
    if (productId) {
      const p = await productRow(db, productId);
      if (!p || p.providerOrgId !== org.id || p.status !== 'approved') return { zh: '所选产品不是该牵引单位已入库的产品', en: 'The chosen product is not one of this leading unit’s catalog products' };
    }
    return null;
  }
  if (route === 'catalog') {
    if (!productId) throw missingFields([{ path: 'productId', zh: '入库产品', en: 'the catalog product' }]);
    const p = await productRow(db, productId);
    if (!p || p.status !== 'approved') return { zh: '所选产品不在服务商及产品推荐目录中', en: 'The chosen product is not in the provider and product catalog' };
    const org = await orgRow(db, p.providerOrgId);
    if (!org || !org.active || !PROVIDER_TYPES.includes(org.type)) return { zh: '该产品的服务商已停用，请选择其他产品', en: 'The provider of this product is deactivated; choose another product' };
    if (providerOrgId && providerOrgId !== org.id) return { zh: '所选服务商与产品的服务商不一致', en: 'The chosen provider is not the provider of this product' };
    if ((await activeSuspensions(db, [org.id])).has(org.id)) return SUSPENDED;
    return null;
  }
  const missing: Array<{ path: string; zh: string; en: string }> = [];
  if (!str(input.marketProviderName)) missing.push({ path: 'marketProviderName', zh: '服务商名称', en: 'the provider name' });
  if (!str(input.marketProductName)) missing.push({ path: 'marketProductName', zh: '产品名称', en: 'the product name' });
  const recommender = str(input.recommenderOrgId);
  if (!recommender) missing.push({ path: 'recommenderOrgId', zh: '出具推荐函的牵引单位', en: 'the leading unit to write the recommendation letter' });
  if (missing.length) throw missingFields(missing);
  const org = await orgRow(db, recommender!);
  if (!org || org.type !== 'leading_unit' || !org.active) return { zh: '出具推荐函的单位须为在册的数字化牵引单位', en: 'The recommendation letter must come from a registered, active leading unit' };
  return null;
}

/** The open (not cleared) choice of a project, if any. */
export async function openChoice(db: DbOrTx, projectId: string) {
  const [c] = await db
    .select()
    .from(providerChoices)
    .where(and(eq(providerChoices.projectId, projectId), isNull(providerChoices.clearedAt)))
    .orderBy(desc(providerChoices.chosenAt))
    .limit(1);
  return c ?? null;
}

const OPEN_LETTER_STATES = ['draft', 'underReview', 'returned'];

export const choiceEffects = {
  recordProviderChoice: async (env) => {
    const route = env.input.route as ProviderChoice;
    let providerOrgId = str(env.input.providerOrgId);
    const productId = route === 'market' ? null : str(env.input.productId);
    if (route === 'catalog' && productId) providerOrgId = (await productRow(env.tx, productId))?.providerOrgId ?? providerOrgId;
    if (route === 'market') providerOrgId = null;
    const recommenderOrgId = route === 'market' ? str(env.input.recommenderOrgId) : null;
    await env.tx.update(providerChoices).set({ clearedAt: env.now }).where(and(eq(providerChoices.projectId, env.project.id), isNull(providerChoices.clearedAt)));
    const [row] = await env.tx
      .insert(providerChoices)
      .values({
        projectId: env.project.id,
        route,
        providerOrgId,
        productId,
        marketProviderName: route === 'market' ? str(env.input.marketProviderName) : null,
        marketProductName: route === 'market' ? str(env.input.marketProductName) : null,
        recommenderOrgId,
        note: str(env.input.note) ?? '',
        chosenBy: env.ctx.actor.userId,
        chosenAt: env.now,
      })
      .returning({ id: providerChoices.id });
    if (!row) throw new AppError('INTERNAL');
    env.patch.providerOrgId = providerOrgId;
    env.patch.providerRoute = route;
    env.patch.productId = productId;
    // The leading unit asked for the letter hears of it (notifyLeadingUnit reads it here).
    if (recommenderOrgId) env.subject.data.recommenderOrgId = recommenderOrgId;
    env.subject.data.choiceId = row.id;
    env.summary.choice = { id: row.id, route, providerOrgId, productId, recommenderOrgId };
  },
  openCatalogEntry: async (env) => {
    const choice = await openChoice(env.tx, env.project.id);
    if (!choice || choice.route !== 'market') return;
    const version = currentVersion(LETTER_KIND);
    const [latest] = await env.tx
      .select({ version: workflowObjects.version })
      .from(workflowObjects)
      .where(and(eq(workflowObjects.projectId, env.project.id), eq(workflowObjects.kind, LETTER_KIND)))
      .orderBy(desc(workflowObjects.version))
      .limit(1);
    const [entry] = await env.tx
      .insert(workflowObjects)
      .values({
        kind: LETTER_KIND,
        workflowVersion: version,
        state: tableFor(version).initial,
        projectId: env.project.id,
        assigneeOrgId: choice.recommenderOrgId,
        version: (latest?.version ?? 0) + 1,
        createdBy: env.ctx.actor.userId,
        data: {
          recommenderOrgId: choice.recommenderOrgId,
          marketProviderName: choice.marketProviderName,
          marketProductName: choice.marketProductName,
          choiceId: choice.id,
          letter: { providerName: choice.marketProviderName ?? '', productName: choice.marketProductName ?? '' },
        },
      })
      .returning({ id: workflowObjects.id });
    if (!entry) throw new AppError('INTERNAL');
    await env.tx.update(providerChoices).set({ catalogEntryId: entry.id }).where(eq(providerChoices.id, choice.id));
    env.summary.catalogEntryId = entry.id;
  },
  withdrawCatalogEntry: async (env) => {
    const choice = await openChoice(env.tx, env.project.id);
    if (choice?.recommenderOrgId) env.subject.data.recommenderOrgId = choice.recommenderOrgId;
    const open = await env.tx
      .select()
      .from(workflowObjects)
      .where(and(eq(workflowObjects.projectId, env.project.id), eq(workflowObjects.kind, LETTER_KIND), inArray(workflowObjects.state, OPEN_LETTER_STATES)));
    for (const entry of open) await fireSubjectEvent(env, entry, 'withdraw', { role: 'system', reason: env.reason });
    if (open.length) env.summary.withdrawnEntries = open.map((e) => e.id);
  },
  clearProviderChoice: async (env) => {
    await env.tx.update(providerChoices).set({ clearedAt: env.now }).where(and(eq(providerChoices.projectId, env.project.id), isNull(providerChoices.clearedAt)));
    env.patch.providerOrgId = null;
    env.patch.providerRoute = null;
    env.patch.productId = null;
  },
} satisfies Record<string, EffectHandler>;

export const choiceFacts: FactProvider = {
  name: 'choice',
  provides: ['providerChoice', 'providerChoiceProblem'],
  async load({ tx, project, input }) {
    const given = input.route as ProviderChoice | undefined;
    const route = given && ROUTES.includes(given) ? given : ((project.providerRoute as ProviderChoice | null) ?? null);
    return { providerChoice: route, providerChoiceProblem: given ? await choiceProblem(tx, input) : null };
  },
};

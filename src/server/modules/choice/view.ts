/**
 * What the enterprise's choice page and the project page's card read: the providers and products that can be
 * chosen (suspended providers left out; the diagnosis' recommendations first) and the project's current choice.
 */
import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { organizations, products, providerChoices, workflowObjects } from '../../../db/schema';
import { getCatalog, recommendProducts } from '../../../core/assessment';
import { getState } from '../../../core/workflow';
import type { Locale, Text } from '../../../core/text';
import type { Actor } from '../../http/actor';
import { tableFor } from '../../workflow/registry';
import { loadProjectFor } from '../projects/policy';
import { activeSuspensions } from '../providers/service';
import { latestDiagnosis } from '../assessments/service';
import { frozenResult } from '../assessments/report';
import { LETTER_KIND } from './effects';

export interface OptionsQuery {
  q?: string | undefined;
  scene?: string | undefined;
  maxPriceFen?: number | undefined;
}

export async function providerOptions(db: DbOrTx, actor: Actor, projectId: string, query: OptionsQuery, locale: Locale) {
  const project = await loadProjectFor(db, actor, projectId);
  const en = locale === 'en';
  const units = await db
    .select({ id: organizations.id, name: organizations.name, nameEn: organizations.nameEn })
    .from(organizations)
    .where(and(eq(organizations.type, 'leading_unit'), eq(organizations.active, true)))
    .orderBy(asc(organizations.name))
    .limit(500);
  const filters: SQL[] = [eq(products.status, 'approved'), eq(organizations.active, true), inArray(organizations.type, ['leading_unit', 'catalog_provider'])];
  const q = query.q?.trim();
  if (q) filters.push(sql`(${products.name} ilike ${'%' + q + '%'} or ${organizations.name} ilike ${'%' + q + '%'})`);
  if (query.scene) filters.push(sql`${query.scene} = any(${products.scenes})`);
  if (query.maxPriceFen != null) filters.push(lte(sql`coalesce(${products.priceMinFen}, ${products.priceFen}, 0)`, query.maxPriceFen));
  const rows = await db
    .select({
      id: products.id,
      name: products.name,
      nameEn: products.nameEn,
      summary: products.summary,
      scenes: products.scenes,
      indicators: products.indicators,
      industries: products.industries,
      priceMinFen: products.priceMinFen,
      priceMaxFen: products.priceMaxFen,
      priceFen: products.priceFen,
      deliveryDays: products.deliveryDays,
      description: products.description,
      providerId: organizations.id,
      providerName: organizations.name,
      providerType: organizations.type,
    })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.providerOrgId))
    .where(and(...filters))
    .orderBy(asc(products.name))
    .limit(300);
  const suspended = await activeSuspensions(db, [...units.map((u) => u.id), ...rows.map((r) => r.providerId)]);
  const available = rows.filter((r) => !suspended.has(r.providerId));
  // The diagnosis' recommendations (the engine ranks against the assessment's weak scenes and indicators).
  const reasons = new Map<string, Text>();
  const diagnosis = await latestDiagnosis(db, project.id);
  if (diagnosis) {
    const result = frozenResult(diagnosis);
    const ranked = recommendProducts(getCatalog(diagnosis.catalogVersion), { score: result.score, level: result.level }, available, 6);
    ranked.forEach((r) => reasons.set(r.product.id, r.reason));
  }
  const order = [...reasons.keys()];
  const sorted = [...available].sort((a, b) => {
    const ia = order.indexOf(a.id);
    const ib = order.indexOf(b.id);
    return (ia === -1 ? 1e9 : ia) - (ib === -1 ? 1e9 : ib);
  });
  return {
    leadingUnits: units.filter((u) => !suspended.has(u.id)).map((u) => ({ id: u.id, name: en && u.nameEn ? u.nameEn : u.name })),
    products: sorted.map((r) => ({
      id: r.id,
      name: en && r.nameEn ? r.nameEn : r.name,
      summary: r.summary,
      scenes: r.scenes,
      industries: r.industries,
      priceMinFen: r.priceMinFen ?? r.priceFen,
      priceMaxFen: r.priceMaxFen ?? r.priceFen,
      deliveryDays: r.deliveryDays,
      description: r.description,
      provider: { id: r.providerId, name: r.providerName, type: r.providerType },
      recommended: reasons.has(r.id),
      reason: reasons.get(r.id) ?? null,
    })),
  };
}

export async function currentChoice(db: DbOrTx, actor: Actor, projectId: string) {
  const project = await loadProjectFor(db, actor, projectId);
  const [c] = await db.select().from(providerChoices).where(eq(providerChoices.projectId, project.id)).orderBy(desc(providerChoices.chosenAt)).limit(1);
  const open = c && c.clearedAt === null ? c : null;
  const providerId = project.providerOrgId ?? open?.providerOrgId ?? null;
  const productId = project.productId ?? open?.productId ?? null;
  const ids = [providerId, open?.recommenderOrgId].filter((x): x is string => !!x);
  const orgs = ids.length ? await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids)) : [];
  const name = (id: string | null | undefined) => orgs.find((o) => o.id === id)?.name ?? null;
  const [product] = productId ? await db.select({ id: products.id, name: products.name }).from(products).where(eq(products.id, productId)) : [];
  let letter: { id: string; state: string; stateLabel: Text; tone: string; hint: Text | null } | null = null;
  if (open?.catalogEntryId) {
    const [e] = await db.select().from(workflowObjects).where(and(eq(workflowObjects.id, open.catalogEntryId), eq(workflowObjects.kind, LETTER_KIND)));
    if (e) {
      const st = getState(tableFor(e.workflowVersion), e.state);
      letter = { id: e.id, state: e.state, stateLabel: st?.label ?? { zh: e.state, en: e.state }, tone: st?.tone ?? 'draft', hint: st?.applicantHint ?? null };
    }
  }
  return {
    projectId: project.id,
    stage: project.stage,
    state: project.state,
    pilotManagedAt: project.pilotManagedAt?.toISOString() ?? null,
    choice: open
      ? {
          route: open.route,
          provider: providerId ? { id: providerId, name: name(providerId) ?? '' } : null,
          product: product ? { id: product.id, name: product.name } : null,
          marketProviderName: open.marketProviderName,
          marketProductName: open.marketProductName,
          recommender: open.recommenderOrgId ? { id: open.recommenderOrgId, name: name(open.recommenderOrgId) ?? '' } : null,
          note: open.note,
          chosenAt: open.chosenAt.toISOString(),
        }
      : null,
    letter,
  };
}

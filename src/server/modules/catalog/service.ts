/**
 * The provider and product catalog (服务商及产品目录): the public search, the providers list, and what the
 * provider-choice step asks of a product. Product maintenance and the entry review are in products.ts.
 */
import { and, asc, count, eq, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { organizations, products } from '../../../db/schema';
import type { Locale } from '../../../core/text';

export interface CatalogProduct {
  id: string;
  name: string;
  providerName: string;
  summary: string;
  scenes: string[];
  indicators: string[];
  priceFen: number | null;
}

/** The organisation types whose products the catalog lists. */
export const PROVIDER_ORG_TYPES = ['leading_unit', 'catalog_provider'] as const;
export type ProviderOrgType = (typeof PROVIDER_ORG_TYPES)[number];

/** Not under a suspension that is still in force (index provider_sanctions_suspended_idx). */
function notSuspended(): SQL {
  return sql`not exists (select 1 from provider_sanctions ps where ps.provider_org_id = "products"."provider_org_id" and ps.kind = 'suspension' and ps.lifted_at is null)`;
}

/** A product the public may see: approved, of an active provider organisation that is not suspended. */
function listed(): SQL {
  return and(eq(products.status, 'approved'), eq(organizations.active, true), inArray(organizations.type, [...PROVIDER_ORG_TYPES]), notSuspended())!;
}

/** Approved products (the assessment report's recommendations). */
export async function approvedProducts(db: DbOrTx, locale: Locale): Promise<CatalogProduct[]> {
  const rows = await db
    .select({
      id: products.id,
      name: products.name,
      nameEn: products.nameEn,
      summary: products.summary,
      summaryEn: products.summaryEn,
      scenes: products.scenes,
      indicators: products.indicators,
      priceFen: products.priceFen,
      providerName: organizations.name,
      providerNameEn: organizations.nameEn,
    })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.providerOrgId))
    .where(and(eq(products.status, 'approved'), eq(organizations.active, true), notSuspended()))
    .orderBy(asc(products.name));
  const en = locale === 'en';
  return rows.map((r) => ({
    id: r.id,
    name: en && r.nameEn ? r.nameEn : r.name,
    providerName: en && r.providerNameEn ? r.providerNameEn : r.providerName,
    summary: en && r.summaryEn ? r.summaryEn : r.summary,
    scenes: r.scenes,
    indicators: r.indicators,
    priceFen: r.priceFen,
  }));
}

export interface CatalogFilters {
  /** Words in the product's name, summary or provider's name. */
  q?: string | undefined;
  scene?: string | undefined;
  /** Products made for this industry, or for any (no industries given). */
  industry?: string | undefined;
  /** Products whose lowest price is at most this (fen). */
  priceMax?: number | undefined;
  providerType?: ProviderOrgType | undefined;
  providerOrgId?: string | undefined;
  ids?: readonly string[] | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface CatalogItem {
  id: string;
  name: string;
  summary: string;
  scenes: string[];
  indicators: string[];
  industries: string[];
  priceMinFen: number | null;
  priceMaxFen: number | null;
  deliveryDays: number | null;
  description: string;
  references: string;
  provider: { id: string; name: string; type: ProviderOrgType };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Approved products of active, unsuspended providers, filtered and paginated (name order). */
export async function searchCatalog(db: DbOrTx, filters: CatalogFilters, locale: Locale): Promise<{ items: CatalogItem[]; total: number; page: number; pageSize: number }> {
  const page = filters.page ?? 1;
  const pageSize = filters.pageSize ?? 20;
  const conds: SQL[] = [listed()];
  const q = filters.q?.trim();
  if (q) {
    const pat = `%${escapeLike(q)}%`;
    conds.push(or(ilike(products.name, pat), ilike(products.nameEn, pat), ilike(products.summary, pat), ilike(organizations.name, pat))!);
  }
  if (filters.scene) conds.push(sql`${products.scenes} @> array[${filters.scene}]::text[]`);
  if (filters.industry) conds.push(sql`(${products.industries} @> array[${filters.industry}]::text[] or ${products.industries} = '{}'::text[])`);
  if (filters.priceMax !== undefined) conds.push(lte(products.priceMinFen, filters.priceMax));
  if (filters.providerType) conds.push(eq(organizations.type, filters.providerType));
  if (filters.providerOrgId) conds.push(eq(products.providerOrgId, filters.providerOrgId));
  if (filters.ids) {
    if (filters.ids.length === 0) return { items: [], total: 0, page, pageSize };
    conds.push(inArray(products.id, [...filters.ids]));
  }
  const where = and(...conds);
  const [totalRow] = await db.select({ n: count() }).from(products).innerJoin(organizations, eq(organizations.id, products.providerOrgId)).where(where);
  const rows = await db
    .select({
      id: products.id,
      name: products.name,
      nameEn: products.nameEn,
      summary: products.summary,
      summaryEn: products.summaryEn,
      scenes: products.scenes,
      indicators: products.indicators,
      industries: products.industries,
      priceMinFen: products.priceMinFen,
      priceMaxFen: products.priceMaxFen,
      priceFen: products.priceFen,
      deliveryDays: products.deliveryDays,
      description: products.description,
      references: products.references,
      providerId: organizations.id,
      providerName: organizations.name,
      providerNameEn: organizations.nameEn,
      providerType: organizations.type,
    })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.providerOrgId))
    .where(where)
    .orderBy(asc(products.name), asc(products.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const en = locale === 'en';
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: en && r.nameEn ? r.nameEn : r.name,
      summary: en && r.summaryEn ? r.summaryEn : r.summary,
      scenes: r.scenes,
      indicators: r.indicators,
      industries: r.industries,
      priceMinFen: r.priceMinFen ?? r.priceFen,
      priceMaxFen: r.priceMaxFen ?? r.priceFen,
      deliveryDays: r.deliveryDays,
      description: r.description,
      references: r.references,
      provider: { id: r.providerId, name: en && r.providerNameEn ? r.providerNameEn : r.providerName, type: r.providerType as ProviderOrgType },
    })),
    total: totalRow?.n ?? 0,
    page,
    pageSize,
  };
}

export interface ProductForChoice {
  id: string;
  providerOrgId: string;
  status: string;
  /** The provider organisation is active and not suspended. */
  providerActive: boolean;
  providerType: string;
}

/** What the provider choice needs to know of a product (null: no such product). */
export async function productForChoice(db: DbOrTx, productId: string): Promise<ProductForChoice | null> {
  const [row] = await db
    .select({
      id: products.id,
      providerOrgId: products.providerOrgId,
      status: products.status,
      active: organizations.active,
      providerType: organizations.type,
      suspended: sql<boolean>`exists (select 1 from provider_sanctions ps where ps.provider_org_id = "products"."provider_org_id" and ps.kind = 'suspension' and ps.lifted_at is null)`,
    })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.providerOrgId))
    .where(eq(products.id, productId))
    .limit(1);
  if (!row) return null;
  return { id: row.id, providerOrgId: row.providerOrgId, status: row.status, providerActive: row.active && !row.suspended, providerType: row.providerType };
}

export interface CatalogProvider {
  id: string;
  name: string;
  type: ProviderOrgType;
  productCount: number;
}

/** Active, unsuspended leading units / industry providers and catalog providers with their listed products. */
export async function catalogProviders(db: DbOrTx, locale: Locale): Promise<CatalogProvider[]> {
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      nameEn: organizations.nameEn,
      type: organizations.type,
      productCount: sql<number>`(select count(*)::int from products p where p.provider_org_id = "organizations"."id" and p.status = 'approved')`,
    })
    .from(organizations)
    .where(
      and(
        inArray(organizations.type, [...PROVIDER_ORG_TYPES]),
        eq(organizations.active, true),
        sql`not exists (select 1 from provider_sanctions ps where ps.provider_org_id = "organizations"."id" and ps.kind = 'suspension' and ps.lifted_at is null)`,
      ),
    )
    .orderBy(asc(organizations.type), asc(organizations.name));
  const en = locale === 'en';
  return rows.map((r) => ({ id: r.id, name: en && r.nameEn ? r.nameEn : r.name, type: r.type as ProviderOrgType, productCount: Number(r.productCount) }));
}

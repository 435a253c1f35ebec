/**
 * The provider and product catalog (服务商及产品目录). Maintenance and review screens come with stage 3;
 * for now: the approved products with the assessment scenes and indicators they address.
 */
import { asc, eq } from 'drizzle-orm';
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
    .where(eq(products.status, 'approved'))
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

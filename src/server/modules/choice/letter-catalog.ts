/**
 * Approval of a 推荐函: the recommended provider becomes a catalog provider (unless an organisation with its
 * 统一社会信用代码 exists), the product enters the catalog as approved, and the waiting project's choice names
 * them — before `resumeWaitingProjects` moves the project on to the contract.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { organizations, products, projects, providerChoices } from '../../../db/schema';
import { normalizeUscc } from '../../../core/identity/uscc';
import { AppError } from '../../http/errors';
import type { EffectEnv } from '../../workflow/types';
import { letterOf } from './letter-form';

export async function approveLetterIntoCatalog(env: EffectEnv): Promise<void> {
  const letter = letterOf(env.subject.data);
  const uscc = letter.providerUscc ? normalizeUscc(letter.providerUscc) : null;
  const providerName = letter.providerName ?? String(env.subject.data.marketProviderName ?? '');
  let providerOrgId: string | null = null;
  if (uscc) {
    const [existing] = await env.tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, uscc));
    providerOrgId = existing?.id ?? null;
  }
  if (!providerOrgId) {
    const [org] = await env.tx
      .insert(organizations)
      .values({ type: 'catalog_provider', name: providerName, uscc, contactName: letter.contactName ?? null, contactMobile: letter.contactPhone ?? null })
      .returning({ id: organizations.id });
    if (!org) throw new AppError('INTERNAL');
    providerOrgId = org.id;
  }
  const [product] = await env.tx
    .insert(products)
    .values({
      providerOrgId,
      name: letter.productName ?? String(env.subject.data.marketProductName ?? ''),
      summary: letter.description ?? '',
      scenes: letter.scenes ?? [],
      industries: letter.industries ?? [],
      priceMinFen: letter.priceMinFen ?? null,
      priceMaxFen: letter.priceMaxFen ?? null,
      priceFen: letter.priceMinFen ?? null,
      deliveryDays: letter.deliveryDays ?? null,
      description: letter.description ?? '',
      references: letter.experience ?? '',
      status: 'approved',
      entryId: env.subject.id,
    })
    .returning({ id: products.id });
  if (!product) throw new AppError('INTERNAL');
  env.subject.data.providerOrgId = providerOrgId;
  env.subject.data.productId = product.id;
  env.summary.catalog = { providerOrgId, productId: product.id };
  const projectId = env.project.id;
  await env.tx.update(projects).set({ providerOrgId, productId: product.id, updatedAt: env.now }).where(eq(projects.id, projectId));
  await env.tx
    .update(providerChoices)
    .set({ providerOrgId, productId: product.id })
    .where(and(eq(providerChoices.projectId, projectId), eq(providerChoices.catalogEntryId, env.subject.id), isNull(providerChoices.clearedAt)));
}

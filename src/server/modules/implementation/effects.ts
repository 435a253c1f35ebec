/** Effect handlers and guard facts of the implementation module (改造实施). */
import { eq } from 'drizzle-orm';
import { providerRatings } from '../../../db/schema';
import { RATE_PROVIDER_INPUT } from '../../../core/workflow/inputs';
import { AppError } from '../../http/errors';
import type { EffectHandler, FactProvider } from '../../workflow/types';
import { implementationMissing } from './service';

export const implementationEffects = {
  /**
   * The enterprise's rating of its provider, one per project: a resubmission after the bureau returned the
   * implementation replaces the earlier rating.
   */
  recordProviderRating: async (env) => {
    const providerOrgId = env.project.providerOrgId;
    if (!providerOrgId) {
      throw new AppError('GUARD_FAILED', {
        message: { zh: '项目尚未确定服务商，无法评价', en: 'The project has no provider to rate' },
        details: { reason: 'NO_PROVIDER' },
      });
    }
    const r = RATE_PROVIDER_INPUT.parse(env.input);
    const values = {
      providerOrgId,
      timeliness: r.timeliness,
      quality: r.quality,
      service: r.service,
      price: r.price,
      comment: r.comment,
      ratedBy: env.ctx.actor.userId,
      createdAt: env.now,
    };
    const [before] = await env.tx.select({ id: providerRatings.id }).from(providerRatings).where(eq(providerRatings.projectId, env.project.id));
    await env.tx
      .insert(providerRatings)
      .values({ projectId: env.project.id, ...values })
      .onConflictDoUpdate({ target: providerRatings.projectId, set: values });
    env.summary.rating = { providerOrgId, timeliness: r.timeliness, quality: r.quality, service: r.service, price: r.price, replaced: before !== undefined };
  },
} satisfies Record<string, EffectHandler>;

export const implementationFacts: FactProvider = {
  name: 'implementation',
  provides: ['implementationMissing'],
  async load({ tx, project }) {
    return { implementationMissing: await implementationMissing(tx, project) };
  },
};

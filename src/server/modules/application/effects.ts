/** The completion-subsidy application (stage 7): its guard facts and the effect that freezes it at submission. */
import { AppError } from '../../http/errors';
import type { EffectHandler, FactProvider } from '../../workflow/types';
import { applicationProblems, freezeDraft } from './service';

function reviewObjectIdOf(summary: Record<string, unknown>): string | null {
  const review = summary.subsidyReview as { id?: unknown } | undefined;
  return typeof review?.id === 'string' ? review.id : null;
}

export const applicationEffects = {
  /**
   * Runs after `openSubsidyReview` in applySubsidy: freezes the draft with the policy in force that day, the
   * computation and the suggestion, who submitted it (for whom) and the review object of this round.
   */
  freezeSubsidyApplication: async (env) => {
    if (env.subject.type !== 'project') throw new AppError('INTERNAL');
    const row = await freezeDraft(env.tx, {
      project: env.project,
      actor: env.ctx.actor,
      onBehalfOfOrgId: env.role === 'leadingUnitDelegate' ? env.project.enterpriseId : null,
      reviewObjectId: reviewObjectIdOf(env.summary),
      now: env.now,
    });
    env.summary.subsidyApplication = { id: row.id, round: row.round, policyId: row.policyId, suggestedFen: row.suggestedFen, verifiedInvestmentFen: row.verifiedInvestmentFen };
  },
} satisfies Record<string, EffectHandler>;

export const applicationFacts: FactProvider = {
  name: 'application',
  provides: ['subsidyApplicationProblems'],
  async load({ tx, project }) {
    return { subsidyApplicationProblems: await applicationProblems(tx, project, new Date()) };
  },
};

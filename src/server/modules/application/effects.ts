/** The completion-subsidy application (stage 7): its guard facts and the effect that freezes it at submission. */
import { AppError } from '../../http/errors';
import type { EffectHandler, FactProvider } from '../../workflow/types';

export const applicationEffects = {
  freezeSubsidyApplication: async () => {
    throw new AppError('INTERNAL', { message: { zh: '奖补申请冻结尚未接通', en: 'freezeSubsidyApplication is not wired yet' } });
  },
} satisfies Record<string, EffectHandler>;

export const applicationFacts: FactProvider = {
  name: 'application',
  provides: ['subsidyApplicationProblems'],
  async load() {
    return { subsidyApplicationProblems: [{ zh: '奖补申请表尚未接通', en: 'The application form is not wired yet' }] };
  },
};

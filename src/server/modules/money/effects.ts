/** Money effects (tranches) and facts (bank account, payment paperwork). */
import { AppError } from '../../http/errors';
import type { EffectHandler, FactProvider } from '../../workflow/types';

const notWired = (name: string) => async () => {
  throw new AppError('INTERNAL', { message: { zh: `${name} 尚未接通`, en: `${name} is not wired yet` } });
};

export const moneyEffects = {
  openFinalTranche: notWired('openFinalTranche'),
  recordTranchePayment: notWired('recordTranchePayment'),
  recordTrancheFailure: notWired('recordTrancheFailure'),
  concludeTranche: notWired('concludeTranche'),
} satisfies Record<string, EffectHandler>;

export const moneyFacts: FactProvider = {
  name: 'money',
  provides: ['bankAccountOnFile', 'paymentPaperworkMissing'],
  async load() {
    return { bankAccountOnFile: false, paymentPaperworkMissing: [{ zh: '拨付材料尚未接通', en: 'Payment paperwork is not wired yet' }] };
  },
};

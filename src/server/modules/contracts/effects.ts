/** Effect handlers and guard facts of the contracts module (being built). */
import type { EffectHandler, FactProvider } from '../../workflow/types';

export const contractEffects = {
  recordContractRevision: async () => {},
} satisfies Record<string, EffectHandler>;

export const contractFacts: FactProvider = {
  name: 'contracts',
  provides: ['contractMissing', 'evaluationMissing'],
  async load() {
    return { contractMissing: [], evaluationMissing: [] };
  },
};

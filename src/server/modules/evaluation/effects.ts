/** Effect handlers and guard facts of the evaluation module (being built). */
import type { EffectHandler, FactProvider } from '../../workflow/types';

export const evaluationEffects = {
  recordConflictDeclaration: async () => {},
  recordBenchmarkRecommendation: async () => {},
} satisfies Record<string, EffectHandler>;

export const evaluationFacts: FactProvider = {
  name: 'evaluation',
  provides: ['institutionConflict'],
  async load() {
    return { institutionConflict: null };
  },
};

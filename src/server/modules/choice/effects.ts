/** Effect handlers and guard facts of the choice module (being built). */
import type { EffectHandler, FactProvider } from '../../workflow/types';

export const choiceEffects = {
  recordProviderChoice: async () => {},
  clearProviderChoice: async () => {},
  openCatalogEntry: async () => {},
  withdrawCatalogEntry: async () => {},
} satisfies Record<string, EffectHandler>;

export const choiceFacts: FactProvider = {
  name: 'choice',
  provides: ['providerChoice', 'providerChoiceProblem'],
  async load() {
    return { providerChoice: null, providerChoiceProblem: null };
  },
};

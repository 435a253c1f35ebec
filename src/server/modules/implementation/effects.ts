/** Effect handlers and guard facts of the implementation module (being built). */
import type { EffectHandler, FactProvider } from '../../workflow/types';

export const implementationEffects = {
  recordProviderRating: async () => {},
} satisfies Record<string, EffectHandler>;

export const implementationFacts: FactProvider = {
  name: 'implementation',
  provides: ['implementationMissing'],
  async load() {
    return { implementationMissing: [] };
  },
};

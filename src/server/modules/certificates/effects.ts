/** The 试点企业 honour certificate, issued when a project completes (funded or not). */
import { AppError } from '../../http/errors';
import type { EffectHandler } from '../../workflow/types';

export const certificateEffects = {
  issueCertificate: async () => {
    throw new AppError('INTERNAL', { message: { zh: '证书签发尚未接通', en: 'issueCertificate is not wired yet' } });
  },
} satisfies Record<string, EffectHandler>;

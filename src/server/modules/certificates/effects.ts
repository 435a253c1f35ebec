/** The 试点企业 honour certificate, issued when a project completes (funded or not). */
import type { EffectHandler } from '../../workflow/types';
import { issueCertificateFor } from './service';

export const certificateEffects = {
  issueCertificate: async (env) => {
    const c = await issueCertificateFor(env.tx, { id: env.project.id, enterpriseName: env.project.enterpriseName, title: env.project.title, filingNo: env.project.filingNo }, env.now);
    env.summary.certificate = { id: c.id, code: c.code, funded: c.funded, level: c.level };
  },
} satisfies Record<string, EffectHandler>;

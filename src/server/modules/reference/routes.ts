/**
 * Reference data for forms and labels: towns, industries, organisation types, the lifecycle's stages and states.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TOWNS, townDisplayName } from '../../../core/identity/towns';
import { INDUSTRIES, industryDisplayName } from '../../../core/identity/industries';
import { ORG_TYPES, ORG_TYPE_LABELS } from '../../../core/identity/roles';
import { PROJECT_LIFECYCLE, STAGES } from '../../../core/workflow';
import { textSchema } from '../../http/schemas';

const referenceSchema = z.object({
  towns: z.array(z.object({ code: z.string(), name: textSchema, kind: z.string() })),
  industries: z.array(z.object({ code: z.string(), name: textSchema })),
  orgTypes: z.array(z.object({ code: z.string(), name: textSchema })),
  workflow: z.object({
    version: z.string(),
    stages: z.array(z.object({ stage: z.number().int(), label: textSchema })),
    states: z.array(
      z.object({ id: z.string(), stage: z.number().int(), label: textSchema, publicLabel: textSchema, applicantHint: textSchema, progress: z.number(), tone: z.string(), terminal: z.boolean() }),
    ),
  }),
});

export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  // Computed once: reference data only changes with a release.
  const payload: z.infer<typeof referenceSchema> = {
    towns: TOWNS.map((t) => ({ code: t.code, name: townDisplayName(t), kind: t.kind })),
    industries: INDUSTRIES.map((i) => ({ code: i.code, name: industryDisplayName(i) })),
    orgTypes: ORG_TYPES.map((code) => ({ code, name: ORG_TYPE_LABELS[code] })),
    workflow: {
      version: PROJECT_LIFECYCLE.id,
      stages: STAGES.map((s) => ({ stage: s.stage, label: s.label })),
      states: PROJECT_LIFECYCLE.states.map((s) => ({
        id: s.id,
        stage: s.stage,
        label: s.label,
        publicLabel: s.publicLabel,
        applicantHint: s.applicantHint,
        progress: s.progress,
        tone: s.tone,
        terminal: s.terminal ?? false,
      })),
    },
  };
  app.get('/reference', { schema: { tags: ['reference'], summary: 'Towns, industries, organisation types and the lifecycle\'s stages and states', response: { 200: referenceSchema } } }, async (_req, reply) => {
    void reply.header('cache-control', 'public, max-age=300');
    return payload;
  });
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requireOrgType } from '../../http/guard';
import { idParams, pageQuery, paged, textSchema } from '../../http/schemas';
import { bi } from '../../http/validation';
import { setEvaluationExcludesDiagnoser } from './conflict';
import { evaluationHistory, listBenchmarkRecommendations } from './service';
import { cacheRead } from '../../cache/responses';

const tags = ['evaluation'];
const level = z.number().int().min(0).max(4).nullable();
const institution = z.object({ id: z.string(), name: z.string() }).nullable();

const attempt = z.object({
  n: z.number().int(),
  institution,
  startedAt: z.string(),
  declaredAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  level,
  summary: z.string().nullable(),
  gaps: z.string().nullable(),
  benchmark: z.enum(['workshop', 'smart']).nullable(),
  benchmarkReasons: z.string().nullable(),
  state: z.string(),
  stateLabel: textSchema,
  confirmed: z.boolean(),
  passed: z.boolean().nullable(),
  versions: z.number().int(),
  disputes: z.array(z.object({ version: z.number().int(), at: z.string().nullable(), reason: z.string() })),
  reportId: z.string(),
  materialId: z.number().int().nullable(),
  fileName: z.string().nullable(),
});

const benchmark = z.object({ id: z.string(), kind: z.enum(['workshop', 'smart']), reasons: z.string(), institutionName: z.string(), createdAt: z.string(), status: z.string() });

const history = z.object({
  levelBefore: level,
  levelAfter: level,
  pilotEnterpriseAt: z.string().nullable(),
  attempts: z.array(attempt),
  pending: z.object({ institution, state: z.string(), stateLabel: textSchema, declaredAt: z.string().nullable() }).nullable(),
  benchmarks: z.array(benchmark),
});

const benchmarkQuery = z.strictObject({
  ...pageQuery,
  kind: z.enum(['workshop', 'smart'], bi('标杆类型应为 workshop（数字化车间）或 smart（智能车间）', 'kind is workshop or smart')).optional(),
});

const benchmarkItem = z.object({
  id: z.string(),
  kind: z.enum(['workshop', 'smart']),
  reasons: z.string(),
  status: z.string(),
  createdAt: z.string(),
  institutionName: z.string(),
  createdByName: z.string(),
  project: z.object({ id: z.string(), title: z.string(), enterpriseName: z.string(), filingNo: z.string().nullable(), townCode: z.string().nullable(), state: z.string(), stateLabel: textSchema }),
});

/** The evaluation module's routes: a project's evaluation history, and the benchmark recommendations (bureau). */
export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  // The platform's conflict rule (EVALUATION_EXCLUDES_DIAGNOSER) as this app was configured.
  setEvaluationExcludesDiagnoser(app.config.evaluationExcludesDiagnoser);

  app.get(
    '/projects/:id/evaluations',
    { config: { cache: cacheRead }, schema: { tags, summary: "A project's effect evaluations: every attempt with its level, conclusion, gaps and disputes, the level before, benchmark recommendations", params: idParams, response: { 200: history } } },
    async (req) => evaluationHistory(app.db, requireActor(req), req.params.id),
  );

  app.get(
    '/benchmark-recommendations',
    { config: { cache: cacheRead }, schema: { tags, summary: 'Benchmark recommendations (数字化车间 / 智能车间) made with evaluation reports, newest first (bureau)', querystring: benchmarkQuery, response: { 200: paged(benchmarkItem) } } },
    async (req) => listBenchmarkRecommendations(app.db, requireOrgType(req, ['bureau']), req.query),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireBureau } from '../../http/guard';
import { dateOrder, dateSchema } from '../../http/dates';
import { bi } from '../../http/validation';
import { moneyOverview, stageTimes, evaluatedProjects, upliftGroups, UPLIFT_DIMENSIONS } from './service';
import { performanceSummary, performanceWorkbook } from './report';

const tags = ['dashboards'];
const text = z.object({ zh: z.string(), en: z.string() });
const BUREAU = ['admin', 'reviewer', 'finance'] as const;

const pool = z.object({
  id: z.string(),
  year: z.number().int(),
  fundSource: z.string(),
  name: z.string(),
  totalFen: z.number().int(),
  committedFen: z.number().int(),
  paidFen: z.number().int(),
  remainingFen: z.number().int(),
  byLine: z.array(z.object({ line: z.string(), committedFen: z.number().int(), paidFen: z.number().int(), releasedFen: z.number().int() })),
});
const stageTime = z.object({
  state: z.string(),
  stage: z.number().int(),
  label: text,
  completed: z.number().int(),
  meanDays: z.number().nullable(),
  medianDays: z.number().nullable(),
  waiting: z.number().int(),
  waitingMeanDays: z.number().nullable(),
});
const upliftGroup = z.object({
  key: z.string(),
  filter: z.record(z.string(), z.string()),
  name: z.string().nullable(),
  projects: z.number().int(),
  meanBefore: z.number().nullable(),
  meanAfter: z.number(),
  meanUplift: z.number().nullable(),
  atLeastLevel2: z.number().int(),
});
const periodQuery = z
  .strictObject({ from: dateSchema, to: dateSchema })
  .superRefine(dateOrder('from', 'to'))
  .refine((q) => Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) <= 10, bi('统计期间不超过十年', 'The period is at most ten years'));
const summary = z.object({
  from: z.string(),
  to: z.string(),
  filed: z.number().int(),
  transformed: z.number().int(),
  atLeastLevel2: z.number().int(),
  level2Target: z.number().int(),
  enterprises: z.number().int(),
  aboveScale: z.number().int(),
  spts: z.object({ innovative: z.number().int(), specialized: z.number().int(), littleGiant: z.number().int() }),
  sptsShareBp: z.number().int(),
  money: z.array(z.object({ fundSource: z.string(), totalFen: z.number().int(), committedFen: z.number().int(), paidFen: z.number().int(), enterpriseShareBp: z.number().int().nullable() })),
  uplift: z.object({ industry: z.array(upliftGroup), town: z.array(upliftGroup), provider: z.array(upliftGroup) }),
  evaluated: z.number().int(),
  meanBefore: z.number().nullable(),
  meanAfter: z.number().nullable(),
});

/** The bureau's dashboards: money per pool, time per state, level uplift, and the pilot performance report. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dashboards/money',
    { schema: { tags, summary: 'Budget pools with committed, paid and remaining money, per line (bureau)', querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }), response: { 200: z.array(pool) } } },
    async (req) => {
      requireBureau(req, BUREAU);
      return moneyOverview(app.db, req.query.year);
    },
  );
  app.get('/dashboards/stage-times', { schema: { tags, summary: 'Time spent per lifecycle state: ended stays and those waiting now (bureau)', response: { 200: z.array(stageTime) } } }, async (req) => {
    requireBureau(req, BUREAU);
    return stageTimes(app.db);
  });
  app.get(
    '/dashboards/uplift',
    {
      schema: {
        tags,
        summary: 'Level before vs after per industry, town or provider (bureau)',
        querystring: z.strictObject({ by: z.enum(UPLIFT_DIMENSIONS, bi('分组方式应为 industry、town 或 provider', 'Group by industry, town or provider')).default('industry') }),
        response: { 200: z.array(upliftGroup) },
      },
    },
    async (req) => {
      requireBureau(req, BUREAU);
      return upliftGroups(await evaluatedProjects(app.db), req.query.by);
    },
  );
  app.get('/dashboards/performance', { schema: { tags, summary: 'The pilot performance figures of a period (bureau)', querystring: periodQuery, response: { 200: summary } } }, async (req) => {
    requireBureau(req, BUREAU);
    return performanceSummary(app.db, req.query);
  });
  app.get('/dashboards/performance.xlsx', { schema: { tags, summary: 'The pilot performance report of a period as .xlsx (bureau)', querystring: periodQuery } }, async (req, reply) => {
    requireBureau(req, BUREAU);
    const buffer = await performanceWorkbook(app.db, req.query, req.locale);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="pilot-performance-${req.query.from}-${req.query.to}.xlsx"`)
      .send(buffer);
  });
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireBureau } from '../../http/guard';
import { moneyOverview, stageTimes, evaluatedProjects, upliftGroups } from './service';
import { performanceSummary as summary, periodQuery, pool, stageTime, upliftGroup, upliftQuery } from '../../../contract/dashboards';
import { performanceSummary, performanceWorkbook } from './report';
import { cacheRead } from '../../cache/responses';

const tags = ['dashboards'];
const BUREAU = ['admin', 'reviewer', 'finance'] as const;

/** The bureau's dashboards: money per pool, time per state, level uplift, and the pilot performance report. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dashboards/money',
    { config: { cache: cacheRead }, schema: { tags, summary: 'Budget pools with committed, paid and remaining money, per line (bureau)', querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }), response: { 200: z.array(pool) } } },
    async (req) => {
      requireBureau(req, BUREAU);
      return moneyOverview(app.db, req.query.year);
    },
  );
  app.get('/dashboards/stage-times', { config: { cache: cacheRead }, schema: { tags, summary: 'Time spent per lifecycle state: ended stays and those waiting now (bureau)', response: { 200: z.array(stageTime) } } }, async (req) => {
    requireBureau(req, BUREAU);
    return stageTimes(app.db);
  });
  app.get(
    '/dashboards/uplift',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: 'Level before vs after per industry, town or provider (bureau)',
        querystring: upliftQuery,
        response: { 200: z.array(upliftGroup) },
      },
    },
    async (req) => {
      requireBureau(req, BUREAU);
      return upliftGroups(await evaluatedProjects(app.db), req.query.by);
    },
  );
  app.get('/dashboards/performance', { config: { cache: cacheRead }, schema: { tags, summary: 'The pilot performance figures of a period (bureau)', querystring: periodQuery, response: { 200: summary } } }, async (req) => {
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

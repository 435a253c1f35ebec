/**
 * What anyone may read without signing in: published filings (备案公示) and key figures.
 */
import { and, count, desc, isNotNull, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { projects } from '../../../db/schema';
import { pageQuery, paged } from '../../http/schemas';
import { listFilters, publicFilingsWhere, statsFromCounts } from '../projects/service';
import { cachedPublic } from './cache';
import { cachePublicRead } from '../../cache/responses';
import { pageTotal } from '../../../db/sql';

const tags = ['public'];

const publicFiling = z.object({
  filingNo: z.string(),
  title: z.string(),
  enterpriseName: z.string(),
  townCode: z.string(),
  industryCode: z.string(),
  diagnosisMode: z.string(),
  submittedAt: z.string(),
});

const filingsQuery = z.strictObject({
  ...pageQuery,
  townCode: z.string().max(32).optional(),
  industryCode: z.string().max(8).optional(),
  q: z.string().trim().max(100).optional(),
});

export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/filings',
    {
      config: { cache: cachePublicRead },
      schema: {
        tags,
        summary: '备案公示: published filings, newest first (withdrawn publications and withdrawn or closed projects are not listed)',
        querystring: filingsQuery,
        response: { 200: paged(publicFiling) },
      },
    },
    async (req) => {
      const q = req.query;
      return cachedPublic(`filings:${q.page}:${q.pageSize}:${q.townCode ?? ''}:${q.industryCode ?? ''}:${q.q ?? ''}`, async () => {
        const where = and(publicFilingsWhere(), ...listFilters({ townCode: q.townCode, industryCode: q.industryCode, q: q.q }));
        const rows = await app.db
          .select({
            filingNo: projects.filingNo,
            title: projects.title,
            enterpriseName: projects.enterpriseName,
            townCode: projects.townCode,
            industryCode: projects.industryCode,
            diagnosisMode: projects.diagnosisMode,
            submittedAt: projects.submittedAt,
          })
          .from(projects)
          .where(where)
          .orderBy(desc(projects.submittedAt), desc(projects.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize);
        const total = await pageTotal(q.page, q.pageSize, rows.length, async () => Number((await app.db.select({ n: count() }).from(projects).where(where))[0]?.n ?? 0));
        return {
          items: rows.map((r) => ({ ...r, filingNo: r.filingNo ?? '', submittedAt: r.submittedAt?.toISOString() ?? '' })),
          total,
          page: q.page,
          pageSize: q.pageSize,
        };
      });
    },
  );

  app.get(
    '/public/stats',
    {
      config: { cache: cachePublicRead },
      schema: {
        tags,
        summary: 'Key figures of the pilot for the portal home',
        response: {
          200: z.object({
            filed: z.number().int(),
            completed: z.number().int(),
            withdrawn: z.number().int(),
            closed: z.number().int(),
            pilotEnterprises: z.number().int(),
            byStage: z.array(z.object({ stage: z.number().int(), count: z.number().int() })),
            byTown: z.array(z.object({ townCode: z.string(), count: z.number().int() })),
          }),
        },
      },
    },
    async () =>
      cachedPublic('stats', async () => {
        const [byState, byTown, pilots] = await Promise.all([
          app.db
            .select({ state: projects.state, stage: projects.stage, count: count() })
            .from(projects)
            .where(isNotNull(projects.submittedAt))
            .groupBy(projects.state, projects.stage),
          app.db.select({ townCode: projects.townCode, count: count() }).from(projects).where(publicFilingsWhere()).groupBy(projects.townCode),
          app.db.select({ n: sql<number>`count(distinct ${projects.enterpriseId})` }).from(projects).where(isNotNull(projects.pilotEnterpriseAt)),
        ]);
        // Withdrawn and closed projects are counted apart, never in a stage (stage 8 is 完成).
        const figures = statsFromCounts(byState.map((r) => ({ ...r, count: Number(r.count) })));
        return {
          filed: figures.filed,
          completed: figures.completed,
          withdrawn: figures.withdrawn,
          closed: figures.closed,
          pilotEnterprises: Number(pilots[0]?.n ?? 0),
          byStage: figures.byStage,
          byTown: byTown.map((r) => ({ townCode: r.townCode, count: Number(r.count) })),
        };
      }),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BENCHMARK_EVENTS, BENCHMARK_STATES } from '../../../core/workflow/benchmark-lifecycle';
import { contextOf, requireActor } from '../../http/guard';
import { idParams, pageQuery } from '../../http/schemas';
import { bi } from '../../http/validation';
import { cachedPublic } from '../public/cache';
import { decidePreBatch, grantPreSubsidy, listPreCandidates, listPreGrants, preSuggestion } from './pre';
import { awardPreview, benchmarkDetail, fireBenchmark, listBenchmarks, poolChoices, publicBenchmarks } from './service';
import { cachePublicRead, cacheRead } from '../../cache/responses';

const tags = ['benchmarks'];

const fen = (zh: string, en: string) =>
  z.coerce
    .number(bi(`${zh}须为整数分`, `${en} is a whole number of fen`))
    .int(bi(`${zh}须为整数分`, `${en} is a whole number of fen`))
    .min(0, bi(`${zh}不能为负数`, `${en} cannot be negative`))
    .max(9_000_000_000_000, bi(`${zh}过大`, `${en} is too large`));

const kind = z.enum(['workshop', 'smart'], bi('未知的标杆类型', 'Unknown benchmark kind'));
const year = z.coerce.number().int(bi('年份应为整数', 'The year is a whole number')).min(2000, bi('年份不正确', 'Bad year')).max(2100, bi('年份不正确', 'Bad year'));
const townCode = z.string().trim().max(32, bi('镇街代码不超过32个字符', 'At most 32 characters'));

const listQuery = z.strictObject({
  state: z.enum(BENCHMARK_STATES, bi('未知的状态', 'Unknown state')).optional(),
  kind: kind.optional(),
  townCode: townCode.optional(),
  year: year.optional(),
  ...pageQuery,
});

const publicQuery = z.strictObject({ kind: kind.optional(), townCode: townCode.optional(), year: year.optional(), ...pageQuery });

const eventParams = z.strictObject({ id: z.uuid(), event: z.enum(BENCHMARK_EVENTS, bi('未知的标杆操作', 'Unknown benchmark action')) });

const eventBody = z.strictObject({
  reason: z.string().trim().max(1000, bi('不超过1000字', 'At most 1000 characters')).optional(),
  input: z.record(z.string(), z.unknown()).optional(),
});

const previewQuery = z.strictObject({ awardFen: fen('奖励金额', 'The award') });
const suggestionQuery = z.strictObject({ downPaymentFen: fen('首付款', 'The down-payment') });
const candidatesQuery = z.strictObject({ townCode: townCode.optional(), ...pageQuery });

const grantItem = {
  projectId: z.uuid(bi('项目编号不正确', 'Bad project id')),
  downPaymentFen: fen('首付款', 'The down-payment'),
  approvedFen: fen('审定金额', 'The approved amount'),
};
const poolId = z.uuid(bi('请选择预算池', 'Choose a budget pool'));

const grantBody = z.strictObject({ ...grantItem, poolId });
const batchBody = z.strictObject({
  name: z.string().trim().min(1, bi('请填写批次名称', 'Name the batch')).max(200, bi('不超过200字', 'At most 200 characters')),
  minutesRef: z.string().trim().max(200, bi('不超过200字', 'At most 200 characters')).optional(),
  poolId,
  items: z.array(z.strictObject(grantItem)).min(1, bi('批次至少包含一个项目', 'A batch has at least one project')).max(100, bi('每批不超过100个项目', 'At most 100 projects per batch')),
});

/** The benchmarks module's routes (stages 7–8): benchmark review and award, the public list, pre-subsidies. */
export const benchmarkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/benchmarks', { config: { cache: cacheRead }, schema: { tags, summary: 'Benchmarks (标杆) for the bureau: by state, kind, town and year, newest first, with counts per state', querystring: listQuery } }, async (req) => {
    const q = req.query;
    return listBenchmarks(app.db, requireActor(req), { state: q.state ? [q.state] : undefined, kind: q.kind, townCode: q.townCode, year: q.year, page: q.page, pageSize: q.pageSize });
  });

  app.get('/benchmarks/pools', { config: { cache: cacheRead }, schema: { tags, summary: 'Budget pools to commit an award or a pre-subsidy against, with what is left (bureau)' } }, async (req) => poolChoices(app.db, requireActor(req)));

  app.get('/benchmarks/:id', { config: { cache: cacheRead }, schema: { tags, summary: 'One benchmark: the recommendation and its reasons, the level before and after, project facts, history and actions', params: idParams } }, async (req) =>
    benchmarkDetail(app.db, requireActor(req), req.params.id),
  );

  app.get(
    '/benchmarks/:id/award-preview',
    { config: { cache: cacheRead }, schema: { tags, summary: 'What an award would pay: the policy maximum, previous awards of the enterprise, the difference, in words', params: idParams, querystring: previewQuery } },
    async (req) => awardPreview(app.db, requireActor(req), req.params.id, req.query.awardFen),
  );

  app.post(
    '/benchmarks/:id/events/:event',
    { schema: { tags, summary: 'Designate ({kind, opinion}), decline (reason) or approve the award ({awardFen, poolId})', params: eventParams, body: eventBody } },
    async (req) => {
      const actor = requireActor(req);
      return fireBenchmark(app.db, contextOf(req, actor), req.params.id, req.params.event, { reason: req.body.reason, input: req.body.input });
    },
  );

  app.get('/public/benchmarks', { config: { cache: cachePublicRead }, schema: { tags: ['public'], summary: '标杆车间: designated and awarded benchmarks, published (enterprise, kind, town, industry, year, award)', querystring: publicQuery } }, async (req) => {
    const q = req.query;
    return cachedPublic(`benchmarks:${q.page}:${q.pageSize}:${q.kind ?? ''}:${q.townCode ?? ''}:${q.year ?? ''}`, () => publicBenchmarks(app.db, q));
  });

  app.get('/pre-subsidies/candidates', { config: { cache: cacheRead }, schema: { tags, summary: 'Projects that may get a pre-subsidy (预奖补): contracted, under implementation or evaluation, none granted yet', querystring: candidatesQuery } }, async (req) =>
    listPreCandidates(app.db, requireActor(req), req.query),
  );

  app.get(
    '/pre-subsidies/candidates/:id/suggestion',
    { config: { cache: cacheRead }, schema: { tags, summary: 'The suggested pre-subsidy for the verified down-payment, each step in words', params: idParams, querystring: suggestionQuery } },
    async (req) => preSuggestion(app.db, requireActor(req), req.params.id, req.query.downPaymentFen),
  );

  app.get('/pre-subsidies', { config: { cache: cacheRead }, schema: { tags, summary: 'Pre-subsidies granted (tranches of line pre), newest first', querystring: z.strictObject({ ...pageQuery }) } }, async (req) =>
    listPreGrants(app.db, requireActor(req), req.query),
  );

  app.post('/pre-subsidies', { schema: { tags, summary: 'Approve a pre-subsidy (≤ the suggestion): opens its tranche and commits the pool', body: grantBody } }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.status(201).send(await grantPreSubsidy(app.db, contextOf(req, actor), req.body));
  });

  app.post('/pre-subsidies/batches', { schema: { tags, summary: 'A decision batch of pre-subsidies, each item granted or refused on its own', body: batchBody } }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.status(201).send(await decidePreBatch(app.db, contextOf(req, actor), req.body));
  });
};

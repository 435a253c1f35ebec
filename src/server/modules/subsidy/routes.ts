import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor } from '../../http/guard';
import { idParams, pageQuery } from '../../http/schemas';
import { bi } from '../../http/validation';
import { batchDetail, createBatch, decideBatch, listBatches, updateBatch } from './batches';
import { requireBatchReader, requireBatchWriter, requireReviewReader } from './policy';
import { listReviews, poolOptions, REVIEW_OUTCOMES, REVIEW_SORTS, REVIEW_STEP_IDS, reviewDetail, reviewEvent, reviewsWorkbook } from './service';
import { cacheRead } from '../../cache/responses';

const tags = ['subsidy'];

const filters = {
  step: z.enum(REVIEW_STEP_IDS as [string, ...string[]], bi('未知的审核环节', 'Unknown review step')).optional(),
  outcome: z.enum(REVIEW_OUTCOMES, bi('未知的审核结果', 'Unknown outcome')).optional(),
  status: z.enum(['active', 'concluded', 'all'], bi('未知的范围', 'Unknown status')).optional(),
  town: z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, bi('未知的镇街', 'Unknown town')).optional(),
  keyword: z.string().trim().max(100, bi('关键词不超过100字', 'At most 100 characters')).optional(),
  batch: z.union([z.uuid(), z.literal('none')], bi('批次编号不正确', 'Bad batch id')).optional(),
  sort: z.enum(REVIEW_SORTS, bi('未知的排序', 'Unknown sort')).optional(),
  order: z.enum(['asc', 'desc'], bi('未知的排序方向', 'Unknown order')).optional(),
};

const queueQuery = z.strictObject({ ...filters, ...pageQuery });
const exportQuery = z.strictObject(filters);

const eventParams = z.strictObject({ id: z.uuid(), event: z.enum(['pass', 'return', 'reject', 'cancel'], bi('未知的操作', 'Unknown action')) });
const eventBody = z.strictObject({
  step: z.string().trim().max(40, bi('未知的审核环节', 'Unknown review step')).optional(),
  reason: z.string().trim().max(1000, bi('原因不超过1000字', 'At most 1000 characters')).optional(),
  input: z.record(z.string(), z.unknown()).optional(),
});

const fen = z.number(bi('金额应为整数分', 'Amounts are whole fen')).int(bi('金额应为整数分', 'Amounts are whole fen')).min(1, bi('审定金额须大于零', 'The amount must be positive')).max(100_000_000_000, bi('金额过大', 'The amount is too large'));
const batchItems = z
  .array(z.strictObject({ reviewId: z.uuid(bi('申请编号不正确', 'Bad application id')), approvedFen: fen.optional() }))
  .min(1, bi('请至少选择一项申请', 'Choose at least one application'))
  .max(200, bi('一个批次最多200项', 'At most 200 items per batch'));
const batchName = z.string().trim().min(1, bi('请填写批次名称', 'Name the batch')).max(100, bi('名称不超过100字', 'At most 100 characters'));
const minutesRef = z.string().trim().max(100, bi('会议纪要编号不超过100字', 'At most 100 characters'));
const createBody = z.strictObject({ name: batchName, minutesRef: minutesRef.optional(), poolId: z.uuid(bi('请选择预算池', 'Choose a budget pool')), items: batchItems });
const updateBody = z.strictObject({ name: batchName.optional(), minutesRef: minutesRef.nullable().optional(), poolId: z.uuid(bi('请选择预算池', 'Choose a budget pool')).optional(), items: batchItems.optional() });
const decideBody = z.strictObject({
  officeName: z.string().trim().max(100, bi('不超过100字', 'At most 100 characters')).optional(),
  officeContact: z.string().trim().max(200, bi('不超过200字', 'At most 200 characters')).optional(),
  workingDays: z.number().int(bi('公示期为整数个工作日', 'Whole working days')).min(1, bi('公示期至少1个工作日', 'At least 1 working day')).max(30, bi('公示期最多30个工作日', 'At most 30 working days')).optional(),
});
const batchListQuery = z.strictObject({ status: z.enum(['draft', 'decided'], bi('未知的状态', 'Unknown status')).optional(), ...pageQuery });

/** The subsidy review (镇街初审 → 市工信局审查 → 专家评审 → 局党组审议 → 公示) and its decision batches. */
export const subsidyReviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/subsidy-reviews', { config: { cache: cacheRead }, schema: { tags, summary: 'The review queue: the bureau sees every application, a town office its own town’s', querystring: queueQuery } }, async (req) => {
    const actor = requireActor(req);
    requireReviewReader(actor);
    return listReviews(app.db, actor, req.query);
  });

  app.get('/subsidy-reviews/export.xlsx', { schema: { tags, summary: 'Excel export of the filtered review queue', querystring: exportQuery } }, async (req, reply) => {
    const actor = requireActor(req);
    requireReviewReader(actor);
    const buffer = await reviewsWorkbook(app.db, actor, req.query, req.locale);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="subsidy-reviews-${new Date().toISOString().slice(0, 10)}.xlsx"`)
      .send(buffer);
  });

  app.get('/subsidy-reviews/pools', { config: { cache: cacheRead }, schema: { tags, summary: 'Budget pools a decision may commit against, with what is left' } }, async (req) => {
    requireBatchReader(requireActor(req));
    return poolOptions(app.db);
  });

  app.get('/subsidy-reviews/:id', { config: { cache: cacheRead }, schema: { tags, summary: 'One review: the frozen computation, invoices, payments, materials, history and my actions', params: idParams } }, async (req) =>
    reviewDetail(app.db, requireActor(req), req.params.id),
  );

  app.post('/subsidy-reviews/:id/events/:event', { schema: { tags, summary: 'Pass, return, reject or cancel the review step (a reason where the step asks for one)', params: eventParams, body: eventBody } }, async (req) => {
    const actor = requireActor(req);
    return reviewEvent(app.db, contextOf(req, actor), req.params.id, req.params.event, req.body);
  });

  app.get('/decision-batches', { config: { cache: cacheRead }, schema: { tags, summary: 'Decision batches (局党组审议) of subsidy applications', querystring: batchListQuery } }, async (req) => {
    requireBatchReader(requireActor(req));
    return listBatches(app.db, req.query);
  });

  app.post('/decision-batches', { schema: { tags, summary: 'Create a decision batch from applications awaiting the decision', body: createBody } }, async (req, reply) => {
    const actor = requireActor(req);
    requireBatchWriter(actor);
    return reply.status(201).send(await createBatch(app.db, contextOf(req, actor), req.body));
  });

  app.get('/decision-batches/:id', { config: { cache: cacheRead }, schema: { tags, summary: 'One decision batch with its items and, once decided, each item’s result', params: idParams } }, async (req) => {
    requireBatchReader(requireActor(req));
    return batchDetail(app.db, req.params.id);
  });

  app.patch('/decision-batches/:id', { schema: { tags, summary: 'Edit a draft batch: name, minutes, pool, items and their approved amounts', params: idParams, body: updateBody } }, async (req) => {
    const actor = requireActor(req);
    requireBatchWriter(actor);
    return updateBatch(app.db, contextOf(req, actor), req.params.id, req.body);
  });

  app.post('/decision-batches/:id/decide', { schema: { tags, summary: 'Decide the batch once: one announcement, each item passed on its own (per-item results)', params: idParams, body: decideBody } }, async (req) => {
    const actor = requireActor(req);
    requireBatchWriter(actor);
    return decideBatch(app.db, contextOf(req, actor), req.params.id, req.body);
  });
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor, requireBureau } from '../../http/guard';
import { pageQuery, paged, textSchema } from '../../http/schemas';
import { dateSchema } from '../../http/dates';
import { bi } from '../../http/validation';
import { AppError } from '../../http/errors';
import {
  MEASURE_KINDS,
  PROVIDER_TYPES,
  answerMeasure,
  funnel,
  liftMeasure,
  listClients,
  listProviders,
  myStanding,
  providerProfile,
  takeMeasure,
} from './service';
import { cacheRead } from '../../cache/responses';

const tags = ['providers'];
const flag = (zh: string, en: string) => z.enum(['1', 'true'], bi(zh, en)).optional();

const ratings = z.object({
  count: z.number().int(),
  overall: z.number().nullable(),
  timeliness: z.number().nullable(),
  quality: z.number().nullable(),
  service: z.number().nullable(),
  price: z.number().nullable(),
});
const providerSummary = z.object({
  orgId: z.string(),
  name: z.string(),
  type: z.string(),
  active: z.boolean(),
  ratings,
  openProjects: z.number().int(),
  overdueSteps: z.number().int(),
  activeMeasures: z.number().int(),
  suspended: z.boolean(),
});
const measure = z.object({
  id: z.number().int(),
  kind: z.enum(MEASURE_KINDS),
  kindLabel: textSchema,
  reason: z.string(),
  dueOn: z.string().nullable(),
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  liftedAt: z.string().nullable(),
  liftReason: z.string().nullable(),
  createdAt: z.string(),
  inForce: z.boolean(),
});
const rating = z.object({
  id: z.number().int(),
  projectId: z.string(),
  projectTitle: z.string(),
  enterpriseName: z.string(),
  timeliness: z.number().int(),
  quality: z.number().int(),
  service: z.number().int(),
  price: z.number().int(),
  comment: z.string(),
  createdAt: z.string(),
});
const clientRow = z.object({
  projectId: z.string(),
  title: z.string(),
  filingNo: z.string().nullable(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  townCode: z.string(),
  stage: z.number().int(),
  state: z.string(),
  stateLabel: textSchema,
  waitingOn: z.array(textSchema),
  waitingOnMe: z.boolean(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  isProvider: z.boolean(),
  delegated: z.boolean(),
});
const clientCounts = z.object({ all: z.number().int(), overdue: z.number().int(), waitingOnMe: z.number().int(), byStage: z.array(z.object({ stage: z.number().int(), count: z.number().int() })) });

const orgParams = z.strictObject({ id: z.uuid(bi('服务商编号格式不正确', 'The provider id is malformed')) });
const measureId = z.coerce.number().int(bi('措施编号应为正整数', 'The measure id is a positive integer')).min(1, bi('措施编号应为正整数', 'The measure id is a positive integer')).max(9_000_000_000_000_000);
const reason = z
  .string(bi('请填写原因', 'Give a reason'))
  .trim()
  .min(2, bi('请填写原因（至少2个字）', 'Give a reason (at least 2 characters)'))
  .max(1000, bi('原因不超过1000字', 'At most 1000 characters'));

export const providerRoutes: FastifyPluginAsyncZod = async (app) => {
  // ---- the provider's own views ----
  app.get(
    '/provider/clients',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: 'The provider’s clients: every project it provides for or acts on by authorisation, with who acts next and due dates',
        querystring: z.strictObject({
          ...pageQuery,
          stage: z.coerce.number(bi('环节应为 1–8', 'The stage is 1–8')).int(bi('环节应为 1–8', 'The stage is 1–8')).min(1, bi('环节应为 1–8', 'The stage is 1–8')).max(8, bi('环节应为 1–8', 'The stage is 1–8')).optional(),
          overdue: flag('超期筛选的取值为 1', 'overdue takes the value 1'),
          waitingOnMe: flag('“待我办理”筛选的取值为 1', 'waitingOnMe takes the value 1'),
        }),
        response: { 200: paged(clientRow).extend({ counts: clientCounts }) },
      },
    },
    async (req) => listClients(app.db, requireActor(req), req.query),
  );
  app.get(
    '/provider/standing',
    { config: { cache: cacheRead }, schema: { tags, summary: 'The provider’s ratings and the bureau’s measures against it', response: { 200: z.object({ provider: providerSummary, ratings: z.array(rating), measures: z.array(measure) }) } } },
    async (req) => myStanding(app.db, requireActor(req)),
  );
  app.post(
    '/provider/standing/measures/:id/response',
    {
      schema: {
        tags,
        summary: 'Answer a measure of the bureau (once)',
        params: z.strictObject({ id: measureId }),
        body: z.strictObject({
          response: z.string(bi('请填写答复内容', 'Write your answer')).trim().min(2, bi('请填写答复内容（至少2个字）', 'Write your answer (at least 2 characters)')).max(2000, bi('答复不超过2000字', 'At most 2000 characters')),
        }),
        response: { 200: measure },
      },
    },
    async (req) => answerMeasure(app.db, contextOf(req, requireActor(req)), req.params.id, req.body.response),
  );

  // ---- the bureau's oversight ----
  app.get(
    '/providers',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: 'Leading units and catalog providers with ratings, open projects, overdue steps and measures (bureau)',
        querystring: z.strictObject({
          ...pageQuery,
          type: z.enum(PROVIDER_TYPES, bi('类型应为 leading_unit 或 catalog_provider', 'type is leading_unit or catalog_provider')).optional(),
          q: z.string().trim().max(100).optional(),
          measures: z.enum(['active', 'suspended'], bi('措施筛选应为 active 或 suspended', 'measures is active or suspended')).optional(),
          overdue: flag('超期筛选的取值为 1', 'overdue takes the value 1'),
        }),
        response: { 200: paged(providerSummary) },
      },
    },
    async (req) => {
      requireBureau(req, ['admin', 'reviewer']);
      return listProviders(app.db, req.query);
    },
  );
  app.get(
    '/providers/:id',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: 'One provider: ratings with comments, projects, measures history (bureau)',
        params: orgParams,
        response: {
          200: z.object({
            provider: providerSummary.extend({ contactName: z.string().nullable(), contactMobile: z.string().nullable(), address: z.string().nullable() }),
            ratings: z.array(rating),
            measures: z.array(measure),
            projects: z.array(z.object({ projectId: z.string(), title: z.string(), enterpriseName: z.string(), stage: z.number().int(), state: z.string(), stateLabel: textSchema, dueOn: z.string().nullable(), overdue: z.boolean() })),
          }),
        },
      },
    },
    async (req) => {
      requireBureau(req, ['admin', 'reviewer']);
      return providerProfile(app.db, req.params.id);
    },
  );
  app.post(
    '/providers/:id/measures',
    {
      schema: {
        tags,
        summary: 'Warn a provider, require a correction by a date, or suspend it from new choices (bureau)',
        params: orgParams,
        body: z.strictObject({
          kind: z.enum(MEASURE_KINDS, bi('请选择措施：警告、限期整改或暂停被选择', 'Choose the measure: warning, correction or suspension')),
          reason,
          dueOn: dateSchema.optional(),
        }),
        response: { 201: measure },
      },
    },
    async (req, reply) => {
      const actor = requireBureau(req, ['admin', 'reviewer']);
      return reply.status(201).send(await takeMeasure(app.db, contextOf(req, actor), req.params.id, req.body));
    },
  );
  app.post(
    '/providers/:id/measures/:measureId/lift',
    {
      schema: { tags, summary: 'Lift a measure in force (bureau)', params: z.strictObject({ id: orgParams.shape.id, measureId }), body: z.strictObject({ reason }), response: { 200: measure } },
    },
    async (req) => {
      const actor = requireBureau(req, ['admin', 'reviewer']);
      return liftMeasure(app.db, contextOf(req, actor), req.params.id, req.params.measureId, req.body.reason);
    },
  );

  // ---- the funnel ----
  app.get(
    '/projects/funnel',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: 'Filed running and completed projects by town and stage (bureau, town offices)',
        response: { 200: z.object({ cells: z.array(z.object({ townCode: z.string(), stage: z.number().int(), count: z.number().int() })) }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (actor.orgType === 'bureau' && actor.bureauRole === null) throw new AppError('FORBIDDEN_ROLE');
      return funnel(app.db, actor);
    },
  );
};

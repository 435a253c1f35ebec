import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor } from '../../http/guard';
import { dateSchema } from '../../http/dates';
import { idParams, okSchema, textSchema } from '../../http/schemas';
import { bi } from '../../http/validation';
import { addNote, createSession, implementationSummary, listNotes, listSessions, removeSession, setAcceptance, updateSession } from './service';
import { cacheRead } from '../../cache/responses';

const tags = ['implementation'];

const text = (max: number, zh: string, en: string) =>
  z
    .string(bi(`请填写${zh}`, `Enter ${en}`))
    .trim()
    .min(1, bi(`请填写${zh}`, `Enter ${en}`))
    .max(max, bi(`${zh}最多 ${max} 个字`, `${en} is at most ${max} characters`));

const sessionFields = {
  heldOn: dateSchema,
  topic: text(100, '培训主题', 'the topic'),
  trainer: text(50, '培训讲师', 'the trainer'),
  trainees: z
    .number(bi('培训人数应为整数', 'The number of trainees is a whole number'))
    .int(bi('培训人数应为整数', 'The number of trainees is a whole number'))
    .min(1, bi('培训人数至少为 1 人', 'At least one trainee'))
    .max(100_000, bi('培训人数不能超过 100000 人', 'At most 100000 trainees')),
  traineeNames: z.string(bi('参训人员应为文字', 'Trainee names are text')).trim().max(2000, bi('参训人员名单最多 2000 个字', 'The trainee list is at most 2000 characters')),
};

const sessionBody = z.strictObject({ ...sessionFields, traineeNames: sessionFields.traineeNames.optional() });
const sessionPatch = z
  .strictObject({
    heldOn: sessionFields.heldOn.optional(),
    topic: sessionFields.topic.optional(),
    trainer: sessionFields.trainer.optional(),
    trainees: sessionFields.trainees.optional(),
    traineeNames: sessionFields.traineeNames.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, bi('请至少修改一项', 'Change at least one field'));

const sessionParams = z.strictObject({ id: z.uuid(), sessionId: z.uuid(bi('培训场次编号不正确', 'Malformed training session id')) });

const sessionFile = z.object({
  id: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  kind: z.string(),
  uploadedAt: z.string(),
  uploaderName: z.string(),
  uploaderOrgName: z.string(),
  mine: z.boolean(),
  canRemove: z.boolean(),
});

const session = z.object({
  id: z.string(),
  heldOn: z.string(),
  topic: z.string(),
  trainer: z.string(),
  trainees: z.number().int(),
  traineeNames: z.string(),
  createdAt: z.string(),
  createdByName: z.string(),
  createdByOrgName: z.string(),
  onBehalfOfOrgName: z.string().nullable(),
  /** The sign-in sheets and photos (slot implementation.trainingRecords, item = this session). */
  files: z.array(sessionFile),
});

const note = z.object({ id: z.string(), body: z.string(), createdAt: z.string(), authorName: z.string(), authorOrgName: z.string(), onBehalfOfOrgName: z.string().nullable() });

const noteBody = z.strictObject({
  body: z
    .string(bi('请填写实施进展', 'Enter the progress note'))
    .trim()
    .min(1, bi('请填写实施进展', 'Enter the progress note'))
    .max(2000, bi('实施进展最多 2000 个字', 'A progress note is at most 2000 characters')),
});

const acceptanceBody = z.strictObject({ acceptedOn: dateSchema });

const summary = z.object({
  projectId: z.string(),
  state: z.string(),
  canWrite: z.boolean(),
  canSetAcceptance: z.boolean(),
  readOnlyReason: textSchema.nullable(),
  acceptedOn: z.string().nullable(),
  earliestOn: z.string().nullable(),
  earliestBasis: z.enum(['contract', 'filing']),
  firstTrainingOn: z.string().nullable(),
  today: z.string(),
  sessions: z.number().int(),
  sessionsWithFiles: z.number().int(),
  acceptanceReportPresent: z.boolean(),
  missing: z.array(textSchema),
});

/** 改造实施: training sessions (with their files), progress notes and the internal acceptance date. */
export const implementationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:id/implementation',
    { config: { cache: cacheRead }, schema: { tags, summary: "The project's implementation record at a glance: who may write, the acceptance date, date bounds, and what is missing before completion", params: idParams, response: { 200: summary } } },
    async (req) => implementationSummary(app.db, requireActor(req), req.params.id),
  );

  app.get(
    '/projects/:id/training-sessions',
    { config: { cache: cacheRead }, schema: { tags, summary: 'Training sessions, earliest first, each with its sign-in sheets and photos', params: idParams, response: { 200: z.array(session) } } },
    async (req) => listSessions(app.db, requireActor(req), req.params.id),
  );

  app.post(
    '/projects/:id/training-sessions',
    {
      schema: {
        tags,
        summary: 'Record a training session (enterprise, its provider, or an authorised leading unit, while implementing); upload its files into implementation.trainingRecords with ?itemId=<session id>',
        params: idParams,
        body: sessionBody,
        response: { 201: session },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const view = await createSession(app.db, contextOf(req, actor), req.params.id, req.body);
      return reply.status(201).send(view);
    },
  );

  app.patch(
    '/projects/:id/training-sessions/:sessionId',
    { schema: { tags, summary: 'Change a training session', params: sessionParams, body: sessionPatch, response: { 200: session } } },
    async (req) => {
      const actor = requireActor(req);
      return updateSession(app.db, contextOf(req, actor), req.params.id, req.params.sessionId, req.body);
    },
  );

  app.delete(
    '/projects/:id/training-sessions/:sessionId',
    { schema: { tags, summary: 'Remove a training session (kept in the history; its files no longer count)', params: sessionParams, response: { 200: okSchema } } },
    async (req) => {
      const actor = requireActor(req);
      return removeSession(app.db, contextOf(req, actor), req.params.id, req.params.sessionId);
    },
  );

  app.get(
    '/projects/:id/progress-notes',
    { config: { cache: cacheRead }, schema: { tags, summary: 'Progress notes, newest first', params: idParams, response: { 200: z.array(note) } } },
    async (req) => listNotes(app.db, requireActor(req), req.params.id),
  );

  app.post(
    '/projects/:id/progress-notes',
    { schema: { tags, summary: 'Add a progress note (1–2000 characters)', params: idParams, body: noteBody, response: { 201: note } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const view = await addNote(app.db, contextOf(req, actor), req.params.id, req.body.body);
      return reply.status(201).send(view);
    },
  );

  app.put(
    '/projects/:id/acceptance',
    {
      schema: {
        tags,
        summary: 'Set the internal acceptance date (not before the contract signing / the first training, not in the future); the report file is the slot implementation.acceptanceReport',
        params: idParams,
        body: acceptanceBody,
        response: { 200: z.object({ acceptedOn: z.string() }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return setAcceptance(app.db, contextOf(req, actor), req.params.id, req.body.acceptedOn);
    },
  );
};

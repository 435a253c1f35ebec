import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, requireBureau, requireOrgType } from '../../http/guard';
import { paged } from '../../http/schemas';
import { contentDisposition } from '../../files';
import { assignBody, assignmentParams, bureauView, declarationBody, draftBody, expertAccount, expertsQuery, materialParams, reviewParams, submitBody, taskRow, taskView, tasksQuery, withdrawBody } from './schemas';
import { assignExperts, declare, listExperts, materialForExpert, myAssignment, myAssignments, reviewExperts, saveDraft, submitReview, withdrawExpert } from './service';
import { cacheRead } from '../../cache/responses';

const tags = ['experts'];
const STAFF = ['admin', 'reviewer'] as const;

/** 专家评审: the bureau assigns review experts; each expert declares, scores against the rubric and recommends an amount. */
export const expertRoutes: FastifyPluginAsyncZod = async (app) => {
  // ---- the bureau
  app.get('/experts', { config: { cache: cacheRead }, schema: { tags, summary: 'Active review expert accounts (bureau), by name; `q` filters name or organisation', querystring: expertsQuery, response: { 200: paged(expertAccount) } } }, async (req) => {
    requireBureau(req, STAFF);
    return listExperts(app.db, req.query);
  });

  app.get(
    '/subsidy-reviews/:id/experts',
    { config: { cache: cacheRead }, schema: { tags, summary: "Each assigned expert's status, submitted scores and recommendation, and the statistics (mean, spread, outliers)", params: reviewParams, response: { 200: bureauView } } },
    async (req) => reviewExperts(app.db, requireBureau(req, STAFF), req.params.id, req.locale),
  );

  app.post(
    '/subsidy-reviews/:id/experts',
    {
      schema: {
        tags,
        summary: 'Assign review experts to an application in the expert step (409 STAGE_NOT_ALLOWED otherwise); each is notified',
        params: reviewParams,
        body: assignBody,
        response: { 200: bureauView },
      },
    },
    async (req) => assignExperts(app.db, contextOf(req, requireBureau(req, STAFF)), req.params.id, req.body.userIds),
  );

  app.post(
    '/subsidy-reviews/:id/experts/:assignmentId/withdraw',
    { schema: { tags, summary: 'Withdraw an assignment with the reason (the record stays)', params: assignmentParams, body: withdrawBody, response: { 200: bureauView } } },
    async (req) => withdrawExpert(app.db, contextOf(req, requireBureau(req, STAFF)), req.params.id, req.params.assignmentId, req.body.reason),
  );

  // ---- the expert
  app.get('/expert-reviews', { config: { cache: cacheRead }, schema: { tags, summary: "The caller's own review tasks, what is still to do first, with the due date", querystring: tasksQuery, response: { 200: paged(taskRow) } } }, async (req) =>
    myAssignments(app.db, requireOrgType(req, ['expert']), req.query),
  );

  app.get(
    '/expert-reviews/:id',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: 'One own review task: during the expert step the case (after the declaration); afterwards only the own submitted review',
        description: 'Anything else: 404 EXPERT_NOT_ASSIGNED.',
        params: reviewParams,
        response: { 200: taskView },
      },
    },
    async (req) => myAssignment(app.db, requireOrgType(req, ['expert']), req.params.id, req.locale),
  );

  app.post(
    '/expert-reviews/:id/declaration',
    { schema: { tags, summary: 'Declare no conflict of interest (`noConflict: true`) or recuse with the reason; once', params: reviewParams, body: declarationBody, response: { 200: taskView } } },
    async (req) => declare(app.db, contextOf(req, requireOrgType(req, ['expert'])), req.params.id, req.body),
  );

  app.put(
    '/expert-reviews/:id/review',
    { schema: { tags, summary: 'Save a draft of the scores, recommendation and opinion (after the declaration, before submission)', params: reviewParams, body: draftBody, response: { 200: taskView } } },
    async (req) => saveDraft(app.db, contextOf(req, requireOrgType(req, ['expert'])), req.params.id, req.body),
  );

  app.post(
    '/expert-reviews/:id/review',
    {
      schema: {
        tags,
        summary: 'Submit the review once: every rubric item scored, a recommendation ≤ the suggestion, an opinion',
        description: '422 CONFLICT_DECLARATION_REQUIRED before the declaration; 409 ALREADY_SUBMITTED on a second submission; 400 with the item for a bad score; 422 AMOUNT_ABOVE_SUGGESTION.',
        params: reviewParams,
        body: submitBody,
        response: { 200: taskView },
      },
    },
    async (req) => submitReview(app.db, contextOf(req, requireOrgType(req, ['expert'])), req.params.id, req.body),
  );

  app.get(
    '/expert-reviews/:id/materials/:materialId/download',
    { schema: { tags, summary: 'A material of the assigned application (during the expert step, after the declaration)', params: materialParams } },
    async (req, reply) => {
      const d = await materialForExpert(app.db, requireOrgType(req, ['expert']), req.params.id, req.params.materialId);
      const stream = await app.files.get(d.sha256);
      return reply
        .header('content-disposition', contentDisposition(d.fileName, 'attachment'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-length', String(d.size))
        .type(d.mime)
        .send(stream);
    },
  );
};

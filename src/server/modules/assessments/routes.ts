import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor } from '../../http/guard';
import { idParams } from '../../http/schemas';
import { getCatalog, isCatalogVersion, listCatalogVersions, LATEST_CATALOG_VERSION } from '../../../core/assessment';
import { AppError } from '../../http/errors';
import { renderReportPdf } from '../reports/pdf';
import { assessmentDetail, assessmentSummary, createAssessmentBody, saveAnswersBody, submitBody } from './schemas';
import { getAssessment, listProjectAssessments, saveAnswers, startAssessment, submitAssessment } from './service';
import { buildReportModel } from './report';
import { cacheRead } from '../../cache/responses';

const tags = ['assessments'];

export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/assessment-catalogs',
    { config: { cache: cacheRead }, schema: { tags, summary: 'Versions of the national assessment indicators', response: { 200: z.object({ versions: z.array(z.string()), latest: z.string() }) } } },
    async () => ({ versions: listCatalogVersions(), latest: LATEST_CATALOG_VERSION }),
  );

  app.get(
    '/assessment-catalogs/:version',
    { schema: { tags, summary: 'One version of the indicators: dimensions, questions, options, scenes, level rules', params: z.strictObject({ version: z.string().max(16) }) } },
    async (req, reply) => {
      if (!isCatalogVersion(req.params.version)) throw new AppError('NOT_FOUND');
      void reply.header('cache-control', 'public, max-age=3600');
      return getCatalog(req.params.version);
    },
  );

  app.get('/projects/:id/assessments', { config: { cache: cacheRead }, schema: { tags, summary: "A project's assessments the caller may see", params: idParams, response: { 200: z.array(assessmentSummary) } } }, async (req) =>
    listProjectAssessments(app.db, requireActor(req), req.params.id),
  );

  app.post(
    '/projects/:id/assessments',
    { schema: { tags, summary: 'Start an assessment draft of a mode (or get the open one)', params: idParams, body: createAssessmentBody, response: { 200: assessmentDetail, 201: assessmentDetail } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const { created, detail } = await startAssessment(app.db, contextOf(req, actor), req.params.id, req.body.mode);
      return reply.status(created ? 201 : 200).send(detail);
    },
  );

  app.get('/assessments/:id', { config: { cache: cacheRead }, schema: { tags, summary: 'An assessment with its live score, problems and the caller\'s abilities', params: idParams, response: { 200: assessmentDetail } } }, async (req) =>
    getAssessment(app.db, requireActor(req), req.params.id),
  );

  app.put(
    '/assessments/:id/answers',
    { schema: { tags, summary: 'Autosave the draft answers (problems come back, the draft is kept)', params: idParams, body: saveAnswersBody, response: { 200: assessmentDetail } } },
    async (req) => {
      const actor = requireActor(req);
      return saveAnswers(app.db, contextOf(req, actor), req.params.id, req.body.answers, req.body.revision);
    },
  );

  app.post(
    '/assessments/:id/submit',
    { schema: { tags, summary: 'Submit with the truthfulness pledge; complete and consistent answers only', params: idParams, body: submitBody, response: { 200: assessmentDetail } } },
    async (req) => {
      const actor = requireActor(req);
      return submitAssessment(app.db, contextOf(req, actor), req.params.id, req.body.pledge, req.body.revision);
    },
  );

  app.get('/assessments/:id/report', { config: { cache: cacheRead }, schema: { tags, summary: 'The report as data (HTML view)', params: idParams } }, async (req) =>
    buildReportModel(app.db, requireActor(req), req.params.id, req.locale),
  );

  app.get('/assessments/:id/report.pdf', { schema: { tags, summary: 'The report as PDF', params: idParams } }, async (req, reply) => {
    const model = await buildReportModel(app.db, requireActor(req), req.params.id, req.locale);
    const pdf = await renderReportPdf(model, { locale: req.locale });
    const name = `${model.kind === 'evaluation' ? 'evaluation' : 'diagnosis'}-report-${model.project.filingNo ?? model.project.id}.pdf`;
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(pdf);
  });
};

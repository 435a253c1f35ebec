import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor, requireBureau } from '../../http/guard';
import { idParams, paged } from '../../http/schemas';
import { createProjectBody, exportQuery, listQuery, projectDetail, projectStatsSchema, reportItem, revisionItem, statsQuery, projectSummary, reasonBody, timelineItem, transitionBody, updateProjectBody } from './schemas';
import { createProject, getProject, listProjects, projectReports, projectRevisionsOf, projectStats, projectTimeline, transitionProject, updateProject, withdrawPublication } from './service';
import { projectsWorkbook } from './export';
import { cacheRead } from '../../cache/responses';

const tags = ['projects'];

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects', { config: { cache: cacheRead }, schema: { tags, summary: 'Projects the caller may see, filtered and paginated', querystring: listQuery, response: { 200: paged(projectSummary) } } }, async (req) =>
    listProjects(app.db, requireActor(req), req.query),
  );

  app.get(
    '/projects/stats',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: 'Key figures of the filed projects the caller may see (staff dashboards): by stage, completed, withdrawn, closed',
        querystring: statsQuery,
        response: { 200: projectStatsSchema },
      },
    },
    async (req) => projectStats(app.db, requireActor(req), req.query),
  );

  app.get(
    '/projects/export.xlsx',
    { schema: { tags, summary: 'Excel export of the filtered projects (bureau and town offices)', querystring: exportQuery } },
    async (req, reply) => {
      const actor = requireActor(req);
      if (actor.orgType !== 'bureau' && actor.orgType !== 'town') requireBureau(req, ['admin', 'reviewer', 'finance']);
      const buffer = await projectsWorkbook(app.db, actor, req.query, req.locale);
      const name = `filings-${new Date().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(buffer);
    },
  );

  app.post('/projects', { config: { idempotentCreate: true }, schema: { tags, summary: 'Create a filing draft (enterprise)', body: createProjectBody, response: { 201: projectDetail } } }, async (req, reply) => {
    const actor = requireActor(req);
    const detail = await createProject(app.db, contextOf(req, actor), req.body);
    return reply.status(201).send(detail);
  });

  app.get('/projects/:id', { config: { cache: cacheRead }, schema: { tags, summary: 'A project with the caller\'s abilities and available actions', params: idParams, response: { 200: projectDetail } } }, async (req) =>
    getProject(app.db, requireActor(req), req.params.id),
  );

  app.patch(
    '/projects/:id',
    { schema: { tags, summary: 'Edit a draft or returned filing (optimistic concurrency by revision)', params: idParams, body: updateProjectBody, response: { 200: projectDetail } } },
    async (req) => {
      const actor = requireActor(req);
      return updateProject(app.db, contextOf(req, actor), req.params.id, req.body);
    },
  );

  app.post(
    '/projects/:id/transitions',
    { schema: { tags, summary: 'Move the project along its lifecycle (submit, return, …)', params: idParams, body: transitionBody, response: { 200: projectDetail } } },
    async (req) => {
      const actor = requireActor(req);
      return transitionProject(app.db, contextOf(req, actor), req.params.id, req.body);
    },
  );

  app.post(
    '/projects/:id/withdraw-publication',
    { schema: { tags, summary: 'Withdraw a filing from the public list, with a reason (bureau)', params: idParams, body: reasonBody, response: { 200: projectDetail } } },
    async (req) => {
      const actor = requireBureau(req, ['admin', 'reviewer']);
      return withdrawPublication(app.db, contextOf(req, actor), req.params.id, req.body.reason);
    },
  );

  app.get('/projects/:id/timeline', { config: { cache: cacheRead }, schema: { tags, summary: 'The project\'s audit timeline', params: idParams, response: { 200: z.array(timelineItem) } } }, async (req) =>
    projectTimeline(app.db, requireActor(req), req.params.id),
  );

  app.get('/projects/:id/reports', { config: { cache: cacheRead }, schema: { tags, summary: "The project's institution reports, every version, with their structured summaries", params: idParams, response: { 200: z.array(reportItem) } } }, async (req) =>
    projectReports(app.db, requireActor(req), req.params.id),
  );

  app.get('/projects/:id/revisions', { config: { cache: cacheRead }, schema: { tags, summary: "The filing's revisions, each with its differences from the one before (bureau and town)", params: idParams, response: { 200: z.array(revisionItem) } } }, async (req) =>
    projectRevisionsOf(app.db, requireActor(req), req.params.id),
  );
};

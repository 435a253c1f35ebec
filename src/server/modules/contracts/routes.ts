import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor } from '../../http/guard';
import { idParams, paged } from '../../http/schemas';
import { archiveExportQuery, archiveQuery, archiveRow, contractBody, contractView, measuredBody, revisionView, targetsBody, targetsView } from './schemas';
import { getContract, getTargets, listRevisions, saveContract, saveMeasured, saveTargets } from './service';
import { archivePage, archiveWorkbook } from './archive';
import { cacheRead } from '../../cache/responses';

const tags = ['contracts'];

/** 项目签约 (the contract and its revisions), 一企一档 (targets, measured values) and the enterprise archive. */
export const contractRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects/:id/contract', { config: { cache: cacheRead }, schema: { tags, summary: "The project's contract as entered, what submission still needs, and whether the caller may edit it", params: idParams, response: { 200: contractView } } }, async (req) =>
    getContract(app.db, requireActor(req), req.params.id),
  );

  app.put(
    '/projects/:id/contract',
    {
      schema: {
        tags,
        summary: 'Save the contract draft (enterprise or authorised leading unit, while contracting); fields not sent stay',
        description: 'Formats are checked (400); completeness only on submitContract. A provider party other than the stage-3 choice: 422 CONTRACT_PROVIDER_MISMATCH.',
        params: idParams,
        body: contractBody,
        response: { 200: contractView },
      },
    },
    async (req) => saveContract(app.db, contextOf(req, requireActor(req)), req.params.id, req.body),
  );

  app.get('/projects/:id/contract/revisions', { config: { cache: cacheRead }, schema: { tags, summary: 'Every submitted revision of the contract, with the fields changed since the previous one', params: idParams, response: { 200: z.array(revisionView) } } }, async (req) =>
    listRevisions(app.db, requireActor(req), req.params.id),
  );

  app.get('/projects/:id/targets', { config: { cache: cacheRead }, schema: { tags, summary: "The project's targets (一企一档): before, target, measured; the figures offered", params: idParams, response: { 200: targetsView } } }, async (req) =>
    getTargets(app.db, requireActor(req), req.params.id, req.locale),
  );

  app.put('/projects/:id/targets', { schema: { tags, summary: 'Set the targets with their values before and aimed at (while contracting)', params: idParams, body: targetsBody, response: { 200: targetsView } } }, async (req) =>
    saveTargets(app.db, contextOf(req, requireActor(req)), req.params.id, req.body),
  );

  app.put(
    '/projects/:id/targets/measured',
    { schema: { tags, summary: 'Record the measured values after transformation (the assigned comprehensive institution, during the evaluation)', params: idParams, body: measuredBody, response: { 200: targetsView } } },
    async (req) => saveMeasured(app.db, contextOf(req, requireActor(req)), req.params.id, req.body),
  );

  app.get('/archive', { config: { cache: cacheRead }, schema: { tags, summary: '一企一档: levels, scores and targets per project (the enterprise its own, the bureau all, filtered and paginated)', querystring: archiveQuery, response: { 200: paged(archiveRow) } } }, async (req) =>
    archivePage(app.db, requireActor(req), req.query, req.locale),
  );

  app.get('/archive/export.xlsx', { schema: { tags, summary: 'Excel export of the enterprise archive (bureau)', querystring: archiveExportQuery } }, async (req, reply) => {
    const buffer = await archiveWorkbook(app.db, requireActor(req), req.query, req.locale);
    const name = `archive-${new Date().toISOString().slice(0, 10)}.xlsx`;
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(buffer);
  });
};

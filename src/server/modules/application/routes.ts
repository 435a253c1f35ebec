import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, requireActor } from '../../http/guard';
import { idParams } from '../../http/schemas';
import { applicationBody, applicationView, profileBody, profileView } from './schemas';
import { getApplication, getProfile, saveApplication, saveProfile } from './service';
import { cacheRead } from '../../cache/responses';

const tags = ['application'];

/** 完工奖补申请 (stage 7): the application draft, its preview and checklist; the enterprise profile (规上, 专精特新). */
export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:id/subsidy-application',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: "The project's current subsidy-application round: invoices, payments, declarations, checklist, the computation, the policy in force, the caller's abilities and what still stands in the way",
        description: 'The enterprise (or its authorised leading unit) opening a project in evaluationPassed or subsidyReturned gets its draft created (round n + 1 after a return, prefilled). No policy in force: `policy` null and `policyMessage` says so.',
        params: idParams,
        response: { 200: applicationView },
      },
    },
    async (req) => getApplication(app.db, requireActor(req), req.params.id),
  );

  app.put(
    '/projects/:id/subsidy-application',
    {
      schema: {
        tags,
        summary: 'Save the draft (enterprise or authorised leading unit, while the project may apply); lists sent replace the stored ones, parts not sent stay',
        description: 'Amounts in integer fen, dates real days not in the future; invoice numbers unique within the application. Submission is the project action applySubsidy (POST /projects/:id/transitions).',
        params: idParams,
        body: applicationBody,
        response: { 200: applicationView },
      },
    },
    async (req) => saveApplication(app.db, contextOf(req, requireActor(req)), req.params.id, req.body),
  );

  app.get('/enterprise/profile', { config: { cache: cacheRead }, schema: { tags, summary: "The caller's enterprise profile: 规上 status and 专精特新 grade with its year (the enterprise's own accounts)", response: { 200: profileView } } }, async (req) =>
    getProfile(app.db, requireActor(req)),
  );

  app.patch(
    '/enterprise/profile',
    { schema: { tags, summary: 'Set 规上 status and the 专精特新 grade with the year recognised (the enterprise\'s own accounts, not a delegate); audited', body: profileBody, response: { 200: profileView } } },
    async (req) => saveProfile(app.db, contextOf(req, requireActor(req)), req.body),
  );
};

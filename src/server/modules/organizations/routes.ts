import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, requireBureau } from '../../http/guard';
import { paged } from '../../http/schemas';
import { createOrgBody, orgListQuery, orgSummary } from './schemas';
import { createOrganization, listOrganizations } from './service';

const tags = ['organizations'];

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/admin/organizations', { schema: { tags, summary: 'Organisations (bureau)', querystring: orgListQuery, response: { 200: paged(orgSummary) } } }, async (req) => {
    requireBureau(req, ['admin', 'reviewer', 'finance']);
    return listOrganizations(app.db, req.query);
  });
  app.post(
    '/admin/organizations',
    { schema: { tags, summary: 'Create an institution, provider, town office, bureau or expert organisation with its first member (bureau admin)', body: createOrgBody, response: { 201: orgSummary } } },
    async (req, reply) => {
      const actor = requireBureau(req, ['admin']);
      const org = await createOrganization(app.db, contextOf(req, actor), req.body);
      return reply.status(201).send(org);
    },
  );
};

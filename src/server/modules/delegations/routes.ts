import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor, requireOrgType } from '../../http/guard';
import { idParams } from '../../http/schemas';
import { bi } from '../../http/validation';
import { grantDelegation, listDelegations, listLeadingUnits, revokeDelegation } from './service';
import { cacheRead } from '../../cache/responses';

const tags = ['delegations'];
const delegation = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  agentOrgId: z.string(),
  agentName: z.string(),
  grantedAt: z.string(),
  grantedByName: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const delegationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/delegations', { config: { cache: cacheRead }, schema: { tags, summary: 'Authorisations given (enterprise) or held (leading unit)', response: { 200: z.array(delegation) } } }, async (req) =>
    listDelegations(app.db, requireActor(req)),
  );
  app.post(
    '/delegations',
    { schema: { tags, summary: 'Authorise a leading unit to act for the enterprise', body: z.strictObject({ agentOrgId: z.uuid(bi('请选择牵引单位', 'Choose a leading unit')) }), response: { 201: delegation } } },
    async (req, reply) => {
      const actor = requireOrgType(req, ['enterprise']);
      return reply.status(201).send(await grantDelegation(app.db, contextOf(req, actor), req.body.agentOrgId));
    },
  );
  app.post('/delegations/:id/revoke', { schema: { tags, summary: 'Revoke an authorisation', params: idParams, response: { 200: delegation } } }, async (req) => {
    const actor = requireOrgType(req, ['enterprise']);
    return revokeDelegation(app.db, contextOf(req, actor), req.params.id);
  });
  app.get(
    '/leading-units',
    { config: { cache: cacheRead }, schema: { tags, summary: 'Certified leading units / industry providers', response: { 200: z.array(z.object({ id: z.string(), name: z.string(), nameEn: z.string().nullable(), suggested: z.boolean() })) } } },
    async (req) => listLeadingUnits(app.db, requireActor(req)),
  );
};

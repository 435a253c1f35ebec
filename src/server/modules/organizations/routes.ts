import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireBureau } from '../../http/guard';
import { idParams, paged } from '../../http/schemas';
import {
  addMemberBody,
  careReasonBody,
  createOrgBody,
  memberIdParams,
  memberSchema,
  orgDetail,
  orgListQuery,
  orgSummary,
  orgTimelineItem,
  temporaryPasswordResponse,
  updateOrgBody,
} from './schemas';
import { createOrganization, listOrganizations } from './service';
import { addMember, organizationDetail, organizationTimeline, resetMemberPassword, setMemberActive, setOrganizationActive, unlockMember, updateOrganization } from './care';

const tags = ['organizations'];
const careTags = ['account care'];

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/admin/organizations', { schema: { tags, summary: 'Organisations (bureau)', querystring: orgListQuery, response: { 200: paged(orgSummary) } } }, async (req) => {
    requireBureau(req, ['admin', 'reviewer', 'finance']);
    return listOrganizations(app.db, req.query);
  });
  app.post(
    '/admin/organizations',
    {
      config: { idempotentCreate: true },
      schema: { tags, summary: 'Create an institution, provider, town office, bureau or expert organisation with its first member (bureau admin)', body: createOrgBody, response: { 201: orgSummary } },
    },
    async (req, reply) => {
      const actor = requireBureau(req, ['admin']);
      const org = await createOrganization(app.db, contextOf(req, actor), req.body);
      return reply.status(201).send(org);
    },
  );

  app.get(
    '/admin/organizations/:id',
    { schema: { tags: careTags, summary: 'An organisation with its members, last sign-in and throttle state (bureau admin)', params: idParams, response: { 200: orgDetail } } },
    async (req) => {
      requireBureau(req, ['admin']);
      return organizationDetail(app.db, req.params.id);
    },
  );
  app.patch(
    '/admin/organizations/:id',
    {
      schema: {
        tags: careTags,
        summary: 'Set or clear the organisation\'s group (所属集团/上级单位), used by the evaluation conflict-of-interest rule (bureau admin)',
        params: idParams,
        body: updateOrgBody,
        response: { 200: orgSummary },
      },
    },
    async (req) => {
      const actor = requireBureau(req, ['admin']);
      return updateOrganization(app.db, contextOf(req, actor), req.params.id, req.body);
    },
  );
  app.get(
    '/admin/organizations/:id/timeline',
    { schema: { tags: careTags, summary: 'Audit events of the organisation and its members, newest first (bureau admin)', params: idParams, response: { 200: z.array(orgTimelineItem) } } },
    async (req) => {
      requireBureau(req, ['admin']);
      return organizationTimeline(app.db, req.params.id);
    },
  );
  app.post(
    '/admin/organizations/:id/members',
    {
      config: { idempotentCreate: true },
      schema: {
        tags: careTags,
        summary: 'Add a member with a one-time temporary password, shown once (bureau admin)',
        params: idParams,
        body: addMemberBody,
        response: { 201: temporaryPasswordResponse },
      },
    },
    async (req, reply) => {
      const actor = requireBureau(req, ['admin']);
      return reply.status(201).send(await addMember(app.db, contextOf(req, actor), req.params.id, req.body));
    },
  );
  app.post(
    '/admin/organizations/:id/deactivate',
    { schema: { tags: careTags, summary: 'Deactivate an organisation: its members\' sessions end at once (bureau admin)', params: idParams, body: careReasonBody, response: { 200: orgSummary } } },
    async (req) => {
      const actor = requireBureau(req, ['admin']);
      return setOrganizationActive(app.db, contextOf(req, actor), req.params.id, false, req.body.reason);
    },
  );
  app.post(
    '/admin/organizations/:id/reactivate',
    { schema: { tags: careTags, summary: 'Reactivate an organisation (bureau admin)', params: idParams, body: careReasonBody, response: { 200: orgSummary } } },
    async (req) => {
      const actor = requireBureau(req, ['admin']);
      return setOrganizationActive(app.db, contextOf(req, actor), req.params.id, true, req.body.reason);
    },
  );
  app.post(
    '/admin/members/:userId/deactivate',
    { schema: { tags: careTags, summary: 'Deactivate a member: their sessions end at once (bureau admin)', params: memberIdParams, body: careReasonBody, response: { 200: memberSchema } } },
    async (req) => {
      const actor = requireBureau(req, ['admin']);
      return setMemberActive(app.db, contextOf(req, actor), req.params.userId, false, req.body.reason);
    },
  );
  app.post(
    '/admin/members/:userId/reactivate',
    { schema: { tags: careTags, summary: 'Reactivate a member (bureau admin)', params: memberIdParams, body: careReasonBody, response: { 200: memberSchema } } },
    async (req) => {
      const actor = requireBureau(req, ['admin']);
      return setMemberActive(app.db, contextOf(req, actor), req.params.userId, true, req.body.reason);
    },
  );
  app.post(
    '/admin/members/:userId/reset-password',
    {
      schema: {
        tags: careTags,
        summary: 'Reset a member\'s password to a one-time temporary password, shown once; sessions end, sign-in counters are cleared (bureau admin)',
        params: memberIdParams,
        response: { 200: temporaryPasswordResponse },
      },
    },
    async (req) => {
      const actor = requireBureau(req, ['admin']);
      return resetMemberPassword(app.db, contextOf(req, actor), req.params.userId);
    },
  );
  app.post(
    '/admin/members/:userId/unlock',
    { schema: { tags: careTags, summary: 'Clear a member\'s sign-in throttling from every address (bureau admin)', params: memberIdParams, response: { 200: memberSchema } } },
    async (req) => {
      const actor = requireBureau(req, ['admin']);
      return unlockMember(app.db, contextOf(req, actor), req.params.userId);
    },
  );
};

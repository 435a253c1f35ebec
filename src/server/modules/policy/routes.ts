import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, requireActor } from '../../http/guard';
import { idParams, okSchema, paged } from '../../http/schemas';
import {
  inForceQuery,
  inForceView,
  ledgerExportQuery,
  ledgerQuery,
  ledgerView,
  policyCreateBody,
  policyListQuery,
  policyPatchBody,
  policyView,
  poolCreateBody,
  poolListQuery,
  poolListView,
  poolPatchBody,
  poolView,
  retireBody,
} from './schemas';
import { createPolicy, createPool, deleteDraft, getPolicy, getPool, listLedger, listPolicies, listPools, newVersionFrom, policyInForceOn, publishPolicy, retirePolicy, updateDraft, updatePool } from './service';
import { ledgerWorkbook } from './export';
import { cacheRead } from '../../cache/responses';

const tags = ['policy'];

/** 政策配置 (versioned subsidy policies) and 预算池 with the 资金台账 — the bureau's administration of public money. */
export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/policies', { config: { cache: cacheRead }, schema: { tags, summary: 'Subsidy policy versions, newest version first per code (the bureau)', querystring: policyListQuery, response: { 200: paged(policyView) } } }, async (req) =>
    listPolicies(app.db, requireActor(req), req.query),
  );

  app.get(
    '/policies/in-force',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: 'The policy version in force on a day (default today, Asia/Shanghai): the highest active version whose dates include it (any signed-in user)',
        querystring: inForceQuery,
        response: { 200: inForceView },
      },
    },
    async (req) => policyInForceOn(app.db, requireActor(req), req.query.on),
  );

  app.get('/policies/:id', { config: { cache: cacheRead }, schema: { tags, summary: 'One policy version (the bureau)', params: idParams, response: { 200: policyView } } }, async (req) => getPolicy(app.db, requireActor(req), req.params.id));

  app.post(
    '/policies',
    {
      schema: {
        tags,
        summary: "Create a draft policy version (the bureau's admin): the next version of its code",
        description: 'Amounts in fen, shares in basis points (50 % = 5000). Bad rules: 400 with the field paths (rules.levelCapsFen.2, …).',
        body: policyCreateBody,
        response: { 201: policyView },
      },
    },
    async (req, reply) => reply.code(201).send(await createPolicy(app.db, contextOf(req, requireActor(req)), req.body)),
  );

  app.patch(
    '/policies/:id',
    { schema: { tags, summary: 'Edit a draft version; a published or retired one: 409 POLICY_PUBLISHED', params: idParams, body: policyPatchBody, response: { 200: policyView } } },
    async (req) => updateDraft(app.db, contextOf(req, requireActor(req)), req.params.id, req.body),
  );

  app.delete('/policies/:id', { schema: { tags, summary: 'Delete a draft version (never a published one)', params: idParams, response: { 200: okSchema } } }, async (req) =>
    deleteDraft(app.db, contextOf(req, requireActor(req)), req.params.id),
  );

  app.post('/policies/:id/publish', { schema: { tags, summary: 'Publish a draft: it becomes active and never changes again', params: idParams, response: { 200: policyView } } }, async (req) =>
    publishPolicy(app.db, contextOf(req, requireActor(req)), req.params.id),
  );

  app.post('/policies/:id/retire', { schema: { tags, summary: 'Retire an active version (with the reason): it is no longer in force', params: idParams, body: retireBody, response: { 200: policyView } } }, async (req) =>
    retirePolicy(app.db, contextOf(req, requireActor(req)), req.params.id, req.body.reason),
  );

  app.post(
    '/policies/:id/new-version',
    { schema: { tags, summary: 'A new draft version of the same code, copied from this one', params: idParams, response: { 201: policyView } } },
    async (req, reply) => reply.code(201).send(await newVersionFrom(app.db, contextOf(req, requireActor(req)), req.params.id)),
  );

  app.get(
    '/budget/pools',
    { config: { cache: cacheRead }, schema: { tags, summary: 'Budget pools with committed, paid and remaining, and totals per fund source (the bureau)', querystring: poolListQuery, response: { 200: poolListView } } },
    async (req) => listPools(app.db, requireActor(req), req.query),
  );

  app.get('/budget/pools/:id', { config: { cache: cacheRead }, schema: { tags, summary: 'One budget pool (the bureau)', params: idParams, response: { 200: poolView } } }, async (req) => getPool(app.db, requireActor(req), req.params.id));

  app.post(
    '/budget/pools',
    { schema: { tags, summary: "Create a budget pool for a year and fund source (the bureau's admin or finance); the pair is unique: 409 POOL_EXISTS", body: poolCreateBody, response: { 201: poolView } } },
    async (req, reply) => reply.code(201).send(await createPool(app.db, contextOf(req, requireActor(req)), req.body)),
  );

  app.patch(
    '/budget/pools/:id',
    { schema: { tags, summary: 'Change a pool’s total, name or note; never below what is committed: 409 POOL_TOTAL_BELOW_COMMITTED', params: idParams, body: poolPatchBody, response: { 200: poolView } } },
    async (req) => updatePool(app.db, contextOf(req, requireActor(req)), req.params.id, req.body),
  );

  app.get(
    '/budget/ledger',
    { config: { cache: cacheRead }, schema: { tags, summary: 'The ledger: every commitment, release and payment, filtered by pool, project, line, kind and dates, paginated, with sums (the bureau)', querystring: ledgerQuery, response: { 200: ledgerView } } },
    async (req) => listLedger(app.db, requireActor(req), req.query),
  );

  app.get('/budget/ledger/export.xlsx', { schema: { tags, summary: 'Excel export of the filtered ledger with a per-pool reconciliation sheet (the bureau)', querystring: ledgerExportQuery } }, async (req, reply) => {
    const buffer = await ledgerWorkbook(app.db, requireActor(req), req.query, req.locale);
    const name = `ledger-${new Date().toISOString().slice(0, 10)}.xlsx`;
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(buffer);
  });
};

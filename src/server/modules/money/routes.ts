import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dateOrder, dateSchema } from '../../http/dates';
import { contextOf, requireActor } from '../../http/guard';
import { idParams, paged } from '../../http/schemas';
import { bi } from '../../http/validation';
import { bankAccountBody, bankAccountView, enterpriseBankAccountView, getEnterpriseAccount, saveEnterpriseAccount } from './bank';
import {
  fireTranche,
  listTranches,
  paperworkQuery,
  paperworkRow,
  paymentPaperwork,
  poolOption,
  poolOptions,
  projectBankAccount,
  totalsView,
  trancheDetail,
  trancheDetailView,
  trancheQuery,
  trancheView,
  trancheWorkbook,
} from './service';
import { cacheRead } from '../../cache/responses';

const tags = ['money'];

const payBody = z.object({ idempotencyKey: z.string(), voucherNo: z.string(), paidOn: dateSchema });
/** A from–to filter in order, named like the project filters. */
const filterDatesInOrder = dateOrder('from', 'to', bi('起始日期不能晚于截止日期', 'The "from" date cannot be after the "to" date'));
const failBody = z.object({ idempotencyKey: z.string(), reason: z.string().max(500) });

/** 资金拨付: the enterprise's bank account, the tranches and their payment, the town's payment paperwork. */
export const moneyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/enterprise/bank-account', { schema: { tags, summary: "The enterprise's own bank account, masked (the enterprise)", response: { 200: enterpriseBankAccountView } } }, async (req) =>
    getEnterpriseAccount(app.db, requireActor(req)),
  );

  app.put(
    '/enterprise/bank-account',
    {
      schema: {
        tags,
        summary: 'Enter or change the bank account the subsidy is paid into (the enterprise itself, never a delegate)',
        description: 'Stored encrypted (AES-256-GCM); answered masked. A change supersedes the previous account; paid tranches keep the one they went to.',
        body: bankAccountBody,
        response: { 200: enterpriseBankAccountView },
      },
    },
    async (req) => saveEnterpriseAccount(app.db, contextOf(req, requireActor(req)), req.body),
  );

  app.get(
    '/projects/:id/bank-account',
    {
      schema: {
        tags,
        summary: "The bank account of the project's enterprise: in full for the bureau's finance duty, masked for everyone else who sees the project",
        params: idParams,
        response: { 200: z.object({ account: bankAccountView.nullable(), onFile: z.boolean() }) },
      },
    },
    async (req) => projectBankAccount(app.db, requireActor(req), req.params.id),
  );

  app.get(
    '/disbursements',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: 'Disbursement tranches (pre-subsidy, final, benchmark) with filters, pages and totals (the bureau; a town or an enterprise its own)',
        querystring: trancheQuery.superRefine(filterDatesInOrder),
        response: { 200: paged(trancheView).extend({ totals: totalsView }) },
      },
    },
    async (req) => listTranches(app.db, requireActor(req), req.query),
  );

  app.get('/disbursements/export.xlsx', { schema: { tags, summary: 'Excel export of the tranches with the filters and totals that match the ledger (the bureau)', querystring: trancheQuery.omit({ page: true, pageSize: true }).superRefine(filterDatesInOrder) } }, async (req, reply) => {
    const buffer = await trancheWorkbook(app.db, requireActor(req), req.query, req.locale);
    const name = `disbursements-${new Date().toISOString().slice(0, 10)}.xlsx`;
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(buffer);
  });

  app.get('/disbursements/pools', { config: { cache: cacheRead }, schema: { tags, summary: "The budget pools for the tranche list's filter (the bureau)", response: { 200: z.array(poolOption) } } }, async (req) =>
    poolOptions(app.db, requireActor(req)),
  );

  app.get('/disbursements/:id', { config: { cache: cacheRead }, schema: { tags, summary: 'One tranche: amount and its basis, account, paperwork, history, actions', params: idParams, response: { 200: trancheDetailView } } }, async (req) =>
    trancheDetail(app.db, requireActor(req), req.params.id),
  );

  const fire = (event: 'pay' | 'fail' | 'retry', body: z.ZodType, summary: string, description: string) =>
    app.post(`/disbursements/:id/${event}`, { schema: { tags, summary, description, params: idParams, body, response: { 200: trancheDetailView } } }, async (req, reply) => {
      const out = await fireTranche(app.db, contextOf(req, requireActor(req)), req.params.id, event, (req.body ?? {}) as Record<string, unknown>);
      if (out.replayed) void reply.header('idempotent-replayed', 'true');
      return out.detail;
    });

  fire(
    'pay',
    payBody,
    'Record the payment of a tranche (finance): voucher number and value date, with an idempotency key',
    'A key already used for this payment answers the stored outcome (200, header Idempotent-Replayed) and pays nothing; a key used for another tranche is 422 IDEMPOTENCY_KEY_REUSED; an already paid tranche is 409 ALREADY_SUBMITTED.',
  );
  fire('fail', failBody, 'Record a failed payment (finance) with the reason and an idempotency key', 'The tranche can then be retried.');
  fire('retry', z.object({}).optional(), 'Put a failed tranche back to awaiting payment (finance)', 'Repeating it is 409 ALREADY_SUBMITTED.');

  app.get(
    '/payment-paperwork',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: "The town office's projects awaiting payment: what paperwork is missing, the bank account, pending tranches, overdue",
        querystring: paperworkQuery,
        response: { 200: paged(paperworkRow) },
      },
    },
    async (req) => paymentPaperwork(app.db, requireActor(req), req.query),
  );
};

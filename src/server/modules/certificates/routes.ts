import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../files';
import { contextOf, requireActor, requireBureau } from '../../http/guard';
import { idParams } from '../../http/schemas';
import { bi } from '../../http/validation';
import { renderCertificatePdf } from './pdf';
import { certificateOfProject, certificateView, revokeCertificate, verifyCode } from './service';
import { cacheRead } from '../../cache/responses';

const tags = ['certificates'];

const certificateSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  code: z.string(),
  enterpriseName: z.string(),
  projectName: z.string(),
  filingNo: z.string().nullable(),
  level: z.number().int(),
  funded: z.boolean(),
  issuedOn: z.string(),
  status: z.enum(['valid', 'revoked']),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  verificationUrl: z.string(),
});

const publicCertificateSchema = z.object({
  code: z.string(),
  status: z.enum(['valid', 'revoked']),
  enterpriseName: z.string(),
  projectName: z.string(),
  level: z.number().int(),
  funded: z.boolean(),
  issuedOn: z.string(),
  revokedOn: z.string().nullable(),
});

const codeParams = z.strictObject({ code: z.string().max(40) });
const revokeBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(2, bi('请填写撤销原因（至少 2 个字）', 'Give the reason for the revocation (at least 2 characters)'))
    .max(1000, bi('撤销原因不超过 1000 字', 'The reason takes at most 1000 characters')),
});

/** The 试点企业 honour certificate: the project's certificate and its PDF, public verification, revocation. */
export const certificateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:id/certificate',
    { config: { cache: cacheRead }, schema: { tags, summary: "The project's 试点企业 certificate (whoever may see the project); 404 while none is issued", params: idParams, response: { 200: certificateSchema } } },
    async (req) => certificateView(await certificateOfProject(app.db, requireActor(req), req.params.id)),
  );

  app.get('/projects/:id/certificate.pdf', { schema: { tags, summary: 'The certificate as an A4 PDF with its verification code and URL', params: idParams } }, async (req, reply) => {
    const c = certificateView(await certificateOfProject(app.db, requireActor(req), req.params.id));
    const pdf = await renderCertificatePdf(c);
    return reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition(`试点企业证书-${c.enterpriseName}.pdf`, 'inline'))
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.post(
    '/projects/:id/certificate/revoke',
    { schema: { tags, summary: "Revoke the project's certificate with a reason (the bureau's administrator; audited)", params: idParams, body: revokeBody, response: { 200: certificateSchema } } },
    async (req) => {
      const actor = requireBureau(req, ['admin']);
      return certificateView(await revokeCertificate(app.db, contextOf(req, actor), req.params.id, req.body.reason));
    },
  );

  app.get(
    '/public/certificates/:code',
    {
      schema: {
        tags,
        summary: 'Verify a certificate by its code (anyone): valid or revoked with what the certificate shows; an unknown or mistyped code is 404 CERTIFICATE_NOT_FOUND',
        params: codeParams,
        response: { 200: publicCertificateSchema },
      },
    },
    async (req, reply) => {
      void reply.header('cache-control', 'no-store');
      return verifyCode(app.db, req.params.code);
    },
  );
};

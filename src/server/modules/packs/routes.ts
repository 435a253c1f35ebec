import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contentDisposition } from '../../files';
import { contextOf, requireActor, requireBureau } from '../../http/guard';
import { idParams } from '../../http/schemas';
import { originOf, recordAudit } from '../../audit';
import { renderBatchIndexXlsx, renderIndexPdf, renderIndexXlsx } from './index-pdf';
import { batchPack, fileEntries, loadPackProject, projectPack } from './service';
import { zipStream, type ZipEntry } from './zip';
import { applicationsWorkbook, approvalsWorkbook, disbursementsWorkbook, exportFilters } from './exports';

const tags = ['packs'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The application pack per project and per decision batch (ZIP, streamed), and the bureau's exports (XLSX). */
export const packRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:id/application-pack.zip',
    {
      schema: {
        tags,
        summary: "The application pack: every material of the subsidy checklist in order (folders 01_…), with 00_目录.pdf / 00_目录.xlsx (no., item, file, size, SHA-256, uploaded at, by; 缺失 for a missing item) and the application summary",
        description: 'The bureau, the town office of the project and the enterprise itself; anyone else: 404.',
        params: idParams,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const p = await loadPackProject(app.db, actor, req.params.id);
      const pack = await projectPack(app.db, app.files, actor, p);
      const [pdf, xlsx] = await Promise.all([renderIndexPdf(pack), renderIndexXlsx(pack)]);
      await recordAudit(app.db, originOf(contextOf(req, actor)), {
        action: 'pack.downloaded',
        targetType: 'project',
        targetId: p.id,
        projectId: p.id,
        summary: { files: pack.items.reduce((n, i) => n + i.files.length, 0), missing: pack.items.filter((i) => i.files.length === 0).map((i) => i.slotKey) },
      });
      const entries: ZipEntry[] = [
        { name: '00_目录.pdf', data: pdf, modified: pack.generatedAt },
        { name: '00_目录.xlsx', data: xlsx, modified: pack.generatedAt },
        ...fileEntries(pack),
      ];
      const name = `申报材料包-${pack.project.filingNo ?? pack.project.enterpriseName}-${today()}.zip`;
      return reply.type('application/zip').header('content-disposition', contentDisposition(name)).header('cache-control', 'private, no-store').send(zipStream(entries));
    },
  );

  app.get(
    '/decision-batches/:id/pack.zip',
    { schema: { tags, summary: "A decision batch's pack (bureau): one folder per application with its materials and index, and 00_批次目录.xlsx", params: idParams } },
    async (req, reply) => {
      const actor = requireBureau(req, ['admin', 'reviewer', 'finance']);
      const batch = await batchPack(app.db, app.files, actor, req.params.id);
      const head: ZipEntry[] = [{ name: '00_批次目录.xlsx', data: await renderBatchIndexXlsx(batch) }];
      async function* entries(): AsyncGenerator<ZipEntry> {
        yield* head;
        for (const b of batch.projects) {
          yield { name: `${b.folder}/00_目录.pdf`, data: await renderIndexPdf(b.pack) };
          yield { name: `${b.folder}/00_目录.xlsx`, data: await renderIndexXlsx(b.pack) };
          yield* fileEntries(b.pack);
        }
      }
      await recordAudit(app.db, originOf(contextOf(req, actor)), { action: 'pack.batchDownloaded', targetType: 'decisionBatch', targetId: batch.batch.id, summary: { applications: batch.projects.length } });
      const name = `批次材料包-${batch.batch.name}-${today()}.zip`;
      return reply.type('application/zip').header('content-disposition', contentDisposition(name)).header('cache-control', 'private, no-store').send(zipStream(entries()));
    },
  );

  const exportsOf = [
    ['applications', '奖补申请', applicationsWorkbook, 'Submitted completion-subsidy applications with verified investment, suggested and approved amounts; a totals row'],
    ['approvals', '批准与占用', approvalsWorkbook, 'Approvals as the ledger holds them: per commitment (application, benchmark award, pre-subsidy) and pool, committed, released and net; totals equal the ledger sums'],
    ['disbursements', '资金拨付', disbursementsWorkbook, "Every payment of the ledger; the total equals the ledger's paid sum"],
  ] as const;
  for (const [key, zh, build, summary] of exportsOf) {
    app.get(`/exports/${key}.xlsx`, { schema: { tags, summary: `${summary} (bureau; filters year, townCode, poolId, line)`, querystring: exportFilters } }, async (req, reply) => {
      requireBureau(req, ['admin', 'reviewer', 'finance']);
      const buffer = await build(app.db, req.query, req.locale);
      return reply.type(XLSX).header('content-disposition', contentDisposition(`${zh}-${today()}.xlsx`)).header('cache-control', 'private, no-store').send(buffer);
    });
  }
};

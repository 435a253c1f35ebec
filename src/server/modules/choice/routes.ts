import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor } from '../../http/guard';
import { idParams, pageQuery } from '../../http/schemas';
import { AppError } from '../../http/errors';
import { bi } from '../../http/validation';
import { contentDisposition, fileTooLarge, type StoredFile } from '../../files';
import { FILE_FIELD, storedFileName } from '../materials/routes';
import { letterBody } from './letter-form';
import { fireLetter, letterDetail, letterFile, listLetters, prepareLetterUpload, recordLetterUpload, requireLetterReader, saveLetter } from './letters';
import { currentChoice, providerOptions } from './view';
import { cacheRead } from '../../cache/responses';

const tags = ['choice'];

const letterTransitionBody = z.strictObject({
  event: z.enum(['submit', 'withdraw', 'approve', 'returnForRevision', 'reject'], bi('未知的操作', 'Unknown action')),
  reason: z.string().trim().max(1000, bi('不超过1000字', 'At most 1000 characters')).optional(),
});

const listQuery = z.strictObject({
  state: z.enum(['draft', 'underReview', 'returned', 'approved', 'rejected', 'withdrawn'], bi('未知的状态', 'Unknown state')).optional(),
  ...pageQuery,
});

const optionsQuery = z.strictObject({
  q: z.string().trim().max(100, bi('不超过100字', 'At most 100 characters')).optional(),
  scene: z.string().trim().max(20, bi('未知的场景', 'Unknown scene')).optional(),
  maxPriceFen: z.coerce.number().int(bi('价格应为整数分', 'Prices are whole fen')).min(0, bi('价格不能为负数', 'Prices cannot be negative')).max(100_000_000_000, bi('价格过大', 'The price is too large')).optional(),
});

const slotParams = z.strictObject({ id: z.uuid(), slotKey: z.string().min(1).max(100) });
const fileParams = z.strictObject({ id: z.uuid(), fileId: z.string().regex(/^\d{1,15}$/, bi('文件编号不正确', 'Bad file id')) });

function badUpload(zh: string, en: string, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', { message: { zh, en }, details: { reason, fields: [{ path: FILE_FIELD, code: reason, message: zh }] } });
}

/** The choice module's routes: provider options and the current choice, and the 推荐函 of the leading unit. */
export const choiceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:id/provider-options',
    { config: { cache: cacheRead }, schema: { tags, summary: 'The leading units and catalog products the enterprise may choose (the diagnosis’ recommendations first; suspended providers left out)', params: idParams, querystring: optionsQuery } },
    async (req) => providerOptions(app.db, requireActor(req), req.params.id, req.query, req.locale === 'en' ? 'en' : 'zh-CN'),
  );

  app.get(
    '/projects/:id/provider-choice',
    { config: { cache: cacheRead }, schema: { tags, summary: 'The project’s current provider choice and the state of its recommendation letter', params: idParams } },
    async (req) => currentChoice(app.db, requireActor(req), req.params.id),
  );

  app.get('/letters', { config: { cache: cacheRead }, schema: { tags, summary: 'Recommendation letters: those assigned to my leading unit, or (bureau) all, by state', querystring: listQuery } }, async (req) => {
    const actor = requireActor(req);
    requireLetterReader(actor);
    return listLetters(app.db, actor, { state: req.query.state ? [req.query.state] : undefined, page: req.query.page, pageSize: req.query.pageSize });
  });

  app.get('/letters/:id', { config: { cache: cacheRead }, schema: { tags, summary: 'One recommendation letter with its form, files and actions', params: idParams } }, async (req) =>
    letterDetail(app.db, requireActor(req), req.params.id, app.uploadMaxBytes),
  );

  app.put('/letters/:id', { schema: { tags, summary: 'Save the letter’s form (while the leading unit writes it; parts may be empty until submission)', params: idParams, body: letterBody } }, async (req) => {
    const actor = requireActor(req);
    return saveLetter(app.db, contextOf(req, actor), req.params.id, req.body, app.uploadMaxBytes);
  });

  app.post('/letters/:id/transitions', { schema: { tags, summary: 'Submit, withdraw, approve, return or reject the letter', params: idParams, body: letterTransitionBody } }, async (req) => {
    const actor = requireActor(req);
    return fireLetter(app.db, contextOf(req, actor), req.params.id, req.body, app.uploadMaxBytes);
  });

  app.post(
    '/letters/:id/materials/:slotKey',
    { schema: { tags, summary: 'Upload the sealed letter or product materials (multipart, field `file`)', consumes: ['multipart/form-data'], params: slotParams } },
    async (req, reply) => {
      const actor = requireActor(req);
      const plan = await prepareLetterUpload(app.db, actor, req.params.id, req.params.slotKey, app.uploadMaxBytes);
      if (!req.isMultipart()) throw badUpload('请选择要上传的文件', 'Choose a file to upload', 'FILE_REQUIRED');
      let stored: StoredFile | null = null;
      let fileName = '';
      try {
        await app.files.ready();
        const parts = req.parts({ limits: { files: 1, fileSize: plan.maxBytes + 1, fields: 10, fieldSize: 4096, parts: 12, headerPairs: 100 } });
        for await (const part of parts) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== FILE_FIELD) {
            part.file.resume();
            throw badUpload(`文件字段应名为“${FILE_FIELD}”`, `The file field must be named "${FILE_FIELD}"`, 'FILE_FIELD');
          }
          stored = await app.files.put(part.file, { maxBytes: plan.maxBytes, accept: plan.slot.accept });
          fileName = storedFileName(part.filename, stored.format);
        }
      } catch (err) {
        void reply.header('connection', 'close');
        if (err instanceof AppError) throw err;
        const code = (err as { code?: string } | null)?.code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(plan.maxBytes);
        throw badUpload('上传表单格式不正确或上传中断', 'The upload form is malformed or was cut off', 'BAD_FORM');
      }
      if (!stored) throw badUpload('请选择要上传的文件', 'Choose a file to upload', 'FILE_REQUIRED');
      const view = await recordLetterUpload(app.db, contextOf(req, actor), req.params.id, req.params.slotKey, stored, fileName);
      return reply.status(201).send(view);
    },
  );

  app.get('/letters/:id/files/:fileId', { schema: { tags, summary: 'The bytes of one of the letter’s files', params: fileParams } }, async (req, reply) => {
    const d = await letterFile(app.db, requireActor(req), req.params.id, req.params.fileId);
    const stream = await app.files.get(d.sha256);
    return reply
      .header('content-disposition', contentDisposition(d.fileName, d.kind === 'pdf' ? 'inline' : 'attachment'))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-length', String(d.size))
      .type(d.mime)
      .send(stream);
  });
};

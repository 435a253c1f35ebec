import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor } from '../../http/guard';
import { idParams } from '../../http/schemas';
import { AppError } from '../../http/errors';
import { bi } from '../../http/validation';
import { contentDisposition, fileTooLarge, sanitizeFileName, type ByteRange, type FileStore, type StoredFile } from '../../files';
import { checklistSchema, downloadQuery, materialFile, materialParams, projectSlotParams } from './schemas';
import { materialForDownload, prepareUpload, projectChecklist, recordUpload, removeMaterial, slotVersions } from './service';
import { cacheRead } from '../../cache/responses';
import { cutOff } from '../../http/cut-off';

const tags = ['materials'];

/** A slot of repeating items (a training session's files) names the item the file belongs to. */
const uploadQuery = z.strictObject({ itemId: z.uuid(bi('所属条目编号不正确', 'Malformed item id')).optional() });

/** The file field of an upload form. */
export const FILE_FIELD = 'file';

const EXTENSIONS: Record<StoredFile['format'], readonly string[]> = {
  pdf: ['pdf'],
  jpg: ['jpg', 'jpeg'],
  png: ['png'],
  docx: ['docx'],
  xlsx: ['xlsx'],
};
const KNOWN_EXTENSIONS = new Set(Object.values(EXTENSIONS).flat());

/**
 * The name to keep: the sanitised name the user gave, its extension matching what the content is (a PNG
 * called `scan.pdf` is kept as `scan.png`, so it opens with the right program).
 */
export function storedFileName(given: string | undefined, format: StoredFile['format']): string {
  const name = sanitizeFileName(given ?? '', `file.${format}`);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (EXTENSIONS[format].includes(ext)) return name;
  const base = dot > 0 && KNOWN_EXTENSIONS.has(ext) ? name.slice(0, dot) : name;
  return sanitizeFileName(`${base}.${format}`);
}

function badUpload(zh: string, en: string, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', { message: { zh, en }, details: { reason, fields: [{ path: FILE_FIELD, code: reason, message: zh }] } });
}

const NO_FILE = () => badUpload('请选择要上传的文件', 'Choose a file to upload', 'FILE_REQUIRED');

/** Errors of the multipart reader, in the platform's terms. */
function uploadError(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT') return badUpload('一次只能上传一个文件', 'Upload one file at a time', 'ONE_FILE_ONLY');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_JSON_FIELD_ERROR')
    return badUpload('上传表单格式不正确', 'The upload form is malformed', 'BAD_FORM');
  if (err instanceof Error && /multipart|form|part|boundary/i.test(err.message)) return badUpload('上传表单格式不正确或上传中断', 'The upload form is malformed or was cut off', 'BAD_FORM');
  return err;
}

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/** A single byte range of `size` bytes (`null`: serve the whole file; 'unsatisfiable': 416). */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = SINGLE_RANGE.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // several ranges or a malformed one: the whole file
  if (size === 0) return 'unsatisfiable';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

/** Stores are prepared (directories, bucket; stale temporary uploads removed) once, before the first upload. */
const prepared = new WeakMap<FileStore, Promise<void>>();
function ready(store: FileStore): Promise<void> {
  let p = prepared.get(store);
  if (!p) {
    p = store.ready().catch((err: unknown) => {
      prepared.delete(store);
      throw err;
    });
    prepared.set(store, p);
  }
  return p;
}

export const materialRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:id/materials',
    { config: { cache: cacheRead }, schema: { tags, summary: "The project's material checklist for the caller: the current state's slots and every other slot that holds files", params: idParams, response: { 200: checklistSchema } } },
    async (req) => projectChecklist(app.db, requireActor(req), req.params.id, app.uploadMaxBytes),
  );

  app.post(
    '/projects/:id/materials/:slotKey',
    {
      schema: {
        tags,
        summary: 'Upload one file into a slot (multipart/form-data, one file field named `file`); the type is decided by content',
        description:
          'Refusals before any byte is stored: 404 (project not visible), 409 STAGE_NOT_ALLOWED (slot not open in this state), 403 ROLE_NOT_ALLOWED; while streaming: 413 FILE_TOO_LARGE, 415 FILE_TYPE_REFUSED.',
        consumes: ['multipart/form-data'],
        params: projectSlotParams,
        querystring: uploadQuery,
        response: { 201: materialFile },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { id, slotKey } = req.params;
      const { itemId } = req.query;
      const plan = await prepareUpload(app.db, actor, id, slotKey, app.uploadMaxBytes, itemId);
      if (!req.isMultipart()) throw NO_FILE();
      let stored: StoredFile | null = null;
      let fileName = '';
      try {
        await ready(app.files);
        const parts = req.parts({ limits: { files: 1, fileSize: plan.maxBytes + 1, fields: 10, fieldSize: 4096, parts: 12, headerPairs: 100 } });
        for await (const part of parts) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== FILE_FIELD) {
            part.file.resume();
            throw badUpload(`文件字段应名为“${FILE_FIELD}”`, `The file field must be named "${FILE_FIELD}"`, 'FILE_FIELD');
          }
          const put = await app.files.put(part.file, { maxBytes: plan.maxBytes, accept: plan.slot.accept });
          stored = put;
          fileName = storedFileName(part.filename, put.format);
        }
      } catch (err) {
        cutOff(req, reply);
        throw uploadError(err, plan.maxBytes);
      }
      if (!stored) throw NO_FILE();
      const view = await recordUpload(app.db, contextOf(req, actor), id, slotKey, stored, fileName, itemId);
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/projects/:id/materials/:slotKey/versions',
    { config: { cache: cacheRead }, schema: { tags, summary: 'Every version of a slot, newest first (the bureau also sees replaced and removed files)', params: projectSlotParams, response: { 200: z.array(materialFile) } } },
    async (req) => slotVersions(app.db, requireActor(req), req.params.id, req.params.slotKey),
  );

  app.get(
    '/materials/:id/download',
    {
      schema: {
        tags,
        summary: 'The bytes of a material (Range supported); `inline=1` opens PDF and images in the browser',
        params: materialParams,
        querystring: downloadQuery,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const d = await materialForDownload(app.db, actor, req.params.id);
      const inline = req.query.inline === '1' && (d.kind === 'pdf' || d.kind === 'image');
      void reply
        .header('content-disposition', contentDisposition(d.fileName, inline ? 'inline' : 'attachment'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('accept-ranges', 'bytes')
        .header('etag', `"${d.sha256}"`);
      const range = parseRange(typeof req.headers.range === 'string' ? req.headers.range : undefined, d.size);
      if (range === 'unsatisfiable') {
        const message = req.locale === 'en' ? 'The requested byte range is outside the file' : '请求的字节范围超出文件大小';
        return reply.status(416).header('content-range', `bytes */${d.size}`).type('application/json; charset=utf-8').send({ code: 'RANGE_NOT_SATISFIABLE', message, details: { size: d.size } });
      }
      const stream = await app.files.get(d.sha256, range ?? undefined);
      void reply.type(d.mime);
      if (range) {
        return reply
          .status(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${d.size}`)
          .header('content-length', String(range.end - range.start + 1))
          .send(stream);
      }
      return reply.header('content-length', String(d.size)).send(stream);
    },
  );

  app.delete(
    '/materials/:id',
    { schema: { tags, summary: "Remove one's own current file while its slot is open (the file stays in the history)", params: materialParams, response: { 200: materialFile } } },
    async (req) => {
      const actor = requireActor(req);
      return removeMaterial(app.db, contextOf(req, actor), req.params.id);
    },
  );
};

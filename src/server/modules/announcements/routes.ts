import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { announcementItems, announcements, files, objections, organizations, users } from '../../../db/schema';
import { pageTotal } from '../../../db/sql';
import { contextOf, requireActor } from '../../http/guard';
import { AppError, notFound } from '../../http/errors';
import { idParams, pageQuery, paged } from '../../http/schemas';
import { bi } from '../../http/validation';
import { dateSchema } from '../../http/dates';
import { fileTooLarge, type FileStore, type StoredFile } from '../../files';
import { loadCalendar } from '../../deadlines/calendar';
import { todayInShanghai } from '../../deadlines/service';
import { cachedPublic, invalidatePublicCache } from '../public/cache';
import { DATASETS, OPEN_DATA_FORMATS, datasetPage, openDataFile, type DatasetName, type OpenDataFormat } from './opendata';
import {
  EVIDENCE_MAX_BYTES,
  FACTS_MAX,
  FACTS_MIN,
  MAX_EVIDENCE_FILES,
  OBJECTIONS_PER_HOUR,
  OUTCOMES,
  checkEvidenceUpload,
  evidenceToken,
  lodgeObjection,
  loadPublicAnnouncement,
  recordFinding,
} from './objections';
import { canHandleObjections, loadAnnouncementFor, loadObjectionFor, officeScope, requireAnnouncementManager, type AnnouncementRow, OFFICE_ORG_TYPES } from './policy';
import { ANNOUNCEMENT_KINDS, MAX_ITEMS, MAX_WORKING_DAYS, announcementItemsOf, finaliseAnnouncement, itemsFromRecords, listAnnouncements, objectionsOf, openAnnouncement, summaryOf } from './service';
import { originOf, recordAudit } from '../../audit';
import { cachePublicRead, cacheRead } from '../../cache/responses';
import { cutOff } from '../../http/cut-off';

const tags = ['announcements'];
const publicTags = ['public'];

const STATUSES = ['open', 'final', 'withdrawn'] as const;

const summary = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  officeName: z.string(),
  officeContact: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  workingDays: z.number().int(),
  status: z.string(),
  finalAt: z.string().nullable(),
  workingDaysLeft: z.number().int(),
  window: z.enum(['open', 'notStarted', 'over']),
  createdAt: z.string(),
  itemCount: z.number().int().optional(),
  openObjections: z.number().int().optional(),
  objectionCount: z.number().int().optional(),
});

const item = z.object({
  id: z.string(),
  projectId: z.string().nullable(),
  enterpriseName: z.string(),
  projectName: z.string().nullable(),
  townCode: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  note: z.string().nullable(),
  position: z.number().int(),
});

const objectionView = z.object({
  id: z.string(),
  announcementId: z.string(),
  announcementTitle: z.string(),
  officeName: z.string(),
  itemId: z.string().nullable(),
  itemLabel: z.string().nullable(),
  objectorName: z.string(),
  contact: z.string(),
  isOrganisation: z.boolean(),
  organisationName: z.string().nullable(),
  facts: z.string(),
  evidence: z.array(z.object({ sha256: z.string(), format: z.string(), size: z.number().int() })),
  status: z.string(),
  outcome: z.string().nullable(),
  finding: z.string().nullable(),
  handledByName: z.string().nullable(),
  handledAt: z.string().nullable(),
  createdAt: z.string(),
  canHandle: z.boolean(),
});

/** How to object, stated plainly (served with every public announcement). */
const RULES = {
  zh: [
    '公示期内（含最后一天）任何单位和个人均可提出异议。',
    '异议须署真实姓名并留手机号或电子邮箱，匿名异议不予受理；以单位名义提出的须写明单位全称，作为单位异议处理。',
    `须写明异议的事实和理由（${FACTS_MIN}–${FACTS_MAX} 字），可附证据材料（PDF、JPG、PNG，每个不超过 10 MB，最多 ${MAX_EVIDENCE_FILES} 个）。`,
    '公示期结束后提交的异议不予受理。',
    `同一来源每小时最多提交 ${OBJECTIONS_PER_HOUR} 件异议。`,
    '异议由公示写明的受理单位核查并记录结论；提出人的姓名和联系方式仅供核查使用，不予公开。',
  ],
  en: [
    'Anyone may object during the publicity period (its last day included).',
    "An objection needs a real name and a mobile number or e-mail address; anonymous objections are not accepted. An organisation's objection names the organisation and is handled as such.",
    `State the facts and reasons (${FACTS_MIN}–${FACTS_MAX} characters); evidence may be attached (PDF, JPG, PNG, up to 10 MB each, at most ${MAX_EVIDENCE_FILES}).`,
    'Objections lodged after the period are not accepted.',
    `At most ${OBJECTIONS_PER_HOUR} objections an hour from one sender.`,
    "The office named in the announcement checks each objection and records its finding; the objector's name and contact are used for that only and never published.",
  ],
};

const listQuery = z.strictObject({
  ...pageQuery,
  kind: z.enum(ANNOUNCEMENT_KINDS, bi('公示类别不正确', 'Unknown announcement kind')).optional(),
  status: z.enum(STATUSES, bi('状态不正确', 'Unknown status')).optional(),
});

const publicListQuery = z.strictObject({
  ...pageQuery,
  kind: z.enum(ANNOUNCEMENT_KINDS, bi('公示类别不正确', 'Unknown announcement kind')).optional(),
  status: z.enum(['open', 'final'], bi('状态不正确', 'Unknown status')).optional(),
});


const createBody = z.strictObject({
  kind: z.enum(['pilot', 'funded', 'payment'], bi('请选择公示名单：试点企业、资助项目或资金拨付', 'Choose the list: pilot enterprises, funded projects or payments')),
  title: z.string(bi('请填写公示标题', 'Enter the title')).trim().min(4, bi('标题至少 4 个字', 'At least 4 characters')).max(200, bi('标题最多 200 个字', 'At most 200 characters')),
  body: z.string().trim().max(5000, bi('正文最多 5000 个字', 'At most 5000 characters')).optional(),
  officeName: z.string(bi('请填写异议受理单位', 'Enter the office receiving objections')).trim().min(2, bi('请填写异议受理单位', 'Enter the office receiving objections')).max(120, bi('最多 120 个字', 'At most 120 characters')),
  officeContact: z.string().trim().max(200, bi('最多 200 个字', 'At most 200 characters')).optional(),
  officeOrgId: z.uuid(bi('受理单位编号不正确', 'Malformed office id')).optional(),
  workingDays: z.number(bi('公示期应为整数个工作日', 'A whole number of working days')).int(bi('公示期应为整数个工作日', 'A whole number of working days')).min(1, bi('公示期至少 1 个工作日', 'At least 1 working day')).max(MAX_WORKING_DAYS, bi(`公示期最多 ${MAX_WORKING_DAYS} 个工作日`, `At most ${MAX_WORKING_DAYS} working days`)).optional(),
  startsOn: dateSchema.optional(),
  projectIds: z.array(z.uuid(bi('项目编号不正确', 'Malformed project id'))).max(MAX_ITEMS).optional(),
});

const objectionBody = z.strictObject({
  objectorName: z.string().max(100, bi('姓名过长', 'The name is too long')).optional(),
  contact: z.string().max(200, bi('联系方式过长', 'Contact is too long')).optional(),
  isOrganisation: z.boolean().optional(),
  organisationName: z.string().max(200, bi('单位名称过长', 'The organisation name is too long')).optional(),
  itemId: z.uuid(bi('公示条目编号不正确', 'Malformed line id')).optional(),
  facts: z.string(bi('请写明异议的事实和理由', 'State the facts and reasons')).max(FACTS_MAX + 1000, bi(`事实和理由最多 ${FACTS_MAX} 字`, `At most ${FACTS_MAX} characters`)),
  evidence: z.array(z.string().max(200)).max(MAX_EVIDENCE_FILES, bi(`证据材料最多 ${MAX_EVIDENCE_FILES} 个`, `At most ${MAX_EVIDENCE_FILES} files`)).optional(),
});

const objectionsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(['open', 'closed'], bi('状态不正确', 'Unknown status')).optional(),
  announcementId: z.uuid(bi('公示编号不正确', 'Malformed announcement id')).optional(),
});

const findingBody = z.strictObject({
  outcome: z.enum(OUTCOMES, bi('请选择核查结论：成立、部分成立或不成立', 'Choose the outcome: upheld, partly upheld or dismissed')),
  finding: z.string(bi('请填写核查意见', 'Enter the finding')).trim().min(10, bi('核查意见至少 10 个字', 'At least 10 characters')).max(5000, bi('核查意见最多 5000 字', 'At most 5000 characters')),
});

const datasetListQuery = z.strictObject({ ...pageQuery });
const dataRow = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

const openDataParams = z.strictObject({
  file: z.string().regex(new RegExp(`^(${DATASETS.join('|')})\\.(${OPEN_DATA_FORMATS.join('|')})$`), bi('没有这个开放数据文件', 'No such open-data file')),
});

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

function badUpload(zh: string, en: string, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', { message: { zh, en }, details: { reason, fields: [{ path: 'file', code: reason, message: zh }] } });
}

function uploadError(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT') return badUpload('一次只能上传一个文件', 'Upload one file at a time', 'ONE_FILE_ONLY');
  if (typeof code === 'string' && code.startsWith('FST_')) return badUpload('上传表单格式不正确', 'The upload form is malformed', 'BAD_FORM');
  if (err instanceof Error && /multipart|form|part|boundary/i.test(err.message)) return badUpload('上传表单格式不正确或上传中断', 'The upload form is malformed or was cut off', 'BAD_FORM');
  return err;
}

type ObjectionRow = typeof objections.$inferSelect;

export const announcementRoutes: FastifyPluginAsyncZod = async (app) => {
  const today = () => todayInShanghai(new Date());

  /** Objection views for the office: the evidence files' facts, the line and the handler in three queries. */
  async function objectionViews(rows: Array<{ o: ObjectionRow; a: AnnouncementRow }>, actor: ReturnType<typeof requireActor>) {
    const shas = [...new Set(rows.flatMap((r) => r.o.evidence))];
    const itemIds = [...new Set(rows.map((r) => r.o.itemId).filter((x): x is string => !!x))];
    const handlerIds = [...new Set(rows.map((r) => r.o.handledBy).filter((x): x is string => !!x))];
    const [fileRows, itemRows, handlerRows] = await Promise.all([
      shas.length ? app.db.select({ sha256: files.sha256, format: files.format, size: files.size }).from(files).where(inArray(files.sha256, shas)) : [],
      itemIds.length ? app.db.select({ id: announcementItems.id, enterpriseName: announcementItems.enterpriseName, projectName: announcementItems.projectName }).from(announcementItems).where(inArray(announcementItems.id, itemIds)) : [],
      handlerIds.length ? app.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, handlerIds)) : [],
    ]);
    const fileBy = new Map(fileRows.map((f) => [f.sha256, f]));
    const itemBy = new Map(itemRows.map((i) => [i.id, i.projectName ? `${i.enterpriseName} · ${i.projectName}` : i.enterpriseName]));
    const handlerBy = new Map(handlerRows.map((u) => [u.id, u.name]));
    return rows.map(({ o, a }) => ({
      id: o.id,
      announcementId: a.id,
      announcementTitle: a.title,
      officeName: a.officeName,
      itemId: o.itemId,
      itemLabel: o.itemId ? (itemBy.get(o.itemId) ?? null) : null,
      objectorName: o.objectorName,
      contact: o.contact,
      isOrganisation: o.isOrganisation,
      organisationName: o.organisationName,
      facts: o.facts,
      evidence: o.evidence.map((sha) => ({ sha256: sha, format: fileBy.get(sha)?.format ?? 'pdf', size: Number(fileBy.get(sha)?.size ?? 0) })),
      status: o.status,
      outcome: o.outcome,
      finding: o.finding,
      handledByName: o.handledBy ? (handlerBy.get(o.handledBy) ?? null) : null,
      handledAt: o.handledAt?.toISOString() ?? null,
      createdAt: o.createdAt.toISOString(),
      canHandle: o.status === 'open' && canHandleObjections(actor, a),
    }));
  }

  // ---- The bureau (and the named office) ----------------------------------------------------------------------

  app.get(
    '/announcements',
    { config: { cache: cacheRead }, schema: { tags, summary: 'Announcements (公示), newest first; the bureau sees all, a named office its own', querystring: listQuery, response: { 200: paged(summary) } } },
    async (req) => {
      const actor = requireActor(req);
      const scope = officeScope(actor);
      const q = req.query;
      return listAnnouncements(app.db, { kind: q.kind, status: q.status, officeOrgId: scope?.officeOrgId }, q.page, q.pageSize, { publicOnly: false, today: today() });
    },
  );

  app.post(
    '/announcements',
    {
      schema: {
        tags,
        summary: 'Open an announcement of a list taken from the records (pilot enterprises, funded projects, paid tranches) with its window and the office receiving objections',
        body: createBody,
        response: { 201: z.object({ id: z.string(), endsOn: z.string(), itemCount: z.number().int() }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      requireAnnouncementManager(actor);
      const b = req.body;
      const ctx = contextOf(req, actor);
      const result = await app.db.transaction(async (tx) => {
        if (b.officeOrgId) {
          const [org] = await tx.select({ type: organizations.type }).from(organizations).where(eq(organizations.id, b.officeOrgId)).limit(1);
          if (!org || !(OFFICE_ORG_TYPES as readonly string[]).includes(org.type))
            throw new AppError('VALIDATION_FAILED', { message: { zh: '异议受理单位须为市工信局或镇街', en: 'The office must be the bureau or a town office' }, details: { fields: [{ path: 'officeOrgId', message: '异议受理单位须为市工信局或镇街' }] } });
        }
        const items = await itemsFromRecords(tx, b.kind, b.projectIds);
        if (items.length === 0)
          throw new AppError('VALIDATION_FAILED', { message: { zh: '名单为空：没有可公示的记录', en: 'The list is empty: there is nothing to announce' }, details: { fields: [{ path: 'kind', message: '没有可公示的记录' }] } });
        if (items.length > MAX_ITEMS)
          throw new AppError('VALIDATION_FAILED', { message: { zh: `一次公示最多 ${MAX_ITEMS} 条，请按项目分批`, en: `At most ${MAX_ITEMS} lines per announcement; choose the projects` }, details: { fields: [{ path: 'projectIds', message: `最多 ${MAX_ITEMS} 条` }] } });
        const opened = await openAnnouncement(tx, {
          kind: b.kind,
          title: b.title,
          body: b.body ?? null,
          officeName: b.officeName,
          officeContact: b.officeContact ?? null,
          officeOrgId: b.officeOrgId ?? null,
          ...(b.workingDays !== undefined ? { workingDays: b.workingDays } : {}),
          ...(b.startsOn !== undefined ? { startsOn: b.startsOn } : {}),
          createdBy: actor.userId,
          items,
        });
        await recordAudit(tx, originOf(ctx), { action: 'announcement.open', targetType: 'announcement', targetId: opened.id, summary: { kind: b.kind, items: items.length, endsOn: opened.endsOn } });
        return { ...opened, itemCount: items.length };
      });
      invalidatePublicCache();
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/announcements/:id',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: 'One announcement with its lines and objections',
        params: idParams,
        response: { 200: summary.extend({ items: z.array(item), objections: z.array(objectionView), canFinalise: z.boolean(), canHandle: z.boolean(), officeOrgId: z.string().nullable() }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const a = await loadAnnouncementFor(app.db, actor, req.params.id);
      const [items, objs, calendar] = await Promise.all([announcementItemsOf(app.db, a.id), objectionsOf(app.db, a.id), loadCalendar(app.db)]);
      const views = await objectionViews(objs.map((o) => ({ o, a })), actor);
      const s = summaryOf(a, today(), calendar);
      return {
        ...s,
        itemCount: items.length,
        openObjections: objs.filter((o) => o.status === 'open').length,
        objectionCount: objs.length,
        items: items.map((i) => ({ ...i, amountFen: i.amountFen === null ? null : Number(i.amountFen) })),
        objections: views,
        canFinalise: a.status === 'open' && actor.orgType === 'bureau' && (actor.bureauRole === 'admin' || actor.bureauRole === 'reviewer'),
        canHandle: canHandleObjections(actor, a),
        officeOrgId: a.officeOrgId,
      };
    },
  );

  app.post(
    '/announcements/:id/finalise',
    {
      schema: {
        tags,
        summary: 'Make the announcement final: only once its window is over and every objection is closed (422 GUARD_FAILED says what is missing)',
        params: idParams,
        response: { 200: z.object({ status: z.literal('final'), finalAt: z.string() }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return finaliseAnnouncement(app.db, contextOf(req, actor), req.params.id);
    },
  );

  app.get(
    '/objections',
    { config: { cache: cacheRead }, schema: { tags, summary: 'Objections, open first then newest; the bureau sees all, a named office those to its announcements', querystring: objectionsQuery, response: { 200: paged(objectionView) } } },
    async (req) => {
      const actor = requireActor(req);
      const scope = officeScope(actor);
      const q = req.query;
      const where: SQL | undefined = and(
        q.status ? eq(objections.status, q.status) : undefined,
        q.announcementId ? eq(objections.announcementId, q.announcementId) : undefined,
        scope ? eq(announcements.officeOrgId, scope.officeOrgId) : undefined,
      );
      const rows = await app.db
        .select({ o: objections, a: announcements })
        .from(objections)
        .innerJoin(announcements, eq(announcements.id, objections.announcementId))
        .where(where)
        .orderBy(desc(objections.status), desc(objections.createdAt), desc(objections.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      const total = await pageTotal(q.page, q.pageSize, rows.length, async () =>
        Number((await app.db.select({ n: count() }).from(objections).innerJoin(announcements, eq(announcements.id, objections.announcementId)).where(where))[0]?.n ?? 0),
      );
      return { items: await objectionViews(rows, actor), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/objections/:id/finding',
    {
      schema: {
        tags,
        summary: "Record the office's finding (upheld · partlyUpheld · dismissed): the objection is closed; an upheld one is told to the reviewers",
        params: idParams,
        body: findingBody,
        response: { 200: objectionView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await recordFinding(app.db, contextOf(req, actor), req.params.id, req.body);
      const { objection, announcement } = await loadObjectionFor(app.db, actor, req.params.id);
      const [view] = await objectionViews([{ o: objection, a: announcement }], actor);
      if (!view) throw notFound();
      return view;
    },
  );

  app.get(
    '/objections/:id/evidence/:sha256',
    {
      schema: {
        tags,
        summary: "An evidence file of an objection (for the office handling it)",
        params: z.strictObject({ id: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { objection } = await loadObjectionFor(app.db, actor, req.params.id);
      if (!objection.evidence.includes(req.params.sha256)) throw notFound();
      const [f] = await app.db.select().from(files).where(eq(files.sha256, req.params.sha256)).limit(1);
      if (!f) throw notFound();
      const stream = await app.files.get(f.sha256);
      return reply
        .header('content-disposition', `attachment; filename="evidence-${f.sha256.slice(0, 12)}.${f.format}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-length', String(f.size))
        .type(f.mime)
        .send(stream);
    },
  );

  // ---- The public (no sign-in) --------------------------------------------------------------------------------

  app.get(
    '/public/announcements',
    { config: { cache: cachePublicRead }, schema: { tags: publicTags, summary: 'Public announcements (公示), newest first (withdrawn ones are not listed)', querystring: publicListQuery, response: { 200: paged(summary) } } },
    async (req) => {
      const q = req.query;
      return cachedPublic(`ann:${q.page}:${q.pageSize}:${q.kind ?? ''}:${q.status ?? ''}:${today()}`, () =>
        listAnnouncements(app.db, { kind: q.kind, status: q.status }, q.page, q.pageSize, { publicOnly: true, today: today() }),
      );
    },
  );

  app.get(
    '/public/announcements/:id',
    {
      config: { cache: cachePublicRead },
      schema: {
        tags: publicTags,
        summary: 'One public announcement: its lines, window (working days left), the office receiving objections, status and how to object',
        params: idParams,
        response: {
          200: summary.extend({
            items: z.array(item),
            acceptsObjections: z.boolean(),
            closedObjections: z.number().int(),
            openObjections: z.number().int(),
            rules: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
          }),
        },
      },
    },
    async (req) => {
      const id = req.params.id;
      return cachedPublic(`ann:${id}:${today()}`, async () => {
        const a = await loadPublicAnnouncement(app.db, id);
        const [items, calendar, counts] = await Promise.all([
          announcementItemsOf(app.db, a.id),
          loadCalendar(app.db),
          app.db.select({ status: objections.status, n: count() }).from(objections).where(eq(objections.announcementId, a.id)).groupBy(objections.status),
        ]);
        const s = summaryOf(a, today(), calendar);
        const n = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
        return {
          ...s,
          itemCount: items.length,
          items: items.map((i) => ({ ...i, amountFen: i.amountFen === null ? null : Number(i.amountFen) })),
          acceptsObjections: s.window === 'open',
          openObjections: n('open'),
          closedObjections: n('closed'),
          rules: RULES,
        };
      });
    },
  );

  app.post(
    '/public/announcements/:id/evidence',
    {
      schema: {
        tags: publicTags,
        summary: 'Upload one evidence file for an objection to this announcement (multipart, field `file`; PDF, JPG or PNG by content, ≤ 10 MB); returns a token to attach',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: z.object({ token: z.string(), sha256: z.string(), size: z.number().int(), format: z.string() }) },
      },
    },
    async (req, reply) => {
      const maxBytes = Math.min(EVIDENCE_MAX_BYTES, app.uploadMaxBytes);
      await checkEvidenceUpload(app.db, req.params.id, req.ip, new Date());
      if (!req.isMultipart()) throw badUpload('请选择要上传的文件', 'Choose a file to upload', 'FILE_REQUIRED');
      let stored: StoredFile | null = null;
      try {
        await ready(app.files);
        const parts = req.parts({ limits: { files: 1, fileSize: maxBytes + 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 100 } });
        for await (const part of parts) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== 'file') {
            part.file.resume();
            throw badUpload('文件字段应名为“file”', 'The file field must be named "file"', 'FILE_FIELD');
          }
          stored = await app.files.put(part.file, { maxBytes, accept: ['pdf', 'image'] });
        }
      } catch (err) {
        cutOff(req, reply);
        throw uploadError(err, maxBytes);
      }
      if (!stored) throw badUpload('请选择要上传的文件', 'Choose a file to upload', 'FILE_REQUIRED');
      const file = stored;
      await app.db.insert(files).values({ sha256: file.sha256, size: file.size, format: file.format, kind: file.kind, mime: file.mime }).onConflictDoNothing({ target: files.sha256 });
      return reply.status(201).send({ token: evidenceToken(req.params.id, file.sha256), sha256: file.sha256, size: file.size, format: file.format });
    },
  );

  app.post(
    '/public/announcements/:id/objections',
    {
      schema: {
        tags: publicTags,
        summary: 'Lodge an objection (real name, mobile or e-mail, facts, evidence tokens); anonymous → 422 OBJECTION_ANONYMOUS, late → 422 OBJECTION_WINDOW_CLOSED, too many → 429 RATE_LIMITED',
        params: idParams,
        body: objectionBody,
        response: { 201: z.object({ id: z.string(), receivedAt: z.string(), officeName: z.string(), organisation: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const result = await lodgeObjection(app.db, req.params.id, req.body, req.ip);
      invalidatePublicCache();
      return reply.status(201).send(result);
    },
  );

  // ---- Public lists and open data -----------------------------------------------------------------------------

  const LIST_PATHS: Record<string, DatasetName> = {
    '/public/pilot-enterprises': 'pilot-enterprises',
    '/public/funded-projects': 'funded-projects',
    '/public/payments': 'payments',
  };
  for (const [path, dataset] of Object.entries(LIST_PATHS)) {
    app.get(
      path,
      {
        config: { cache: cachePublicRead },
        schema: {
          tags: publicTags,
          summary: `The public list ${dataset}, newest first (amounts in fen); whole lists: /api/v1/public/open-data/${dataset}.csv|xlsx|json`,
          querystring: datasetListQuery,
          response: { 200: paged(dataRow) },
        },
      },
      async (req) => cachedPublic(`ds:${dataset}:${req.query.page}:${req.query.pageSize}`, () => datasetPage(app.db, dataset, req.query.page, req.query.pageSize)),
    );
  }

  app.get(
    '/public/open-data/:file',
    {
      schema: {
        tags: publicTags,
        summary: `Open data at stable URLs: <list>.<csv|xlsx|json> for the lists ${DATASETS.join(', ')} (CSV in UTF-8 with BOM; amounts in yuan in CSV/XLSX, in fen in JSON)`,
        params: openDataParams,
      },
    },
    async (req, reply) => {
      const [name, format] = req.params.file.split('.') as [DatasetName, OpenDataFormat];
      const file = await cachedPublic(`od:${req.params.file}`, () => openDataFile(app.db, name, format));
      return reply
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'public, max-age=60')
        .header('x-content-type-options', 'nosniff')
        .type(file.contentType)
        .send(file.body);
    },
  );

};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor, requireBureau } from '../../http/guard';
import { dateSchema } from '../../http/dates';
import { pageQuery, textSchema } from '../../http/schemas';
import { bi } from '../../http/validation';
import { AppError } from '../../http/errors';
import { projectSummary } from '../projects/schemas';
import { TASK_BUCKETS, assignInstitutions, institutionTasks, institutionWorkload } from './service';
import { cacheRead } from '../../cache/responses';

const tags = ['diagnosis'];

const load = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['comprehensive', 'diagnostic']),
  open: z.number().int(),
  overdue: z.number().int(),
  suggested: z.boolean(),
  conflict: textSchema.nullable(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BAD_IDS = '项目编号列表无效（以英文逗号分隔，最多200个）';

/** The comma-separated project ids of the workload query (at most 200), or a 400 naming the parameter. */
function projectIdList(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const ids = raw.split(',');
  if (ids.length > 200 || !ids.every((x) => UUID.test(x))) {
    throw new AppError('INPUT_INVALID', {
      message: { zh: BAD_IDS, en: 'projectIds is a comma-separated list of up to 200 project ids' },
      details: { fields: [{ path: 'projectIds', code: 'INVALID_IDS', message: `${BAD_IDS} / projectIds is a comma-separated list of up to 200 project ids` }] },
    });
  }
  return ids;
}
const workloadQuery = z.strictObject({
  assignment: z.enum(['diagnosis', 'evaluation'], bi('assignment 应为 diagnosis（诊断）或 evaluation（成效评估）', 'assignment is diagnosis or evaluation')).optional(),
  projectIds: z.string().max(7_400, bi(BAD_IDS, 'projectIds is a comma-separated list of up to 200 project ids')).optional(),
});

const assignBody = z.strictObject({
  projectIds: z.array(z.uuid(bi('项目编号无效', 'Invalid project id'))).min(1, bi('请至少选择一个项目', 'Choose at least one project')).max(200, bi('一次最多分配200个项目', 'At most 200 projects at once')),
  institutionId: z.uuid(bi('请选择服务机构', 'Choose an institution')).optional(),
  dueOn: dateSchema.optional(),
  note: z.string().trim().max(500).optional(),
});

const assignResult = z.object({
  projectId: z.string(),
  ok: z.boolean(),
  institution: z.object({ id: z.string(), name: z.string() }).optional(),
  dueOn: z.string().optional(),
  code: z.string().optional(),
  message: textSchema.optional(),
});

const tasksQuery = z.strictObject({
  ...pageQuery,
  bucket: z.enum(TASK_BUCKETS, bi(`任务分类应为：${TASK_BUCKETS.join('、')}`, `bucket is one of: ${TASK_BUCKETS.join(', ')}`)).default('toAccept'),
});

const counts = z.object({ toAccept: z.number().int(), inProgress: z.number().int(), awaitingConfirmation: z.number().int(), done: z.number().int() });

export const diagnosisRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/institutions/workload',
    {
      config: { cache: cacheRead },
      schema: {
        tags,
        summary: 'Every active institution with its open work and the suggested (least loaded) one; for an assignment only the kinds it accepts, for projects the conflicts of interest flagged (bureau)',
        querystring: workloadQuery,
        response: { 200: z.array(load) },
      },
    },
    async (req) => {
      requireBureau(req, ['admin', 'reviewer']);
      const projectIds = projectIdList(req.query.projectIds);
      return institutionWorkload(app.db, { assignment: req.query.assignment, projectIds, excludesDiagnoser: app.config.evaluationExcludesDiagnoser });
    },
  );

  app.post(
    '/projects/assign-institutions',
    { schema: { tags, summary: 'Assign an institution to many projects at once; without one, the least loaded for each (bureau)', body: assignBody, response: { 200: z.object({ results: z.array(assignResult) }) } } },
    async (req) => {
      const actor = requireBureau(req, ['admin', 'reviewer']);
      return { results: await assignInstitutions(app.db, contextOf(req, actor), req.body) };
    },
  );

  app.get(
    '/tasks',
    { config: { cache: cacheRead }, schema: { tags, summary: "The signed-in institution's tasks by bucket (待接收 / 进行中 / 待企业确认 / 已完成), soonest due first", querystring: tasksQuery, response: { 200: z.object({ items: z.array(projectSummary.extend({ bucket: z.enum(TASK_BUCKETS) })), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), counts }) } } },
    async (req) => institutionTasks(app.db, requireActor(req), req.query),
  );
};

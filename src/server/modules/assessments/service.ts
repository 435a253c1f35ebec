/**
 * Assessment use-cases: start a draft, autosave answers, submit with the truthfulness pledge, read.
 * Scoring and levels come from core/assessment; this module stores and guards.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../../db/client';
import { assessments, organizations } from '../../../db/schema';
import { AppError } from '../../http/errors';
import type { Actor, RequestContext } from '../../http/actor';
import { originOf, recordAudit } from '../../audit';
import { LATEST_CATALOG_VERSION, assess, getCatalog, isCatalogVersion, parseAnswers, validateAnswers, type AssessmentAnswers, type AssessmentProblem, type AssessmentResult } from '../../../core/assessment';
import { loadProjectFor, type ProjectRow } from '../projects/policy';
import { applyProjectEvent } from '../projects/service';
import { canFill, canRead, type AssessmentMode } from './policy';
import type { AssessmentDetail } from './schemas';

export type AssessmentRow = typeof assessments.$inferSelect;

function refuse(r: ReturnType<typeof canFill>): void {
  if (!r.ok) throw new AppError(r.code, { message: r.message });
}

function invalid(problems: AssessmentProblem[]): AppError {
  return new AppError('ASSESSMENT_INVALID', { details: { problems } });
}

/** Loads an assessment the actor may read (through the project's access rule); otherwise 404. */
export async function loadAssessmentFor(db: DbOrTx, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<{ a: AssessmentRow; project: ProjectRow }> {
  const q = db.select().from(assessments).where(eq(assessments.id, id));
  const [a] = opts.forUpdate ? await q.for('update') : await q;
  if (!a) throw new AppError('NOT_FOUND');
  const project = await loadProjectFor(db, actor, a.projectId, opts);
  if (!canRead(actor, a)) throw new AppError('NOT_FOUND');
  return { a, project };
}

function answersOf(a: AssessmentRow): AssessmentAnswers {
  const parsed = parseAnswers(a.answers);
  return parsed.ok ? parsed.answers : { catalogVersion: a.catalogVersion, questions: {}, scenes: {}, inputs: {} };
}

type Assessed = Pick<AssessmentResult, 'score' | 'level' | 'valid'>;

/**
 * A submitted assessment's score and level were frozen into `result` at submission (from answers that passed
 * the complete validation): a read shows them as they are instead of parsing and scoring the answers again.
 * A row without a well-formed frozen result (none is expected) is scored as a draft would be.
 */
function frozenResult(a: AssessmentRow): Assessed | null {
  if (a.status !== 'submitted' || !a.result) return null;
  const r = a.result as { score?: Partial<AssessmentResult['score']>; level?: Partial<AssessmentResult['level']> };
  if (typeof r.score?.base !== 'number' || !Array.isArray(r.score.dimensions) || !r.score.progress || typeof r.level?.level !== 'number') return null;
  return { score: r.score as AssessmentResult['score'], level: r.level as AssessmentResult['level'], valid: true };
}

async function toDetail(db: DbOrTx, actor: Actor, a: AssessmentRow, project: ProjectRow): Promise<AssessmentDetail> {
  const catalog = getCatalog(a.catalogVersion);
  const frozen = frozenResult(a);
  const answers = frozen ? null : answersOf(a);
  const result: Assessed = frozen ?? assess(catalog, answers ?? answersOf(a));
  const [filler] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, a.filledByOrgId));
  const mine = a.filledByOrgId === actor.orgId;
  const fill = canFill(actor, project, a.mode as AssessmentMode);
  const editable = a.status === 'draft' && mine && fill.ok;
  return {
    id: a.id,
    projectId: a.projectId,
    mode: a.mode as AssessmentMode,
    catalogVersion: a.catalogVersion,
    status: a.status as 'draft' | 'submitted',
    base: a.baseMilli === null ? null : a.baseMilli / 1000,
    level: a.level,
    filledBy: filler?.name ?? '',
    submittedAt: a.submittedAt?.toISOString() ?? null,
    updatedAt: a.updatedAt.toISOString(),
    answers: a.answers,
    revision: a.revision,
    pledgedAt: a.pledgedAt?.toISOString() ?? null,
    live: {
      base: result.score.base,
      level: result.level.level,
      levelName: result.level.name,
      nextMissing: result.level.next?.missingSummary ?? null,
      dimensions: result.score.dimensions.map((d) => ({ code: d.code, name: d.name, score: d.score, max: d.max })),
      progress: result.score.progress,
      problems: a.status === 'draft' && answers ? validateAnswers(catalog, answers, { complete: false }) : [],
      complete: result.valid,
    },
    abilities: { edit: editable, submit: editable && result.valid, report: a.status === 'submitted' },
  };
}

export async function listProjectAssessments(db: AppDb, actor: Actor, projectId: string) {
  const project = await loadProjectFor(db, actor, projectId);
  const rows = await db
    .select({
      id: assessments.id,
      projectId: assessments.projectId,
      mode: assessments.mode,
      catalogVersion: assessments.catalogVersion,
      status: assessments.status,
      baseMilli: assessments.baseMilli,
      level: assessments.level,
      filledByOrgId: assessments.filledByOrgId,
      filledBy: organizations.name,
      submittedAt: assessments.submittedAt,
      updatedAt: assessments.updatedAt,
    })
    .from(assessments)
    .innerJoin(organizations, eq(organizations.id, assessments.filledByOrgId))
    .where(eq(assessments.projectId, project.id))
    .orderBy(desc(assessments.createdAt));
  return rows
    .filter((r) => canRead(actor, r))
    .map((r) => ({
      id: r.id,
      projectId: r.projectId,
      mode: r.mode as AssessmentMode,
      catalogVersion: r.catalogVersion,
      status: r.status as 'draft' | 'submitted',
      base: r.baseMilli === null ? null : r.baseMilli / 1000,
      level: r.level,
      filledBy: r.filledBy,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
    }));
}

/** Starts a draft of this mode, or returns the actor's open draft (so a second click or tab does not make two). */
export async function startAssessment(db: AppDb, ctx: RequestContext, projectId: string, mode: AssessmentMode): Promise<{ created: boolean; detail: AssessmentDetail }> {
  return db.transaction(async (tx) => {
    const project = await loadProjectFor(tx, ctx.actor, projectId, { forUpdate: true });
    refuse(canFill(ctx.actor, project, mode));
    const [open] = await tx
      .select()
      .from(assessments)
      .where(and(eq(assessments.projectId, project.id), eq(assessments.mode, mode), eq(assessments.filledByOrgId, ctx.actor.orgId), eq(assessments.status, 'draft')));
    if (open) return { created: false, detail: await toDetail(tx, ctx.actor, open, project) };
    const catalog = getCatalog(LATEST_CATALOG_VERSION);
    const [row] = await tx
      .insert(assessments)
      .values({
        projectId: project.id,
        enterpriseId: project.enterpriseId,
        mode,
        catalogVersion: catalog.version,
        answers: { catalogVersion: catalog.version, questions: {}, scenes: {}, inputs: {} },
        filledByOrgId: ctx.actor.orgId,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: 'assessment.started', targetType: 'assessment', targetId: row.id, projectId: project.id, summary: { mode, catalogVersion: catalog.version } });
    return { created: true, detail: await toDetail(tx, ctx.actor, row, project) };
  });
}

export async function getAssessment(db: AppDb, actor: Actor, id: string): Promise<AssessmentDetail> {
  const { a, project } = await loadAssessmentFor(db, actor, id);
  return toDetail(db, actor, a, project);
}

async function loadForWrite(tx: DbOrTx, ctx: RequestContext, id: string, revision: number): Promise<{ a: AssessmentRow; project: ProjectRow }> {
  const { a, project } = await loadAssessmentFor(tx, ctx.actor, id, { forUpdate: true });
  if (a.filledByOrgId !== ctx.actor.orgId) throw new AppError('FORBIDDEN_ROLE');
  if (a.status === 'submitted') throw new AppError('ALREADY_SUBMITTED', { message: { zh: '评测已提交，不能再修改', en: 'The assessment was submitted and can no longer be changed' } });
  refuse(canFill(ctx.actor, project, a.mode as AssessmentMode));
  if (a.revision !== revision) throw new AppError('CONFLICT');
  return { a, project };
}

/** Autosave: any well-formed draft is kept; its problems come back to show next to the questions. */
export async function saveAnswers(db: AppDb, ctx: RequestContext, id: string, raw: unknown, revision: number): Promise<AssessmentDetail> {
  const parsed = parseAnswers(raw);
  if (!parsed.ok) throw invalid(parsed.problems);
  return db.transaction(async (tx) => {
    const { a, project } = await loadForWrite(tx, ctx, id, revision);
    const answers = { ...parsed.answers, catalogVersion: a.catalogVersion };
    const [row] = await tx
      .update(assessments)
      .set({ answers: answers as Record<string, unknown>, revision: a.revision + 1, updatedAt: sql`now()` })
      .where(eq(assessments.id, a.id))
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: 'assessment.saved', targetType: 'assessment', targetId: a.id, projectId: project.id, summary: { revision: row.revision } });
    return toDetail(tx, ctx.actor, row, project);
  });
}

/** Submission: complete, consistent answers and the truthfulness pledge; the result is frozen with its catalog version. */
export async function submitAssessment(db: AppDb, ctx: RequestContext, id: string, pledge: boolean, revision: number): Promise<AssessmentDetail> {
  if (!pledge) throw new AppError('PLEDGE_REQUIRED');
  return db.transaction(async (tx) => {
    const { a, project } = await loadForWrite(tx, ctx, id, revision);
    if (!isCatalogVersion(a.catalogVersion)) throw new AppError('INTERNAL');
    const result = assess(getCatalog(a.catalogVersion), answersOf(a));
    if (!result.valid) throw invalid(result.problems);
    const now = new Date();
    const [row] = await tx
      .update(assessments)
      .set({
        status: 'submitted',
        result: { score: result.score, level: result.level } as unknown as Record<string, unknown>,
        baseMilli: Math.round(result.score.base * 1000),
        level: result.level.level,
        pledgedAt: now,
        submittedAt: now,
        revision: a.revision + 1,
        updatedAt: now,
      })
      .where(eq(assessments.id, a.id))
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), {
      action: 'assessment.submitted',
      targetType: 'assessment',
      targetId: a.id,
      projectId: project.id,
      summary: { mode: a.mode, catalogVersion: a.catalogVersion, base: result.score.base, level: result.level.level, pledge: true },
    });
    const fill = canFill(ctx.actor, project, a.mode as AssessmentMode);
    const completes = fill.ok ? fill.completes : null;
    // Reload the project's guard facts: they now include this submission.
    const reloaded = completes ? await loadProjectFor(tx, ctx.actor, project.id, { forUpdate: true }) : null;
    const after = reloaded && completes ? await applyProjectEvent(tx, ctx, reloaded, completes, undefined) : project;
    return toDetail(tx, ctx.actor, row, after);
  });
}

/** The latest submitted diagnosis (self or institution) of a project: the "before" of an evaluation. */
export async function latestDiagnosis(db: DbOrTx, projectId: string): Promise<AssessmentRow | null> {
  const [row] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.projectId, projectId), inArray(assessments.mode, ['self', 'institution']), eq(assessments.status, 'submitted')))
    .orderBy(desc(assessments.submittedAt))
    .limit(1);
  return row ?? null;
}

export { answersOf };

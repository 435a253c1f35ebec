/**
 * Institution reports as workflow objects (tables `zs-report-diagnosis-v1` / `zs-report-evaluation-v1`): one row
 * per version in `workflow_objects`. The project's transitions move them through their own table in the same
 * transaction (effects below); the report's own effects lock it and hand it to the bureau.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { materials, workflowObjects } from '../../../db/schema';
import { DIGITAL_LEVELS, getState, type DigitalLevel, type ReportKind, type ReportStatus } from '../../../core/workflow';
import { AppError } from '../../http/errors';
import { currentVersion, tableFor, type ObjectKind } from '../../workflow/registry';
import { fireSubjectEvent, type WorkflowObjectRow } from '../../workflow/runtime';
import { assignmentOf, type EffectEnv, type EffectHandler, type FactProvider } from '../../workflow/types';

export const REPORT_OBJECT_KINDS: Record<ReportKind, ObjectKind> = { diagnosis: 'diagnosisReport', evaluation: 'evaluationReport' };

/** The report kind a project transition concerns: its state's assignment, from the table. */
function kindOf(env: EffectEnv): ReportKind {
  return assignmentOf(env);
}

/** The latest version of each report of the projects, in one query. */
export async function latestReports(db: DbOrTx, projectIds: readonly string[]): Promise<Map<string, Partial<Record<ReportKind, WorkflowObjectRow>>>> {
  const out = new Map<string, Partial<Record<ReportKind, WorkflowObjectRow>>>();
  if (projectIds.length === 0) return out;
  const rows = await db
    .select()
    .from(workflowObjects)
    .where(and(inArray(workflowObjects.projectId, [...projectIds]), inArray(workflowObjects.kind, Object.values(REPORT_OBJECT_KINDS))))
    .orderBy(desc(workflowObjects.version));
  for (const r of rows) {
    if (!r.projectId) continue;
    const kind: ReportKind = r.kind === 'evaluationReport' ? 'evaluation' : 'diagnosis';
    const entry = out.get(r.projectId) ?? {};
    if (!entry[kind]) entry[kind] = r;
    out.set(r.projectId, entry);
  }
  return out;
}

/** Every version of a project's reports of one kind, newest first. */
export async function reportVersions(db: DbOrTx, projectId: string, kind: ReportKind): Promise<WorkflowObjectRow[]> {
  return db
    .select()
    .from(workflowObjects)
    .where(and(eq(workflowObjects.projectId, projectId), eq(workflowObjects.kind, REPORT_OBJECT_KINDS[kind])))
    .orderBy(desc(workflowObjects.version));
}

/** A new report version in its table's first state. */
async function newVersion(env: EffectEnv, kind: ReportKind, latest: WorkflowObjectRow | undefined, assigneeOrgId: string | null): Promise<WorkflowObjectRow> {
  const version = currentVersion(REPORT_OBJECT_KINDS[kind]);
  const initial = tableFor(version).initial;
  const [row] = await env.tx
    .insert(workflowObjects)
    .values({
      kind: REPORT_OBJECT_KINDS[kind],
      workflowVersion: version,
      state: initial,
      projectId: env.project.id,
      assigneeOrgId,
      version: (latest?.version ?? 0) + 1,
      createdBy: env.ctx.actor.userId,
    })
    .returning();
  if (!row) throw new AppError('INTERNAL');
  return row;
}

/**
 * The report version the institution is writing now: the latest one while it is still in its table's first
 * state, a new version once the latest has ended (a terminal state: disputed, or confirmed by an earlier
 * attempt — an evaluation below level 2 is followed, after remediation, by a new attempt and so a new version);
 * a version still awaiting the enterprise cannot be sent again.
 */
async function workingVersion(env: EffectEnv, kind: ReportKind): Promise<WorkflowObjectRow> {
  const latest = (await latestReports(env.tx, [env.project.id])).get(env.project.id)?.[kind];
  if (!latest) return newVersion(env, kind, latest, env.ctx.actor.orgId);
  const table = tableFor(latest.workflowVersion);
  if (latest.state === table.initial) return latest;
  if (!getState(table, latest.state)?.terminal) throw new AppError('ALREADY_SUBMITTED');
  return newVersion(env, kind, latest, env.ctx.actor.orgId);
}

async function latestIn(env: EffectEnv, kind: ReportKind, state: ReportStatus): Promise<WorkflowObjectRow> {
  const latest = (await latestReports(env.tx, [env.project.id])).get(env.project.id)?.[kind];
  if (!latest || latest.state !== state) {
    if (latest?.state === 'confirmed') throw new AppError('ALREADY_CONFIRMED');
    throw new AppError('STAGE_NOT_ALLOWED', { message: { zh: '没有待确认的报告', en: 'There is no report awaiting confirmation' } });
  }
  return latest;
}

/** The current file of the report slot (the PDF the institution uploaded). */
async function reportFile(env: EffectEnv, kind: ReportKind): Promise<{ id: number; fileName: string } | null> {
  const [m] = await env.tx
    .select({ id: materials.id, fileName: materials.fileName })
    .from(materials)
    .where(and(eq(materials.projectId, env.project.id), eq(materials.slotKey, `${kind}.report`), isNull(materials.supersededAt), isNull(materials.removedAt)))
    .orderBy(desc(materials.id))
    .limit(1);
  return m ?? null;
}

export const reportEffects = {
  /** Self-diagnosis: the platform's report (rendered from the submitted assessment) is confirmed at once. */
  generateDiagnosisReport: async (env) => {
    const latest = (await latestReports(env.tx, [env.project.id])).get(env.project.id)?.diagnosis;
    const draft = await newVersion(env, 'diagnosis', latest, null);
    await fireSubjectEvent(env, draft, 'generate', { role: 'system', data: { source: 'selfAssessment', generatedAt: env.now.toISOString() } });
  },
  sendReportToEnterprise: async (env) => {
    const kind = kindOf(env);
    const file = await reportFile(env, kind);
    const draft = await workingVersion(env, kind);
    // The version's own level is the one being submitted (the stored one is the previous version's).
    const level = levelOf(env.input.levelAfter);
    const row = await fireSubjectEvent(env, draft, 'upload', {
      role: env.role,
      input: env.input,
      ...(level === null ? {} : { facts: { evaluationLevel: level } }),
      data: { ...env.input, materialId: file?.id ?? null, fileName: file?.fileName ?? null, institutionOrgId: env.ctx.actor.orgId, submittedAt: env.now.toISOString() },
    });
    env.summary.report = { id: row.id, version: row.version };
  },
  confirmReport: async (env) => {
    const kind = kindOf(env);
    const row = await fireSubjectEvent(env, await latestIn(env, kind, 'uploaded'), 'confirm', { role: 'enterprise', data: { confirmedAt: env.now.toISOString(), confirmedBy: env.ctx.actor.userId } });
    env.summary.report = { id: row.id, version: row.version };
  },
  disputeReport: async (env) => {
    const kind = kindOf(env);
    const row = await fireSubjectEvent(env, await latestIn(env, kind, 'uploaded'), 'dispute', { role: 'enterprise', reason: env.reason, data: { disputedAt: env.now.toISOString(), disputeReason: env.reason } });
    env.summary.report = { id: row.id, version: row.version };
  },
  lockReport: async (env) => {
    env.subject.data.lockedAt = env.now.toISOString();
  },
  submitReportToBureau: async (env) => {
    env.subject.data.submittedToBureauAt = env.now.toISOString();
  },
} satisfies Record<string, EffectHandler>;

function levelOf(v: unknown): DigitalLevel | null {
  return typeof v === 'number' && (DIGITAL_LEVELS as readonly number[]).includes(v) ? (v as DigitalLevel) : null;
}

/** Guard facts owned here: the status of each report's latest version. */
export const reportFacts: FactProvider = {
  name: 'reports',
  provides: ['reports', 'evaluationLevel'],
  async load({ tx, project }) {
    const latest = (await latestReports(tx, [project.id])).get(project.id) ?? {};
    // The level the institution assessed with its latest evaluation report (each attempt is its own version).
    const level = latest.evaluation?.data.levelAfter;
    return {
      reports: { diagnosis: (latest.diagnosis?.state as ReportStatus | undefined) ?? null, evaluation: (latest.evaluation?.state as ReportStatus | undefined) ?? null },
      evaluationLevel: levelOf(level),
    };
  },
};

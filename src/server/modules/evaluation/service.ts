/**
 * The evaluation history of a project (every attempt with its versions, level, conclusion, gaps, disputes and
 * declaration, against the level before) and the bureau's list of benchmark recommendations.
 */
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { AppDb } from '../../../db/client';
import { benchmarkRecommendations, conflictDeclarations, organizations, projects, users } from '../../../db/schema';
import { getState, type DigitalLevel } from '../../../core/workflow';
import type { Text } from '../../../core/text';
import type { Actor } from '../../http/actor';
import { tableFor } from '../../workflow/registry';
import { latestDiagnosis } from '../assessments/service';
import { assertCaseVisible, loadProjectFor, projectScope } from '../projects/policy';
import { reportVersions } from '../reports/objects';

const asLevel = (v: unknown): DigitalLevel | null => (v === 0 || v === 1 || v === 2 || v === 3 || v === 4 ? v : null);
const asText = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export interface EvaluationAttempt {
  n: number;
  institution: { id: string; name: string } | null;
  startedAt: string;
  declaredAt: string | null;
  submittedAt: string | null;
  confirmedAt: string | null;
  level: DigitalLevel | null;
  summary: string | null;
  gaps: string | null;
  benchmark: 'workshop' | 'smart' | null;
  benchmarkReasons: string | null;
  state: string;
  stateLabel: Text;
  confirmed: boolean;
  passed: boolean | null;
  versions: number;
  disputes: Array<{ version: number; at: string | null; reason: string }>;
  reportId: string;
  materialId: number | null;
  fileName: string | null;
}

export interface EvaluationHistory {
  levelBefore: DigitalLevel | null;
  levelAfter: DigitalLevel | null;
  pilotEnterpriseAt: string | null;
  attempts: EvaluationAttempt[];
  /** An assignment under way that has no report yet (assigned, or accepted and evaluating). */
  pending: { institution: { id: string; name: string } | null; state: string; stateLabel: Text; declaredAt: string | null } | null;
  benchmarks: Array<{ id: string; kind: 'workshop' | 'smart'; reasons: string; institutionName: string; createdAt: string; status: string }>;
}

async function orgNames(db: AppDb, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function evaluationHistory(db: AppDb, actor: Actor, projectId: string): Promise<EvaluationHistory> {
  const p = await loadProjectFor(db, actor, projectId);
  assertCaseVisible(actor, p);
  const versions = (await reportVersions(db, p.id, 'evaluation')).reverse();
  const declarations = await db
    .select({ org: conflictDeclarations.institutionOrgId, at: conflictDeclarations.declaredAt })
    .from(conflictDeclarations)
    .where(and(eq(conflictDeclarations.projectId, p.id), eq(conflictDeclarations.phase, 'evaluation')))
    .orderBy(asc(conflictDeclarations.declaredAt));
  const benchRows = await db
    .select()
    .from(benchmarkRecommendations)
    .where(eq(benchmarkRecommendations.projectId, p.id))
    .orderBy(desc(benchmarkRecommendations.createdAt));
  const names = await orgNames(db, [
    ...versions.map((v) => asText(v.data.institutionOrgId) ?? v.assigneeOrgId ?? ''),
    ...benchRows.map((b) => b.institutionOrgId),
    p.evaluationInstitutionId ?? '',
  ]);
  const inst = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);

  const attempts: EvaluationAttempt[] = [];
  let open: EvaluationAttempt | null = null;
  for (const v of versions) {
    const orgId = asText(v.data.institutionOrgId) ?? v.assigneeOrgId;
    const table = tableFor(v.workflowVersion);
    if (!open) {
      const startedAt = v.createdAt;
      const declared = declarations.filter((d) => d.org === orgId && d.at <= startedAt).at(-1);
      open = {
        n: attempts.length + 1,
        institution: inst(orgId),
        startedAt: startedAt.toISOString(),
        declaredAt: declared?.at.toISOString() ?? null,
        submittedAt: null,
        confirmedAt: null,
        level: null,
        summary: null,
        gaps: null,
        benchmark: null,
        benchmarkReasons: null,
        state: v.state,
        stateLabel: getState(table, v.state)?.label ?? { zh: v.state, en: v.state },
        confirmed: false,
        passed: null,
        versions: 0,
        disputes: [],
        reportId: v.id,
        materialId: null,
        fileName: null,
      };
    }
    const level = asLevel(v.data.levelAfter);
    const bench = v.data.benchmark === 'workshop' || v.data.benchmark === 'smart' ? v.data.benchmark : null;
    Object.assign(open, {
      institution: inst(orgId),
      submittedAt: asText(v.data.submittedAt),
      confirmedAt: asText(v.data.confirmedAt),
      level,
      summary: asText(v.data.summary),
      gaps: asText(v.data.gaps),
      benchmark: bench,
      benchmarkReasons: bench ? asText(v.data.benchmarkReasons) : null,
      state: v.state,
      stateLabel: getState(table, v.state)?.label ?? { zh: v.state, en: v.state },
      confirmed: v.state === 'confirmed',
      passed: v.state === 'confirmed' && level !== null ? level >= 2 : null,
      versions: open.versions + 1,
      reportId: v.id,
      materialId: typeof v.data.materialId === 'number' ? v.data.materialId : null,
      fileName: asText(v.data.fileName),
    });
    if (v.state === 'disputed') open.disputes.push({ version: v.version, at: asText(v.data.disputedAt), reason: asText(v.data.disputeReason) ?? '' });
    if (v.state === 'confirmed') {
      attempts.push(open);
      open = null;
    }
  }
  // A disputed version leaves its attempt open (the institution revises); an assignment after a confirmed
  // attempt (or the first one) is pending until its first report.
  const hasOpen = open !== null;
  if (open) attempts.push(open);
  const projectState = getState(tableFor(p.workflowVersion), p.state);
  let pending: EvaluationHistory['pending'] = null;
  if (projectState?.assignment === 'evaluation' && !hasOpen) {
    const since = attempts.at(-1)?.confirmedAt ?? null;
    const declared = declarations.filter((d) => d.org === p.evaluationInstitutionId && (since === null || d.at.toISOString() >= since)).at(-1);
    pending = { institution: inst(p.evaluationInstitutionId), state: p.state, stateLabel: projectState.label, declaredAt: declared?.at.toISOString() ?? null };
  }
  const confirmed = attempts.filter((a) => a.confirmed);
  const levelBefore = await beforeLevel(db, p.id);
  return {
    levelBefore,
    levelAfter: confirmed.at(-1)?.level ?? null,
    pilotEnterpriseAt: p.pilotEnterpriseAt?.toISOString() ?? null,
    attempts,
    pending,
    benchmarks: benchRows.map((b) => ({
      id: String(b.id),
      kind: b.kind === 'smart' ? 'smart' : 'workshop',
      reasons: b.reasons,
      institutionName: names.get(b.institutionOrgId) ?? '',
      createdAt: b.createdAt.toISOString(),
      status: b.status,
    })),
  };
}

/** The level before transformation: the confirmed diagnosis report's, else the latest submitted diagnosis questionnaire's. */
async function beforeLevel(db: AppDb, projectId: string): Promise<DigitalLevel | null> {
  const diag = (await reportVersions(db, projectId, 'diagnosis')).find((v) => v.state === 'confirmed');
  const fromReport = asLevel(diag?.data.levelBefore);
  if (fromReport !== null) return fromReport;
  return asLevel((await latestDiagnosis(db, projectId))?.level);
}

/** The bureau's list of benchmark recommendations, newest first, with their projects. */
export async function listBenchmarkRecommendations(db: AppDb, actor: Actor, q: { page: number; pageSize: number; kind?: 'workshop' | 'smart' | undefined }) {
  const where = and(projectScope(actor), q.kind ? eq(benchmarkRecommendations.kind, q.kind) : undefined);
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: benchmarkRecommendations.id,
        kind: benchmarkRecommendations.kind,
        reasons: benchmarkRecommendations.reasons,
        status: benchmarkRecommendations.status,
        createdAt: benchmarkRecommendations.createdAt,
        institutionName: organizations.name,
        createdByName: users.name,
        projectId: projects.id,
        projectTitle: projects.title,
        enterpriseName: projects.enterpriseName,
        filingNo: projects.filingNo,
        townCode: projects.townCode,
        state: projects.state,
        workflowVersion: projects.workflowVersion,
      })
      .from(benchmarkRecommendations)
      .innerJoin(projects, eq(projects.id, benchmarkRecommendations.projectId))
      .leftJoin(organizations, eq(organizations.id, benchmarkRecommendations.institutionOrgId))
      .leftJoin(users, eq(users.id, benchmarkRecommendations.createdBy))
      .where(where)
      .orderBy(desc(benchmarkRecommendations.createdAt), desc(benchmarkRecommendations.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(benchmarkRecommendations).innerJoin(projects, eq(projects.id, benchmarkRecommendations.projectId)).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      kind: (r.kind === 'smart' ? 'smart' : 'workshop') as 'workshop' | 'smart',
      reasons: r.reasons,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      institutionName: r.institutionName ?? '',
      createdByName: r.createdByName ?? '',
      project: {
        id: r.projectId,
        title: r.projectTitle,
        enterpriseName: r.enterpriseName,
        filingNo: r.filingNo,
        townCode: r.townCode,
        state: r.state,
        stateLabel: getState(tableFor(r.workflowVersion), r.state)?.label ?? { zh: r.state, en: r.state },
      },
    })),
    total: Number(totals[0]?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

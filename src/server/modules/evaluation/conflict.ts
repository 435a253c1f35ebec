/**
 * Conflict of interest of an evaluation institution with a project (成效评估回避): the project's provider itself,
 * an organisation sharing its credit code or its group (organizations.parent_group), and — unless
 * EVALUATION_EXCLUDES_DIAGNOSER=0 — the institution that diagnosed the project (the project's diagnosis
 * institution or the writer of any diagnosis report version). One rule, read by the guard fact, the workload
 * picker and the batch assignment.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { organizations, projects, workflowObjects } from '../../../db/schema';
import type { Text } from '../../../core/text';

/** The platform's setting, given by the app at start (see routes.ts); on by default. */
let excludesDiagnoserSetting = true;
export function setEvaluationExcludesDiagnoser(on: boolean): void {
  excludesDiagnoserSetting = on;
}
export function evaluationExcludesDiagnoser(): boolean {
  return excludesDiagnoserSetting;
}

interface ProjectParties {
  provider: { id: string; name: string; uscc: string | null; parentGroup: string | null } | null;
  diagnosers: Set<string>;
}

async function parties(db: DbOrTx, projectId: string): Promise<ProjectParties | null> {
  const [p] = await db
    .select({ providerOrgId: projects.providerOrgId, diagnosisInstitutionId: projects.diagnosisInstitutionId })
    .from(projects)
    .where(eq(projects.id, projectId));
  if (!p) return null;
  const diagnosers = new Set<string>();
  if (p.diagnosisInstitutionId) diagnosers.add(p.diagnosisInstitutionId);
  const writers = await db
    .select({ org: sql<string | null>`${workflowObjects.data}->>'institutionOrgId'` })
    .from(workflowObjects)
    .where(and(eq(workflowObjects.projectId, projectId), eq(workflowObjects.kind, 'diagnosisReport')));
  for (const w of writers) if (w.org) diagnosers.add(w.org);
  let provider: ProjectParties['provider'] = null;
  if (p.providerOrgId) {
    const [o] = await db
      .select({ id: organizations.id, name: organizations.name, uscc: organizations.uscc, parentGroup: organizations.parentGroup })
      .from(organizations)
      .where(eq(organizations.id, p.providerOrgId));
    provider = o ?? { id: p.providerOrgId, name: '', uscc: null, parentGroup: null };
  }
  return { provider, diagnosers };
}

const blank = (s: string | null | undefined): s is null | undefined => s === null || s === undefined || s.trim() === '';

/**
 * Why each of the institutions may not evaluate the project, by institution id (absent = no conflict).
 * `excludesDiagnoser` defaults to the platform's setting.
 */
export async function institutionConflicts(db: DbOrTx, projectId: string, institutionIds: readonly string[], excludesDiagnoser = excludesDiagnoserSetting): Promise<Map<string, Text>> {
  const out = new Map<string, Text>();
  if (institutionIds.length === 0) return out;
  const who = await parties(db, projectId);
  if (!who) return out;
  const orgs = await db
    .select({ id: organizations.id, uscc: organizations.uscc, parentGroup: organizations.parentGroup })
    .from(organizations)
    .where(inArray(organizations.id, [...new Set(institutionIds)]));
  const pv = who.provider;
  const pvName = pv?.name ? `（${pv.name}）` : '';
  const pvNameEn = pv?.name ? ` (${pv.name})` : '';
  for (const o of orgs) {
    if (pv && o.id === pv.id) {
      out.set(o.id, { zh: `该机构是本项目的服务商${pvName}，不能评估本项目`, en: `This institution is the project's provider${pvNameEn} and cannot evaluate it` });
    } else if (pv && !blank(pv.uscc) && !blank(o.uscc) && o.uscc.trim() === pv.uscc.trim()) {
      out.set(o.id, {
        zh: `该机构与本项目服务商${pvName}统一社会信用代码相同，属同一单位，不能评估本项目`,
        en: `This institution has the same credit code as the project's provider${pvNameEn}: the same organisation cannot evaluate it`,
      });
    } else if (pv && !blank(pv.parentGroup) && !blank(o.parentGroup) && o.parentGroup.trim() === pv.parentGroup.trim()) {
      const g = pv.parentGroup.trim();
      out.set(o.id, {
        zh: `该机构与本项目服务商${pvName}同属“${g}”，存在利益关联，不能评估本项目`,
        en: `This institution belongs to the same group as the project's provider${pvNameEn} ("${g}") and cannot evaluate it`,
      });
    } else if (excludesDiagnoser && who.diagnosers.has(o.id)) {
      out.set(o.id, {
        zh: '该机构承担了本项目的诊断，诊断机构应回避，不能评估本项目',
        en: 'This institution diagnosed the project; the diagnosing institution may not evaluate it',
      });
    }
  }
  return out;
}

/** The conflicts of the institutions with any of the projects (the first reason found for each institution). */
export async function conflictsWithAny(db: DbOrTx, projectIds: readonly string[], institutionIds: readonly string[], excludesDiagnoser = excludesDiagnoserSetting): Promise<Map<string, Text>> {
  const out = new Map<string, Text>();
  for (const pid of new Set(projectIds)) {
    const found = await institutionConflicts(db, pid, institutionIds, excludesDiagnoser);
    for (const [id, why] of found) if (!out.has(id)) out.set(id, why);
  }
  return out;
}

import type { ProjectRow } from './policy';

/** The filing as it stands: what a revision keeps and what the bureau diffs. */
export function snapshotOf(p: ProjectRow): Record<string, unknown> {
  return {
    title: p.title,
    situation: p.situation,
    needs: p.needs,
    scope: p.scope,
    plannedInvestmentFen: p.plannedInvestmentFen,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    diagnosisMode: p.diagnosisMode,
    enterpriseName: p.enterpriseName,
    uscc: p.uscc,
    townCode: p.townCode,
    industryCode: p.industryCode,
  };
}

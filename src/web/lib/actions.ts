import type { ProjectAction, ProjectDetail } from '../api/types';

/** The main next step the table offers the caller (the action of kind 'primary'), if any. */
export function primaryActionOf(p: Pick<ProjectDetail, 'actions'>): ProjectAction | undefined {
  return p.actions.find((a) => a.kind === 'primary');
}

/** True when this change gave the project its 备案号 (the moment to show the Result page). */
export function justFiled(before: ProjectDetail, after: ProjectDetail): boolean {
  return !before.filingNo && Boolean(after.filingNo);
}

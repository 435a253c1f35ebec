import type { ProjectDetail } from '../api/types';

/** The filing's submit action as the server names it ('submitFiling'; 'submit' in the first contract draft). */
export function submitActionOf(p: ProjectDetail) {
  return p.actions.find((a) => a.event === 'submitFiling') ?? p.actions.find((a) => a.event === 'submit') ?? p.actions.find((a) => a.event.startsWith('submit'));
}

/** True when this change gave the project its 备案号 (the moment to show the Result page). */
export function justFiled(before: ProjectDetail, after: ProjectDetail): boolean {
  return !before.filingNo && Boolean(after.filingNo);
}

import type { ProjectDetail } from '../../api/types';

/** The evaluation area's pages and cards (being built). */
export function EvaluationHistoryCard(_props: { project: ProjectDetail }) {
  return null;
}

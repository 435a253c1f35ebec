import type { ProjectDetail } from '../../api/types';

/** The implementation area's pages and cards (being built). */
export function ImplementationCard(_props: { project: ProjectDetail }) {
  return null;
}

import type { ProjectDetail } from '../../api/types';

/** The contract area's pages and cards (being built). */
export function ContractCard(_props: { project: ProjectDetail }) {
  return null;
}

export function TargetsCard(_props: { project: ProjectDetail }) {
  return null;
}

export function ArchivePage() {
  return null;
}

/** The bureau's institution-diagnosis queue: the institutions' workload and the (batch) assignment. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Text } from '../../../core/text';

export interface InstitutionWorkload {
  id: string;
  name: string;
  kind: 'comprehensive' | 'diagnostic';
  /** Diagnosis tasks assigned and not finished. */
  open: number;
  overdue: number;
  /** The least loaded (the platform's suggestion). */
  suggested: boolean;
}

export interface AssignInput {
  projectIds: string[];
  /** Omitted: the platform picks the least loaded institution for each project. */
  institutionId?: string;
  dueOn?: string;
  note?: string;
}

export interface AssignResult {
  projectId: string;
  ok: boolean;
  institution?: { id: string; name: string };
  dueOn?: string;
  code?: string;
  message?: Text;
}

export const workloadKey = ['institutions', 'workload'] as const;

export function useInstitutionWorkload(enabled = true) {
  return useQuery({
    queryKey: workloadKey,
    queryFn: ({ signal }) => api.get<InstitutionWorkload[]>('/institutions/workload', undefined, signal),
    enabled,
    staleTime: 0,
  });
}

export function useAssignInstitutions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignInput) => api.post<{ results: AssignResult[] }>('/projects/assign-institutions', body),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['projects'] }),
        qc.invalidateQueries({ queryKey: workloadKey }),
        qc.invalidateQueries({ queryKey: ['project'] }),
        qc.invalidateQueries({ queryKey: ['tasks'] }),
      ]),
  });
}

/** The evaluation area's queries: a project's evaluation history, the bureau's benchmark list, the evaluation picker. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Text } from '../../core/text';
import { workloadKey } from '../workbench/bureau/diagnosisApi';

export interface EvaluationAttempt {
  n: number;
  institution: { id: string; name: string } | null;
  startedAt: string;
  declaredAt: string | null;
  submittedAt: string | null;
  confirmedAt: string | null;
  level: number | null;
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
  levelBefore: number | null;
  levelAfter: number | null;
  pilotEnterpriseAt: string | null;
  attempts: EvaluationAttempt[];
  pending: { institution: { id: string; name: string } | null; state: string; stateLabel: Text; declaredAt: string | null } | null;
  benchmarks: Array<{ id: string; kind: 'workshop' | 'smart'; reasons: string; institutionName: string; createdAt: string; status: string }>;
}

export function useEvaluationHistory(projectId: string, enabled = true) {
  return useQuery({
    queryKey: ['projects', projectId, 'evaluations'],
    queryFn: ({ signal }) => api.get<EvaluationHistory>(`/projects/${projectId}/evaluations`, undefined, signal),
    enabled,
    retry: false,
  });
}

export interface BenchmarkItem {
  id: string;
  kind: 'workshop' | 'smart';
  reasons: string;
  status: string;
  createdAt: string;
  institutionName: string;
  createdByName: string;
  project: { id: string; title: string; enterpriseName: string; filingNo: string | null; townCode: string | null; state: string; stateLabel: Text };
}

export function useBenchmarkRecommendations(params: { page: number; pageSize: number; kind?: 'workshop' | 'smart' | undefined }, enabled = true) {
  return useQuery({
    queryKey: ['benchmark-recommendations', params],
    queryFn: ({ signal }) => api.get<{ items: BenchmarkItem[]; total: number; page: number; pageSize: number }>('/benchmark-recommendations', { ...params }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type Assignment = 'diagnosis' | 'evaluation';

export interface AssignableInstitution {
  id: string;
  name: string;
  kind: 'comprehensive' | 'diagnostic';
  open: number;
  overdue: number;
  suggested: boolean;
  /** Why it may not take these projects (conflict of interest), null if it may. */
  conflict: Text | null;
}

/** The institutions an assignment may pick, with their workload and, for these projects, their conflicts of interest. */
export function useAssignableInstitutions(assignment: Assignment, projectIds: readonly string[], enabled = true) {
  const ids = [...projectIds].sort().join(',');
  return useQuery({
    queryKey: [...workloadKey, assignment, ids],
    queryFn: ({ signal }) => api.get<AssignableInstitution[]>('/institutions/workload', { assignment, ...(ids ? { projectIds: ids } : {}) }, signal),
    enabled,
    staleTime: 0,
  });
}

/**
 * The assessment API as the pages use it (mirrors the server's zod schemas in
 * src/server/modules/assessments/schemas.ts and the report model in src/server/modules/reports/model.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, ApiError } from '../api/client';
import type { Text } from '../../core/text';
import type { AssessmentComparison, AssessmentProblem, AssessmentResult, ProductRecommendation, Weakness } from '../../core/assessment';

export type AssessmentMode = 'self' | 'institution' | 'evaluation';
export const ASSESSMENT_MODES: readonly AssessmentMode[] = ['self', 'institution', 'evaluation'];
export type AssessmentStatus = 'draft' | 'submitted';

export function isAssessmentMode(v: string | undefined): v is AssessmentMode {
  return v === 'self' || v === 'institution' || v === 'evaluation';
}

export interface AssessmentSummary {
  id: string;
  projectId: string;
  mode: AssessmentMode;
  catalogVersion: string;
  status: AssessmentStatus;
  base: number | null;
  level: number | null;
  filledBy: string;
  submittedAt: string | null;
  updatedAt: string;
}

export interface LiveResult {
  base: number;
  level: number;
  levelName: Text;
  nextMissing: Text | null;
  dimensions: { code: string; name: Text; score: number; max: number }[];
  progress: { questionsAnswered: number; questionsTotal: number; scenesRated: number; scenesTotal: number };
  problems: AssessmentProblem[];
  complete: boolean;
}

export interface AssessmentDetail extends AssessmentSummary {
  answers: Record<string, unknown>;
  revision: number;
  pledgedAt: string | null;
  live: LiveResult;
  abilities: { edit: boolean; submit: boolean; report: boolean };
}

export interface ReportProduct {
  id: string;
  name: string;
  providerName: string;
  summary: string;
  scenes: string[];
  indicators: string[];
  priceFen: number | null;
}

export interface ReportModel {
  kind: 'diagnosis' | 'evaluation';
  mode: AssessmentMode;
  title: Text;
  generatedAt: string;
  enterprise: { name: string; uscc: string; town: Text; industry: Text; size: Text | null; contactName: string | null };
  project: { id: string; title: string; filingNo: string | null };
  assessment: { id: string; catalogVersion: string; catalogName: Text; status: string; submittedAt: string | null; filledBy: string; pledgedAt: string | null };
  result: AssessmentResult;
  weakness: Weakness;
  recommendations: ProductRecommendation<ReportProduct>[];
  comparison: (AssessmentComparison & { beforeAssessmentId: string; beforeSubmittedAt: string | null; beforeMode: AssessmentMode }) | null;
}

export const assessmentKey = (id: string | undefined) => ['assessment', id] as const;
export const projectAssessmentsKey = (projectId: string | undefined) => ['assessments', projectId] as const;
export const reportKey = (id: string | undefined) => ['assessmentReport', id] as const;

/** Link of the PDF report (a plain download link: the browser saves the file). */
export const reportPdfUrl = (id: string): string => apiUrl(`/assessments/${id}/report.pdf`);

const noRetryOn4xx = (count: number, e: unknown) => !(e instanceof ApiError && e.status > 0 && e.status < 500) && count < 2;

export function useProjectAssessments(projectId: string | undefined) {
  return useQuery({
    queryKey: projectAssessmentsKey(projectId),
    queryFn: () => api.get<AssessmentSummary[]>(`/projects/${projectId ?? ''}/assessments`),
    enabled: Boolean(projectId),
    retry: noRetryOn4xx,
  });
}

export function useAssessment(id: string | undefined) {
  return useQuery({
    queryKey: assessmentKey(id),
    queryFn: () => api.get<AssessmentDetail>(`/assessments/${id ?? ''}`),
    enabled: Boolean(id),
    retry: noRetryOn4xx,
    // The page keeps its own copy of the answers while editing: never refetch behind its back, and load
    // afresh on every visit (no cached copy outlives the page).
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: reportKey(id),
    queryFn: () => api.get<ReportModel>(`/assessments/${id ?? ''}/report`),
    enabled: Boolean(id),
    retry: noRetryOn4xx,
  });
}

export function startAssessment(projectId: string, mode: AssessmentMode): Promise<AssessmentDetail> {
  return api.post<AssessmentDetail>(`/projects/${projectId}/assessments`, { mode });
}

export function saveAnswers(id: string, answers: unknown, revision: number): Promise<AssessmentDetail> {
  return api.put<AssessmentDetail>(`/assessments/${id}/answers`, { answers, revision });
}

/** Submitting changes the project (a self-diagnosis moves it on): refresh what shows it. */
export function useSubmitAssessment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { pledge: boolean; revision: number }) => api.post<AssessmentDetail>(`/assessments/${id}/submit`, body),
    onSuccess: async (detail) => {
      qc.setQueryData(assessmentKey(detail.id), detail);
      await Promise.all([
        qc.invalidateQueries({ queryKey: projectAssessmentsKey(detail.projectId) }),
        qc.invalidateQueries({ queryKey: ['project', detail.projectId] }),
        qc.invalidateQueries({ queryKey: ['projects'] }),
        qc.invalidateQueries({ queryKey: ['timeline', detail.projectId] }),
      ]);
    },
  });
}

/** The problems listed in an ASSESSMENT_INVALID refusal. */
export function problemsOf(e: unknown): AssessmentProblem[] {
  if (!(e instanceof ApiError) || typeof e.details !== 'object' || e.details === null) return [];
  const list = (e.details as { problems?: unknown }).problems;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (p): p is AssessmentProblem =>
      typeof p === 'object' && p !== null && typeof (p as AssessmentProblem).path === 'string' && typeof (p as AssessmentProblem).message?.zh === 'string',
  );
}

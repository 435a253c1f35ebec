/** The experts area's API: the expert's tasks and review, the bureau's assignment panel. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type AssignmentStatus = 'toDeclare' | 'toScore' | 'submitted' | 'recused' | 'withdrawn';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RubricItem {
  id: string;
  label: string;
  max: number;
  guidance: string;
}
export interface Rubric {
  max: number;
  items: RubricItem[];
}

export interface ExpertTask {
  id: string;
  projectTitle: string;
  enterpriseName: string;
  filingNo: string | null;
  status: AssignmentStatus;
  assignedAt: string;
  dueOn: string;
  overdue: boolean;
  active: boolean;
  submittedAt: string | null;
}

export interface CaseFacts {
  calculation: Record<string, unknown> | null;
  verifiedInvestmentFen: number | null;
  suggestedFen: number | null;
  otherFundingFen: number;
  invoices: Array<{ id: string; number: string; issuedOn: string; amountFen: number; taxFen: number; costClass: string; seller: string | null; description: string | null }>;
  payments: Array<{ id: string; paidOn: string; amountFen: number; payee: string | null; reference: string | null }>;
  materials: Array<{ id: string; slotKey: string; slotLabel: string; fileName: string; size: number; kind: string; uploadedAt: string }>;
}

export interface ExpertTaskView {
  id: string;
  status: AssignmentStatus;
  active: boolean;
  readOnly: boolean;
  project: { title: string; enterpriseName: string; filingNo: string | null };
  assignedAt: string;
  dueOn: string;
  overdue: boolean;
  declaredAt: string | null;
  recusalReason: string | null;
  scores: Record<string, number>;
  totalScore: number | null;
  recommendedFen: number | null;
  opinion: string | null;
  submittedAt: string | null;
  suggestedFen: number | null;
  rubric: Rubric;
  facts: CaseFacts | null;
}

export interface ExpertAccount {
  userId: string;
  name: string;
  orgId: string;
  orgName: string;
  openAssignments: number;
}

export interface BureauExpertsView {
  reviewId: string;
  reviewState: string;
  applicationId: string;
  canAssign: boolean;
  suggestedFen: number | null;
  rubric: Rubric;
  items: Array<{
    id: string;
    expertUserId: string;
    expertName: string;
    orgName: string;
    status: AssignmentStatus;
    assignedAt: string;
    dueOn: string;
    declaredAt: string | null;
    recusalReason: string | null;
    scores: Record<string, number> | null;
    totalScore: number | null;
    recommendedFen: number | null;
    opinion: string | null;
    submittedAt: string | null;
    withdrawnAt: string | null;
    outlier: boolean;
  }>;
  summary: {
    assigned: number;
    submitted: number;
    recused: number;
    withdrawn: number;
    stats: { count: number; meanScore: number | null; spread: number | null; stdDev: number | null; meanRecommendedFen: number | null; medianRecommendedFen: number | null; outliers: string[] };
  };
}

export function useExpertTasks(q: { status?: 'open' | 'done'; page: number; pageSize: number }) {
  return useQuery({ queryKey: ['expert-reviews', q], queryFn: () => api.get<Page<ExpertTask>>('/expert-reviews', q), placeholderData: keepPreviousData });
}

export const taskKey = (id: string) => ['expert-review', id] as const;

export function useExpertTask(id: string | undefined) {
  return useQuery({ queryKey: taskKey(id ?? ''), queryFn: () => api.get<ExpertTaskView>(`/expert-reviews/${id}`), enabled: Boolean(id), retry: false });
}

function useTaskMutation<B>(id: string, call: (body: B) => Promise<ExpertTaskView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (view) => {
      qc.setQueryData(taskKey(id), view);
      void qc.invalidateQueries({ queryKey: ['expert-reviews'] });
    },
  });
}

export function useDeclare(id: string) {
  return useTaskMutation(id, (body: { noConflict: true } | { noConflict: false; reason: string }) => api.post<ExpertTaskView>(`/expert-reviews/${id}/declaration`, body));
}

export interface ReviewBody {
  scores: Record<string, number>;
  recommendedFen: number | null;
  opinion: string | null;
}

export function useSaveDraft(id: string) {
  return useTaskMutation(id, (body: ReviewBody) => api.put<ExpertTaskView>(`/expert-reviews/${id}/review`, body));
}

export function useSubmitReview(id: string) {
  return useTaskMutation(id, (body: ReviewBody) => api.post<ExpertTaskView>(`/expert-reviews/${id}/review`, body));
}

export const panelKey = (reviewId: string) => ['subsidy-review-experts', reviewId] as const;

export function useReviewExperts(reviewId: string) {
  return useQuery({ queryKey: panelKey(reviewId), queryFn: () => api.get<BureauExpertsView>(`/subsidy-reviews/${reviewId}/experts`) });
}

export function useExpertAccounts(q: string, enabled: boolean) {
  return useQuery({ queryKey: ['experts', q], queryFn: () => api.get<Page<ExpertAccount>>('/experts', { q: q || undefined, pageSize: 50 }), enabled, placeholderData: keepPreviousData });
}

export function useAssignExperts(reviewId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userIds: string[]) => api.post<BureauExpertsView>(`/subsidy-reviews/${reviewId}/experts`, { userIds }),
    onSuccess: (view) => {
      qc.setQueryData(panelKey(reviewId), view);
      void qc.invalidateQueries({ queryKey: ['experts'] });
    },
  });
}

export function useWithdrawExpert(reviewId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: { assignmentId: string; reason: string }) => api.post<BureauExpertsView>(`/subsidy-reviews/${reviewId}/experts/${p.assignmentId}/withdraw`, { reason: p.reason }),
    onSuccess: (view) => qc.setQueryData(panelKey(reviewId), view),
  });
}

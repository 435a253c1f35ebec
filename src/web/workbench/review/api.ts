/** API hooks of the review area: the subsidy review queue, one review, its events, decision batches, pools. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, type Query } from '../../api/client';
import type { Text } from '../../../core/text';

export interface ReviewQueueItem {
  id: string;
  applicationId: string;
  projectId: string;
  round: number;
  filingNo: string | null;
  enterpriseName: string;
  projectTitle: string;
  townCode: string;
  step: string;
  stepLabel: Text;
  tone: string;
  concluded: boolean;
  suggestedFen: number | null;
  approvedFen: number | null;
  submittedAt: string | null;
  stepSince: string;
  waitingDays: number;
  overdue: boolean;
  batchId: string | null;
  batchName: string | null;
}

export interface ReviewQueue {
  items: ReviewQueueItem[];
  total: number;
  page: number;
  pageSize: number;
  counts: { byStep: Record<string, number>; waiting: number; overdue: number };
  steps: Array<{ id: string; label: Text }>;
}

export interface ReviewAction {
  event: string;
  label: Text;
  kind: 'primary' | 'danger' | 'neutral';
  allowed: boolean;
  reasons: Text[];
  needsReason: boolean;
  confirm: Text | null;
  input: Record<string, unknown> | null;
}

export interface ExpertStatsView {
  count: number;
  meanScore: number | null;
  spread: number | null;
  stdDev: number | null;
  meanRecommendedFen: number | null;
  medianRecommendedFen: number | null;
  outliers: string[];
}

export interface ReviewDetail extends ReviewQueueItem {
  hint: Text | null;
  application: {
    id: string;
    calculation: Record<string, unknown> | null;
    verifiedInvestmentFen: number | null;
    suggestedFen: number | null;
    approvedFen: number | null;
    poolName: string | null;
    decidedAt: string | null;
    declarations: Record<string, unknown>;
    otherFundingFen: number;
    otherFundingNote: string | null;
    invoices: Array<{ id: string; number: string; issuedOn: string; amountFen: number; taxFen: number; costClass: string; seller: string | null }>;
    payments: Array<{ id: string; paidOn: string; amountFen: number; payee: string | null; reference: string | null }>;
  };
  materials: Array<{ id: string; slotKey: string; slotLabel: Text | null; fileName: string; size: number; uploadedAt: string }>;
  history: Array<{ id: number; event: string; eventLabel: Text; fromLabel: Text; toLabel: Text; actorName: string | null; orgName: string | null; reason: string | null; input: Record<string, unknown>; at: string }>;
  publicity: { announcementId: string | null; startedOn: string | null; endsOn: string | null };
  returnReason: string | null;
  actions: ReviewAction[];
  expertSummary: { assigned: number; submitted: number; recused: number; withdrawn: number; stats: ExpertStatsView } | null;
}

export interface PoolOption {
  id: string;
  name: string;
  year: number;
  totalFen: number;
  committedFen: number;
  remainingFen: number;
}

export interface BatchSummary {
  id: string;
  name: string;
  minutesRef: string | null;
  poolName: string | null;
  status: 'draft' | 'decided';
  itemCount: number;
  totalFen: number;
  passedCount: number;
  failedCount: number;
  decidedAt: string | null;
  createdAt: string;
}

export interface BatchDetail {
  id: string;
  name: string;
  minutesRef: string | null;
  status: 'draft' | 'decided';
  pool: { id: string; name: string; totalFen: number; committedFen: number; remainingFen: number } | null;
  announcementId: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  totalFen: number;
  items: Array<{ reviewId: string; projectId: string | null; enterpriseName: string; projectTitle: string; townCode: string; filingNo: string | null; step: string; suggestedFen: number | null; approvedFen: number; ok: boolean | null; code: string | null; message: Text | null }>;
}

export function useReviewQueue(q: Query) {
  return useQuery({ queryKey: ['subsidy-reviews', q], queryFn: ({ signal }) => api.get<ReviewQueue>('/subsidy-reviews', q, signal), placeholderData: keepPreviousData });
}

export function reviewExportUrl(q: Query): string {
  return apiUrl('/subsidy-reviews/export.xlsx', q);
}

export function useReview(id: string | undefined) {
  return useQuery({ queryKey: ['subsidy-review', id], queryFn: ({ signal }) => api.get<ReviewDetail>(`/subsidy-reviews/${id}`, undefined, signal), enabled: Boolean(id) });
}

export function useReviewEvent(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { event: string; step: string; reason?: string; input?: Record<string, unknown> }) =>
      api.post<ReviewDetail>(`/subsidy-reviews/${id}/events/${b.event}`, { step: b.step, ...(b.reason ? { reason: b.reason } : {}), ...(b.input ? { input: b.input } : {}) }),
    onSuccess: (d) => {
      qc.setQueryData(['subsidy-review', id], d);
      void qc.invalidateQueries({ queryKey: ['subsidy-reviews'] });
    },
  });
}

export function usePools(enabled = true) {
  return useQuery({ queryKey: ['subsidy-pools'], queryFn: ({ signal }) => api.get<PoolOption[]>('/subsidy-reviews/pools', undefined, signal), enabled });
}

export function useBatches(q: Query) {
  return useQuery({ queryKey: ['decision-batches', q], queryFn: ({ signal }) => api.get<{ items: BatchSummary[]; total: number; page: number; pageSize: number }>('/decision-batches', q, signal), placeholderData: keepPreviousData });
}

export function useBatch(id: string | undefined) {
  return useQuery({ queryKey: ['decision-batch', id], queryFn: ({ signal }) => api.get<BatchDetail>(`/decision-batches/${id}`, undefined, signal), enabled: Boolean(id) });
}

export function useCreateBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { name: string; minutesRef?: string; poolId: string; items: Array<{ reviewId: string }> }) => api.post<BatchDetail>('/decision-batches', b),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['decision-batches'] });
      void qc.invalidateQueries({ queryKey: ['subsidy-reviews'] });
    },
  });
}

export function useUpdateBatch(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { name?: string; minutesRef?: string | null; poolId?: string; items?: Array<{ reviewId: string; approvedFen: number }> }) => api.patch<BatchDetail>(`/decision-batches/${id}`, b),
    onSuccess: (d) => {
      qc.setQueryData(['decision-batch', id], d);
      void qc.invalidateQueries({ queryKey: ['decision-batches'] });
    },
  });
}

export function useDecideBatch(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { officeName?: string; officeContact?: string; workingDays?: number }) => api.post<BatchDetail>(`/decision-batches/${id}/decide`, b),
    onSuccess: (d) => {
      qc.setQueryData(['decision-batch', id], d);
      void qc.invalidateQueries({ queryKey: ['decision-batches'] });
      void qc.invalidateQueries({ queryKey: ['subsidy-reviews'] });
    },
  });
}

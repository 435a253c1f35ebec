/** The benchmarks area's queries and mutations: benchmark review and award, the public list, pre-subsidies. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Text } from '../../../core/text';
import type { StateTone } from '../../api/types';

export type BenchmarkKind = 'workshop' | 'smart';

export interface Step {
  key: string;
  text: Text;
  amountFen: number | null;
}

export interface BenchmarkSummary {
  id: string;
  state: string;
  stateLabel: Text;
  tone: StateTone;
  kind: BenchmarkKind;
  kindLabel: Text;
  recommendedKind: BenchmarkKind;
  projectId: string;
  projectTitle: string;
  enterpriseName: string;
  filingNo: string | null;
  townCode: string;
  industryCode: string;
  institutionName: string;
  reasons: string;
  awardFen: number | null;
  payableFen: number | null;
  designatedAt: string | null;
  publishedAt: string | null;
  createdAt: string;
}

export interface PreviousAward {
  benchmarkId: string;
  projectTitle: string;
  kind: BenchmarkKind;
  awardFen: number;
  payableFen: number;
  approvedAt: string;
}

export interface BenchmarkDetail extends BenchmarkSummary {
  hint: Text | null;
  recommendation: { id: string; kind: BenchmarkKind; reasons: string; institutionName: string; createdByName: string; createdAt: string } | null;
  levelBefore: number | null;
  levelAfter: number | null;
  project: { id: string; title: string; enterpriseName: string; filingNo: string | null; townCode: string; industryCode: string; state: string; stateLabel: Text; providerName: string | null; contractFen: number | null; signedOn: string | null; acceptedOn: string | null };
  reviewOpinion: string | null;
  award: { awardFen: number; previousAwardFen: number; payableFen: number; poolId: string | null; approvedAt: string; steps: Step[]; policyName: string } | null;
  previousAwards: PreviousAward[];
  history: Array<{ event: string; label: Text; toLabel: Text; actorName: string; reason: string | null; at: string }>;
  actions: Array<{ event: string; label: Text; kind: string; allowed: boolean; reasons: Text[]; needsReason: boolean; confirm: Text | null }>;
}

export interface AwardPreview {
  policy: { id: string; name: string; benchmarkMaxFen: number; benchmarkPaysDifference: boolean };
  awardFen: number;
  previousAwardFen: number;
  payableFen: number;
  steps: Step[];
  refusal: Text | null;
}

export interface Pool {
  id: string;
  name: string;
  year: number;
  fundSource: string;
  totalFen: number;
  committedFen: number;
  remainingFen: number;
}

interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface BenchmarkFilters {
  state?: string | undefined;
  kind?: string | undefined;
  townCode?: string | undefined;
  year?: number | undefined;
  page: number;
  pageSize: number;
}

export function useBenchmarks(f: BenchmarkFilters) {
  return useQuery({
    queryKey: ['benchmarks', 'list', f],
    queryFn: ({ signal }) => api.get<Paged<BenchmarkSummary> & { counts: Record<string, number> }>('/benchmarks', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBenchmark(id: string | null) {
  return useQuery({
    queryKey: ['benchmarks', 'detail', id],
    queryFn: ({ signal }) => api.get<BenchmarkDetail>(`/benchmarks/${id ?? ''}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useAwardPreview(id: string | null, awardFen: number | null) {
  return useQuery({
    queryKey: ['benchmarks', 'preview', id, awardFen],
    queryFn: ({ signal }) => api.get<AwardPreview>(`/benchmarks/${id ?? ''}/award-preview`, { awardFen: awardFen ?? 0 }, signal),
    enabled: Boolean(id) && awardFen !== null,
    retry: false,
  });
}

export function usePools() {
  return useQuery({ queryKey: ['benchmarks', 'pools'], queryFn: ({ signal }) => api.get<Pool[]>('/benchmarks/pools', undefined, signal) });
}

export function useBenchmarkEvent(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { event: string; reason?: string; input?: Record<string, unknown> }) => api.post<BenchmarkDetail>(`/benchmarks/${id}/events/${b.event}`, { reason: b.reason, input: b.input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['benchmarks'] }),
  });
}

export interface PublicBenchmark {
  id: string;
  kind: BenchmarkKind;
  kindLabel: Text;
  enterpriseName: string;
  projectTitle: string;
  filingNo: string;
  townCode: string;
  industryCode: string;
  year: number | null;
  awarded: boolean;
  awardFen: number | null;
  publishedAt: string;
}

export function usePublicBenchmarks(f: { kind?: string | undefined; townCode?: string | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['public', 'benchmarks', f],
    queryFn: ({ signal }) => api.get<Paged<PublicBenchmark>>('/public/benchmarks', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export interface PreRule {
  policyId: string;
  policyName: string;
  enabled: boolean;
  shareBp: number;
  capFen: number;
  trigger: 'downPayment' | 'contractAmount';
}

export interface PreCandidate {
  projectId: string;
  title: string;
  enterpriseName: string;
  filingNo: string | null;
  townCode: string;
  stateLabel: Text;
  contractFen: number;
  contractNo: string;
  signedOn: string | null;
  providerName: string | null;
}

export interface PreGrant {
  trancheId: string;
  projectId: string;
  title: string;
  enterpriseName: string;
  amountFen: number;
  downPaymentFen: number | null;
  suggestedFen: number | null;
  poolName: string;
  state: string;
  stateLabel: Text;
  createdAt: string;
}

export function usePreCandidates(f: { townCode?: string | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['pre-subsidies', 'candidates', f],
    queryFn: ({ signal }) => api.get<Paged<PreCandidate> & { rule: PreRule | null }>('/pre-subsidies/candidates', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePreGrants(f: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['pre-subsidies', 'granted', f],
    queryFn: ({ signal }) => api.get<Paged<PreGrant>>('/pre-subsidies', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePreSuggestion(projectId: string | null, downPaymentFen: number | null) {
  return useQuery({
    queryKey: ['pre-subsidies', 'suggestion', projectId, downPaymentFen],
    queryFn: ({ signal }) => api.get<{ suggestedFen: number; steps: Step[] }>(`/pre-subsidies/candidates/${projectId ?? ''}/suggestion`, { downPaymentFen: downPaymentFen ?? 0 }, signal),
    enabled: Boolean(projectId) && downPaymentFen !== null,
    retry: false,
  });
}

export function useGrantPre() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { projectId: string; downPaymentFen: number; approvedFen: number; poolId: string }) => api.post<{ trancheId: string }>('/pre-subsidies', b),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['pre-subsidies'] }), qc.invalidateQueries({ queryKey: ['benchmarks', 'pools'] })]),
  });
}

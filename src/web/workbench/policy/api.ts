/**
 * 政策配置 and 预算与台账 on the web: policy versions (list, draft, edit, publish, retire, new version), budget pools
 * and the ledger with its export. Every write invalidates the area's queries.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, type Query } from '../../api/client';
import type { Text } from '../../../core/text';
import type { CostClass, FundSource, MoneyLine, SubsidyPolicyRules } from '../../../core/subsidy/policy';

export type PolicyStatus = 'draft' | 'active' | 'retired';

export interface PolicyView {
  id: string;
  code: string;
  version: number;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  status: PolicyStatus;
  statusLabel: Text;
  rules: SubsidyPolicyRules;
  note: string | null;
  createdByName: string | null;
  publishedByName: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  inForceToday: boolean;
  canEdit: boolean;
  canPublish: boolean;
  canRetire: boolean;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PolicyInput {
  code: string;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  rules: SubsidyPolicyRules;
  note?: string | null;
}

export interface PoolView {
  id: string;
  year: number;
  fundSource: FundSource;
  fundSourceLabel: Text;
  name: string;
  totalFen: number;
  committedFen: number;
  paidFen: number;
  unpaidFen: number;
  remainingFen: number;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PoolTotals {
  totalFen: number;
  committedFen: number;
  paidFen: number;
  remainingFen: number;
}

export interface PoolList extends Paged<PoolView> {
  totals: PoolTotals;
  bySource: Array<PoolTotals & { fundSource: FundSource; fundSourceLabel: Text }>;
  canWrite: boolean;
}

export type LedgerKind = 'commit' | 'release' | 'pay';

export interface LedgerRow {
  id: number;
  at: string;
  poolId: string;
  poolName: string;
  poolYear: number;
  fundSource: FundSource;
  projectId: string | null;
  projectTitle: string | null;
  filingNo: string | null;
  enterpriseName: string | null;
  kind: LedgerKind;
  kindLabel: Text;
  line: MoneyLine;
  lineLabel: Text;
  amountFen: number;
  refType: string;
  refId: string;
  reason: string | null;
  actorName: string | null;
}

export interface LedgerList extends Paged<LedgerRow> {
  sums: { commitFen: number; releaseFen: number; payFen: number };
}

export interface LedgerFilter {
  poolId?: string;
  projectId?: string;
  line?: MoneyLine;
  kind?: LedgerKind;
  from?: string;
  to?: string;
}

export type { CostClass };

const KEY = ['policy-area'] as const;

export function usePolicies(page: number, pageSize: number, filter: { code?: string; status?: PolicyStatus } = {}) {
  return useQuery({
    queryKey: [...KEY, 'policies', page, pageSize, filter],
    queryFn: ({ signal }) => api.get<Paged<PolicyView>>('/policies', { page, pageSize, ...filter } as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePolicyInForce(on?: string) {
  return useQuery({
    queryKey: [...KEY, 'in-force', on ?? 'today'],
    queryFn: ({ signal }) => api.get<{ on: string; policy: PolicyView | null }>('/policies/in-force', { on }, signal),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: KEY });
}

export function useSavePolicy() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: PolicyInput }) => {
      if (id) {
        const { code: _code, ...patch } = body;
        void _code;
        return api.patch<PolicyView>(`/policies/${id}`, patch);
      }
      return api.post<PolicyView>('/policies', body);
    },
    onSuccess: invalidate,
  });
}

export function usePolicyAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ id, action, reason }: { id: string; action: 'publish' | 'retire' | 'new-version' | 'delete'; reason?: string }): Promise<PolicyView | null> => {
      if (action === 'delete') {
        await api.del<{ ok: true }>(`/policies/${id}`);
        return null;
      }
      return api.post<PolicyView>(`/policies/${id}/${action}`, action === 'retire' ? { reason } : {});
    },
    onSuccess: invalidate,
  });
}

export function usePools(page: number, pageSize: number, filter: { year?: number; fundSource?: FundSource } = {}) {
  return useQuery({
    queryKey: [...KEY, 'pools', page, pageSize, filter],
    queryFn: ({ signal }) => api.get<PoolList>('/budget/pools', { page, pageSize, ...filter } as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSavePool() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (
      v: { id: null; body: { year: number; fundSource: FundSource; name?: string; totalFen: number; note?: string | null } } | { id: string; body: { name?: string; totalFen?: number; note?: string | null; reason?: string } },
    ) => (v.id ? api.patch<PoolView>(`/budget/pools/${v.id}`, v.body) : api.post<PoolView>('/budget/pools', v.body)),
    onSuccess: invalidate,
  });
}

export function useLedger(filter: LedgerFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...KEY, 'ledger', filter, page, pageSize],
    queryFn: ({ signal }) => api.get<LedgerList>('/budget/ledger', { ...filter, page, pageSize } as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function ledgerExportUrl(filter: LedgerFilter): string {
  return apiUrl('/budget/ledger/export.xlsx', filter as Query);
}

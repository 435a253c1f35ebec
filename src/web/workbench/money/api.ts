/**
 * The money area's API: the enterprise's bank account, finance's tranches (list, detail, pay / fail / retry with
 * a fresh idempotency key per dialog opening) and the town's payment paperwork.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, type Query } from '../../api/client';
import type { Text } from '../../../core/text';
import type { StateTone } from '../../api/types';

export interface BankAccount {
  id: string;
  masked: boolean;
  bankName: string;
  accountName: string;
  accountNumber: string;
  last4: string;
  updatedAt: string;
}

export interface EnterpriseAccount {
  account: BankAccount | null;
  canEdit: boolean;
}

export interface BankAccountInput {
  bankName: string;
  accountName: string;
  accountNumber: string;
}

export interface Tranche {
  id: string;
  projectId: string;
  filingNo: string | null;
  projectTitle: string;
  enterpriseName: string;
  townCode: string;
  townName: Text;
  line: 'pre' | 'final' | 'benchmark';
  lineLabel: Text;
  poolId: string;
  poolName: string;
  fundSource: string;
  fundSourceLabel: Text;
  amountFen: number;
  state: 'pending' | 'paid' | 'failed' | 'cancelled';
  stateLabel: Text;
  tone: StateTone;
  attempts: number;
  failureReason: string | null;
  voucherNo: string | null;
  paidOn: string | null;
  createdAt: string;
  basis: Text[];
  bankAccount: BankAccount | null;
  paperworkMissing: Text[];
}

export interface TrancheAction {
  event: string;
  label: Text;
  kind: string;
  allowed: boolean;
  reasons: Text[];
  needsReason: boolean;
  confirm: Text | null;
}

export interface TrancheDetail extends Tranche {
  actions: TrancheAction[];
  history: Array<{ event: string; from: string; to: string; at: string; reason: string | null }>;
}

export interface TrancheFilter {
  state?: string | undefined;
  line?: string | undefined;
  townCode?: string | undefined;
  poolId?: string | undefined;
  dateOf?: 'opened' | 'paid' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface TranchePage {
  items: Tranche[];
  total: number;
  page: number;
  pageSize: number;
  totals: { count: number; amountFen: number; paidFen: number };
}

export interface PoolOption {
  id: string;
  name: string;
  year: number;
  fundSource: string;
}

export interface PaperworkRow {
  projectId: string;
  filingNo: string | null;
  projectTitle: string;
  enterpriseName: string;
  state: string;
  stateLabel: Text;
  since: string;
  missing: Text[];
  bankAccountOnFile: boolean;
  pendingTranches: number;
  pendingFen: number;
  overdue: boolean;
}

export const enterpriseAccountKey = ['money', 'enterprise-account'] as const;

export function useEnterpriseAccount() {
  return useQuery({ queryKey: enterpriseAccountKey, queryFn: () => api.get<EnterpriseAccount>('/enterprise/bank-account') });
}

export function useSaveEnterpriseAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BankAccountInput) => api.put<EnterpriseAccount>('/enterprise/bank-account', body),
    onSuccess: (data) => {
      qc.setQueryData(enterpriseAccountKey, data);
    },
  });
}

export function useTranches(filter: TrancheFilter, page: number, pageSize: number) {
  const query: Query = { ...filter, page, pageSize };
  return useQuery({ queryKey: ['money', 'tranches', query], queryFn: () => api.get<TranchePage>('/disbursements', query), placeholderData: keepPreviousData });
}

export function trancheExportUrl(filter: TrancheFilter): string {
  return apiUrl('/disbursements/export.xlsx', { ...filter });
}

export function usePoolOptions() {
  return useQuery({ queryKey: ['money', 'pools'], queryFn: () => api.get<PoolOption[]>('/disbursements/pools'), staleTime: 60_000 });
}

export function useTranche(id: string | null) {
  return useQuery({ queryKey: ['money', 'tranche', id], queryFn: () => api.get<TrancheDetail>(`/disbursements/${id ?? ''}`), enabled: id !== null });
}

export type TrancheEvent = 'pay' | 'fail' | 'retry';

export function useFireTranche(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ event, body }: { event: TrancheEvent; body: Record<string, unknown> }) => api.post<TrancheDetail>(`/disbursements/${id}/${event}`, body),
    onSuccess: (data) => {
      qc.setQueryData(['money', 'tranche', id], data);
      void qc.invalidateQueries({ queryKey: ['money', 'tranches'] });
    },
  });
}

export function usePaymentPaperwork(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['money', 'paperwork', page, pageSize],
    queryFn: () => api.get<{ items: PaperworkRow[]; total: number; page: number; pageSize: number }>('/payment-paperwork', { page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

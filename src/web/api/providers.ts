/** Hooks of the providers area: authorisations, the provider's clients and standing, the bureau's oversight, the funnel. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Text } from '../../core/text';

export interface Delegation {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  agentOrgId: string;
  agentName: string;
  grantedAt: string;
  grantedByName: string | null;
  revokedAt: string | null;
}

export interface LeadingUnit {
  id: string;
  name: string;
  nameEn: string | null;
  suggested: boolean;
}

export interface ClientRow {
  projectId: string;
  title: string;
  filingNo: string | null;
  enterpriseId: string;
  enterpriseName: string;
  townCode: string;
  stage: number;
  state: string;
  stateLabel: Text;
  waitingOn: Text[];
  waitingOnMe: boolean;
  dueOn: string | null;
  overdue: boolean;
  isProvider: boolean;
  delegated: boolean;
}

export interface ClientsPage {
  items: ClientRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: { all: number; overdue: number; waitingOnMe: number; byStage: Array<{ stage: number; count: number }> };
}

export interface ClientsFilter {
  page: number;
  pageSize: number;
  stage?: number | undefined;
  overdue?: '1' | undefined;
  waitingOnMe?: '1' | undefined;
}

export interface RatingAverages {
  count: number;
  overall: number | null;
  timeliness: number | null;
  quality: number | null;
  service: number | null;
  price: number | null;
}

export interface ProviderSummary {
  orgId: string;
  name: string;
  type: string;
  active: boolean;
  ratings: RatingAverages;
  openProjects: number;
  overdueSteps: number;
  activeMeasures: number;
  suspended: boolean;
}

export type MeasureKind = 'warning' | 'correction' | 'suspension';

export interface Measure {
  id: number;
  kind: MeasureKind;
  kindLabel: Text;
  reason: string;
  dueOn: string | null;
  response: string | null;
  respondedAt: string | null;
  liftedAt: string | null;
  liftReason: string | null;
  createdAt: string;
  inForce: boolean;
}

export interface Rating {
  id: number;
  projectId: string;
  projectTitle: string;
  enterpriseName: string;
  timeliness: number;
  quality: number;
  service: number;
  price: number;
  comment: string;
  createdAt: string;
}

export interface ProviderProfile {
  provider: ProviderSummary & { contactName: string | null; contactMobile: string | null; address: string | null };
  ratings: Rating[];
  measures: Measure[];
  projects: Array<{ projectId: string; title: string; enterpriseName: string; stage: number; state: string; stateLabel: Text; dueOn: string | null; overdue: boolean }>;
}

export interface ProvidersFilter {
  page: number;
  pageSize: number;
  type?: 'leading_unit' | 'catalog_provider' | undefined;
  q?: string | undefined;
  measures?: 'active' | 'suspended' | undefined;
  overdue?: '1' | undefined;
}

export function useDelegations() {
  return useQuery({ queryKey: ['delegations'], queryFn: ({ signal }) => api.get<Delegation[]>('/delegations', undefined, signal) });
}

export function useLeadingUnits() {
  return useQuery({ queryKey: ['leading-units'], queryFn: ({ signal }) => api.get<LeadingUnit[]>('/leading-units', undefined, signal), staleTime: 60_000 });
}

export function useGrantDelegation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (agentOrgId: string) => api.post<Delegation>('/delegations', { agentOrgId }),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ['delegations'] }), qc.invalidateQueries({ queryKey: ['project'] })]),
  });
}

export function useRevokeDelegation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Delegation>(`/delegations/${id}/revoke`),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ['delegations'] }), qc.invalidateQueries({ queryKey: ['project'] })]),
  });
}

export function useClients(f: ClientsFilter) {
  return useQuery({
    queryKey: ['provider-clients', f],
    queryFn: ({ signal }) => api.get<ClientsPage>('/provider/clients', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProviders(f: ProvidersFilter) {
  return useQuery({
    queryKey: ['providers', f],
    queryFn: ({ signal }) => api.get<{ items: ProviderSummary[]; total: number; page: number; pageSize: number }>('/providers', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProviderProfile(orgId: string | undefined) {
  return useQuery({
    queryKey: ['provider', orgId],
    queryFn: ({ signal }) => api.get<ProviderProfile>(`/providers/${orgId ?? ''}`, undefined, signal),
    enabled: Boolean(orgId),
  });
}

export function useTakeMeasure(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: MeasureKind; reason: string; dueOn?: string }) => api.post<Measure>(`/providers/${orgId}/measures`, body),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ['provider', orgId] }), qc.invalidateQueries({ queryKey: ['providers'] })]),
  });
}

export function useLiftMeasure(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; reason: string }) => api.post<Measure>(`/providers/${orgId}/measures/${v.id}/lift`, { reason: v.reason }),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ['provider', orgId] }), qc.invalidateQueries({ queryKey: ['providers'] })]),
  });
}

export function useStanding() {
  return useQuery({ queryKey: ['provider-standing'], queryFn: ({ signal }) => api.get<{ provider: ProviderSummary; ratings: Rating[]; measures: Measure[] }>('/provider/standing', undefined, signal) });
}

export function useAnswerMeasure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; response: string }) => api.post<Measure>(`/provider/standing/measures/${v.id}/response`, { response: v.response }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['provider-standing'] }),
  });
}

export function useFunnel() {
  return useQuery({ queryKey: ['projects', 'funnel'], queryFn: ({ signal }) => api.get<{ cells: Array<{ townCode: string; stage: number; count: number }> }>('/projects/funnel', undefined, signal) });
}

/**
 * 项目签约 and 一企一档 on the web: the contract draft, its revisions, the targets (before / target / measured) and
 * the enterprise archive. Queries are keyed by the project's state and revision, so they refresh after an action.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, type Query } from './client';
import type { Text } from '../../core/text';

export type PartyRole = 'enterprise' | 'provider' | 'other';

export interface Party {
  role: PartyRole;
  orgId: string | null;
  name: string;
  uscc: string | null;
  duties: string;
}

export interface PriceLine {
  item: string;
  productId: string | null;
  quantity: number;
  unit: string;
  unitPriceFen: number;
  amountFen: number;
}

export interface ContractFields {
  contractNo: string;
  amountFen: number | null;
  amountExTaxFen: number | null;
  signedOn: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  parties: Party[];
  lines: PriceLine[];
  measures: string;
  targetsText: string;
  lateReason: string | null;
}

export interface OrgBrief {
  id: string;
  name: string;
  uscc: string | null;
}

export interface ContractView extends ContractFields {
  projectId: string;
  revision: number;
  updatedAt: string | null;
  provider: OrgBrief | null;
  enterprise: OrgBrief;
  filedOn: string | null;
  plannedEnd: string | null;
  canEdit: boolean;
  missing: Text[];
  returnReason: string | null;
}

export interface ContractRevision {
  revision: number;
  snapshot: Partial<ContractFields> & { targets?: Array<{ key: string; label: string; unit: string; baseline: number | null; target: number | null }> };
  changedFields: string[];
  submittedBy: string | null;
  submittedByName: string | null;
  onBehalfOf: string | null;
  onBehalfOfName: string | null;
  submittedAt: string;
}

export interface TargetRow {
  key: string;
  label: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  measured: number | null;
  measuredAt: string | null;
  required: boolean;
}

export interface TargetChoice {
  key: string;
  label: Text;
  unit: string;
  max: number | null;
  required: boolean;
}

export interface TargetsView {
  rows: TargetRow[];
  choices: TargetChoice[];
  canEdit: boolean;
  canMeasure: boolean;
  unmeasured: Text[];
}

export interface TargetInput {
  key: string;
  label?: string;
  unit?: string;
  baseline: number | null;
  target: number | null;
}

export interface ArchiveRow {
  projectId: string;
  filingNo: string | null;
  title: string;
  enterpriseName: string;
  townCode: string;
  stage: number;
  state: string;
  stateLabel: Text;
  pilotEnterpriseAt: string | null;
  levelBefore: number | null;
  evaluations: Array<{ version: number; levelAfter: number | null; state: string }>;
  assessments: Array<{ mode: string; level: number | null; baseScore: number | null; submittedAt: string | null }>;
  targets: TargetRow[];
}

export interface ArchivePage {
  items: ArchiveRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ArchiveFilter {
  townCode?: string | undefined;
  stage?: number | undefined;
  q?: string | undefined;
}

interface ProjectKey {
  id: string;
  state: string;
  revision: number;
}

const contractKey = (p: ProjectKey) => ['contract', p.id, p.state, p.revision] as const;
const targetsKey = (p: ProjectKey) => ['targets', p.id, p.state, p.revision] as const;

export function useContract(p: ProjectKey, enabled: boolean) {
  return useQuery({ queryKey: contractKey(p), queryFn: () => api.get<ContractView>(`/projects/${p.id}/contract`), enabled });
}

export function useContractRevisions(p: ProjectKey, enabled: boolean) {
  return useQuery({ queryKey: ['contract-revisions', p.id, p.state, p.revision], queryFn: () => api.get<ContractRevision[]>(`/projects/${p.id}/contract/revisions`), enabled });
}

export function useTargets(p: ProjectKey, enabled: boolean) {
  return useQuery({ queryKey: targetsKey(p), queryFn: () => api.get<TargetsView>(`/projects/${p.id}/targets`), enabled });
}

/** After a save the project's actions (what submission still lacks) change too. */
function useRefresh(p: ProjectKey) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['project', p.id] });
    void qc.invalidateQueries({ queryKey: ['projects', p.id] });
    void qc.invalidateQueries({ queryKey: ['contract', p.id] });
    void qc.invalidateQueries({ queryKey: ['targets', p.id] });
  };
}

export function useSaveContract(p: ProjectKey) {
  const qc = useQueryClient();
  const refresh = useRefresh(p);
  return useMutation({
    mutationFn: (body: Partial<ContractFields>) => api.put<ContractView>(`/projects/${p.id}/contract`, body),
    onSuccess: (data) => {
      qc.setQueryData(contractKey(p), data);
      refresh();
    },
  });
}

export function useSaveTargets(p: ProjectKey) {
  const qc = useQueryClient();
  const refresh = useRefresh(p);
  return useMutation({
    mutationFn: (rows: TargetInput[]) => api.put<TargetsView>(`/projects/${p.id}/targets`, { rows }),
    onSuccess: (data) => {
      qc.setQueryData(targetsKey(p), data);
      refresh();
    },
  });
}

export function useSaveMeasured(p: ProjectKey) {
  const qc = useQueryClient();
  const refresh = useRefresh(p);
  return useMutation({
    mutationFn: (rows: Array<{ key: string; measured: number | null }>) => api.put<TargetsView>(`/projects/${p.id}/targets/measured`, { rows }),
    onSuccess: (data) => {
      qc.setQueryData(targetsKey(p), data);
      refresh();
    },
  });
}

export function useArchive(filter: ArchiveFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['archive', filter, page, pageSize],
    queryFn: () => api.get<ArchivePage>('/archive', { ...filter, page, pageSize } as Query),
    placeholderData: keepPreviousData,
  });
}

export function archiveExportUrl(filter: ArchiveFilter): string {
  return apiUrl('/archive/export.xlsx', filter as Query);
}

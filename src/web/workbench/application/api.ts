/**
 * 完工奖补申请 on the web: the application round (draft or frozen) with its checklist, computation and problems,
 * the draft's save, and the enterprise profile (规上, 专精特新). Amounts are integer fen as the API sends them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Text } from '../../../core/text';
import type { CostClass } from '../../../core/subsidy/policy';
import type { SubsidyComputation as Computation } from '../../../core/subsidy/types';

export const SPTS_GRADES = ['innovative', 'specialized', 'littleGiant'] as const;
export type SptsGrade = (typeof SPTS_GRADES)[number];
export const OTHER_FUNDING_SOURCES = ['central', 'provincial'] as const;
export type OtherFundingSource = (typeof OTHER_FUNDING_SOURCES)[number];

export interface InvoiceView {
  id: string;
  number: string;
  issuedOn: string;
  amountFen: number;
  taxFen: number;
  costClass: CostClass;
  costClassLabel: Text;
  seller: string;
  description: string | null;
  excluded: Text | null;
}

export interface PaymentView {
  id: string;
  paidOn: string;
  amountFen: number;
  payee: string;
  reference: string | null;
  excluded: Text | null;
}

export interface OtherFunding {
  has: boolean | null;
  amountFen: number;
  source: OtherFundingSource | null;
  note: string | null;
}

export interface Declarations {
  truthful: boolean;
  noDishonesty: boolean;
  noSeriousViolation3y: boolean;
  aboveScale: boolean | null;
  otherFunding: OtherFunding;
}

export interface ChecklistItem {
  key: string;
  label: Text;
  required: boolean;
  present: boolean;
  source: 'upload' | 'earlier' | 'report';
  applicantFills: boolean;
  files: number;
  note: Text | null;
}

/** The computation and its steps are the core's own types (src/core/subsidy/types.ts), imported as types only. */
export type { ComputationStep, SubsidyComputation as Computation } from '../../../core/subsidy/types';

export interface ApplicationView {
  projectId: string;
  projectTitle: string;
  enterpriseName: string;
  filingNo: string | null;
  state: string;
  stateLabel: Text;
  stage: number;
  returnReason: string | null;
  application: {
    id: string;
    round: number;
    status: 'draft' | 'submitted';
    submittedAt: string | null;
    submittedByName: string | null;
    onBehalfOfName: string | null;
    suggestedFen: number | null;
    verifiedInvestmentFen: number | null;
    approvedFen: number | null;
    updatedAt: string;
  } | null;
  invoices: InvoiceView[];
  payments: PaymentView[];
  declarations: Declarations & { signedAt: string | null; signedByName: string | null };
  checklist: ChecklistItem[];
  computation: Computation | null;
  facts: { level: number | null; contractFen: number | null; acceptedOn: string | null; preSubsidyPaidFen: number; today: string };
  policy: { id: string; code: string; version: number; name: string; effectiveFrom: string; effectiveTo: string | null } | null;
  policyMessage: Text | null;
  profile: { aboveScale: boolean | null; sptsGrade: SptsGrade | null; sptsYear: number | null };
  abilities: { edit: boolean; submit: boolean; decline: boolean; editProfile: boolean };
  problems: Text[];
  missingMaterials: Text[];
  previousRounds: Array<{ round: number; submittedAt: string | null; suggestedFen: number | null }>;
}

export interface InvoiceInput {
  number: string;
  issuedOn: string;
  amountFen: number;
  taxFen: number;
  costClass: CostClass;
  seller: string;
}

export interface PaymentInput {
  paidOn: string;
  amountFen: number;
  payee: string;
  reference: string | null;
}

export interface ApplicationInput {
  invoices?: InvoiceInput[];
  payments?: PaymentInput[];
  declarations?: Declarations;
}

export interface EnterpriseProfile {
  orgId: string;
  name: string;
  uscc: string | null;
  aboveScale: boolean | null;
  sptsGrade: SptsGrade | null;
  sptsYear: number | null;
  canEdit: boolean;
  updatedAt: string;
}

export const applicationKey = (projectId: string) => ['project', projectId, 'subsidy-application'] as const;
export const profileKey = ['enterprise', 'profile'] as const;

export function useApplication(projectId: string | undefined) {
  return useQuery({
    queryKey: applicationKey(projectId ?? ''),
    queryFn: () => api.get<ApplicationView>(`/projects/${projectId ?? ''}/subsidy-application`),
    enabled: Boolean(projectId),
  });
}

export function useSaveApplication(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationInput) => api.put<ApplicationView>(`/projects/${projectId}/subsidy-application`, body),
    onSuccess: async (view) => {
      qc.setQueryData(applicationKey(projectId), view);
      await qc.invalidateQueries({ queryKey: ['project', projectId], exact: true });
    },
  });
}

export function useProfile(enabled: boolean) {
  return useQuery({ queryKey: profileKey, queryFn: () => api.get<EnterpriseProfile>('/enterprise/profile'), enabled });
}

export function useSaveProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { aboveScale?: boolean | null; sptsGrade?: SptsGrade | null; sptsYear?: number | null }) => api.patch<EnterpriseProfile>('/enterprise/profile', body),
    onSuccess: async (p) => {
      qc.setQueryData(profileKey, p);
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'project' && q.queryKey[2] === 'subsidy-application' });
    },
  });
}

/** React Query hooks over the API. Query keys are arrays starting with the resource name. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { z } from 'zod';
import { api, ApiError, setCsrfToken } from './client';
import type {
  AdminOrganization,
  CreateOrganizationInput,
  InstitutionWorkload,
  Me,
  Page,
  ProjectDetail,
  ProjectFilters,
  ProjectInput,
  ProjectReport,
  ProjectStats,
  ProjectSummary,
  PublicFiling,
  PublicStats,
  Reference,
  RevisionItem,
  TimelineEntry,
} from './types';
import { useLang } from '../i18n';
import { TOWNS } from '../../core/identity/towns';
import { INDUSTRIES } from '../../core/identity/industries';
import type { Text } from '../../core/text';
import type { memberSchema, orgDetail, orgSummary, orgTimelineItem, temporaryPasswordResponse } from '../../server/modules/organizations/schemas';

export const meKey = ['me'] as const;

/** The signed-in user; `mustChangePassword` while a temporary password from the admin is in use. */
export type SignedIn = Me & { user: { mustChangePassword: boolean } };

/** The signed-in user, or null when signed out. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<SignedIn | null> => {
      try {
        const me = await api.get<SignedIn>('/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { account: string; password: string }) => api.post<{ csrfToken: string }>('/auth/login', body),
    onSuccess: async (r) => {
      setCsrfToken(r.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'reference' });
      await qc.invalidateQueries({ queryKey: meKey });
    },
  });
}

export interface RegisterBody {
  uscc: string;
  name: string;
  townCode: string;
  industryCode: string;
  employees: number;
  annualRevenueFen: number;
  address?: string;
  contactName: string;
  contactMobile: string;
  email?: string;
  password: string;
}

export function useRegister() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterBody) => api.post<{ orgId: string; csrfToken: string }>('/auth/register', body),
    onSuccess: async (r) => {
      setCsrfToken(r.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'reference' });
      await qc.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'reference' });
      qc.setQueryData(meKey, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<{ ok: true }>('/auth/change-password', body),
  });
}

/** Reference data: towns, industries, the workflow's stages and states. Loaded once. */
export function useReference() {
  return useQuery({
    queryKey: ['reference'],
    queryFn: () => api.get<Reference>('/reference'),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** Lookups over the reference data in the current language (codes are shown while it loads). */
export function useRefLookup() {
  const { data } = useReference();
  const { tx } = useLang();
  return useMemo(() => {
    // Towns and industries are fixed national / city lists shipped with the app (src/core); the workflow comes from the server.
    const towns = new Map<string, { name: Text }>(TOWNS.map((t) => [t.code, t]));
    const industries = new Map<string, { name: Text }>(INDUSTRIES.map((i) => [i.code, i]));
    const stages = new Map((data?.workflow.stages ?? []).map((s) => [s.stage, s]));
    const states = new Map((data?.workflow.states ?? []).map((s) => [s.id, s]));
    return {
      ready: data !== undefined,
      ref: data,
      town: (code: string | null | undefined) => (code ? (towns.has(code) ? tx(towns.get(code)?.name) : code) : '—'),
      industry: (code: string | null | undefined) => {
        if (!code) return '—';
        const ind = industries.get(code);
        return ind ? `${code} ${tx(ind.name)}` : code;
      },
      stageLabel: (n: number) => tx(stages.get(n)?.label),
      state: (id: string) => states.get(id),
      townOptions: TOWNS.map((t) => ({ value: t.code, label: tx(t.name) })),
      industryOptions: INDUSTRIES.map((i) => ({ value: i.code, label: `${i.code} ${tx(i.name)}` })),
    };
  }, [data, tx]);
}

export const projectsKey = (filters: ProjectFilters) => ['projects', filters] as const;

export function useProjects(filters: ProjectFilters, enabled = true) {
  return useQuery({
    queryKey: projectsKey(filters),
    queryFn: ({ signal }) => api.get<Page<ProjectSummary>>('/projects', { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Staff dashboards: the filed projects by stage, completed, withdrawn and closed (one request). */
export function useProjectStats(range: { from?: string; to?: string } = {}) {
  return useQuery({
    queryKey: ['projects', 'stats', range],
    queryFn: ({ signal }) => api.get<ProjectStats>('/projects/stats', { ...range }, signal),
  });
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: ['project', id],
    queryFn: () => api.get<ProjectDetail>(`/projects/${id ?? ''}`),
    enabled: Boolean(id),
    retry: (count, e) => !(e instanceof ApiError && e.status < 500) && count < 2,
  });
}

export function useTimeline(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['timeline', id],
    queryFn: () => api.get<TimelineEntry[]>(`/projects/${id ?? ''}/timeline`),
    enabled: Boolean(id) && enabled,
  });
}

/** The institution reports of a project (diagnosis, evaluation), every version the caller may see. */
export function useProjectReports(id: string | undefined) {
  return useQuery({
    queryKey: ['project', id, 'reports'],
    queryFn: ({ signal }) => api.get<ProjectReport[]>(`/projects/${id ?? ''}/reports`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** The stored revisions of a filing with their diffs (bureau and town offices). */
export function useProjectRevisions(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['project', id, 'revisions'],
    queryFn: ({ signal }) => api.get<RevisionItem[]>(`/projects/${id ?? ''}/revisions`, undefined, signal),
    enabled: Boolean(id) && enabled,
  });
}

/** The institutions that may be assigned, with their open and overdue tasks and the suggested one. */
export function useInstitutionWorkload(enabled = true) {
  return useQuery({
    queryKey: ['institutions', 'workload'],
    queryFn: ({ signal }) => api.get<InstitutionWorkload[]>('/institutions/workload', undefined, signal),
    enabled,
    staleTime: 30_000,
  });
}

/** Labels of a project's material slots (to name the missing ones on a disabled action). */
export function useMaterialLabels(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['project', id, 'materialLabels'],
    queryFn: async ({ signal }) => {
      const c = await api.get<{ slots: { key: string; label: Text }[] }>(`/projects/${id ?? ''}/materials`, undefined, signal);
      return new Map(c.slots.map((s) => [s.key, s.label]));
    },
    enabled: Boolean(id) && enabled,
  });
}

function useProjectMutationEffects() {
  const qc = useQueryClient();
  return async (p: ProjectDetail) => {
    qc.setQueryData(['project', p.id], p);
    await Promise.all([
      qc.invalidateQueries({ queryKey: ['projects'] }),
      qc.invalidateQueries({ queryKey: ['timeline', p.id] }),
      qc.invalidateQueries({ queryKey: ['public'] }),
      // The project's own lists (reports, revisions, materials), not the detail just set.
      qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'project' && q.queryKey[1] === p.id && q.queryKey.length > 2 }),
      qc.invalidateQueries({ queryKey: ['institutions', 'workload'] }),
    ]);
  };
}

export function useCreateProject() {
  const after = useProjectMutationEffects();
  return useMutation({ mutationFn: (body: ProjectInput) => api.post<ProjectDetail>('/projects', body), onSuccess: after });
}

export function useUpdateProject(id: string) {
  const after = useProjectMutationEffects();
  return useMutation({
    mutationFn: (body: Partial<ProjectInput> & { revision: number }) => api.patch<ProjectDetail>(`/projects/${id}`, body),
    onSuccess: after,
  });
}

/** POST /projects/:id/transitions: the event, a reason where the table asks for one, and the event's input. */
export interface TransitionBody {
  event: string;
  reason?: string;
  input?: Record<string, unknown>;
}

export function useTransition(id: string) {
  const after = useProjectMutationEffects();
  return useMutation({
    mutationFn: (body: TransitionBody) => api.post<ProjectDetail>(`/projects/${id}/transitions`, body),
    onSuccess: after,
  });
}

export function useWithdrawPublication(id: string) {
  const after = useProjectMutationEffects();
  return useMutation({
    mutationFn: (body: { reason: string }) => api.post<ProjectDetail>(`/projects/${id}/withdraw-publication`, body),
    onSuccess: after,
  });
}

export interface PublicFilingFilters {
  page: number;
  pageSize: number;
  townCode?: string;
  industryCode?: string;
  q?: string;
}

export function usePublicFilings(filters: PublicFilingFilters) {
  return useQuery({
    queryKey: ['public', 'filings', filters],
    queryFn: ({ signal }) => api.get<Page<PublicFiling>>('/public/filings', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePublicStats() {
  return useQuery({ queryKey: ['public', 'stats'], queryFn: () => api.get<PublicStats>('/public/stats'), staleTime: 60_000 });
}

export interface OrgFilters {
  page: number;
  pageSize: number;
  type?: string;
  q?: string;
}

export function useOrganizations(filters: OrgFilters) {
  return useQuery({
    queryKey: ['admin', 'organizations', filters],
    queryFn: ({ signal }) => api.get<Page<AdminOrganization>>('/admin/organizations', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateOrganization() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganizationInput) => api.post<AdminOrganization>('/admin/organizations', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'organizations'] }),
  });
}

// ---- Account care (bureau admin): the server's schemas are the contract (types only, nothing bundled) ----

export type CareMember = z.infer<typeof memberSchema>;
export type CareOrgDetail = z.infer<typeof orgDetail>;
export type CareOrgSummary = z.infer<typeof orgSummary>;
export type CareTimelineItem = z.infer<typeof orgTimelineItem>;
export type TemporaryPassword = z.infer<typeof temporaryPasswordResponse>;
export interface AddMemberInput {
  name: string;
  mobile?: string;
  email?: string;
  memberRole: 'owner' | 'member';
  bureauRole?: 'admin' | 'reviewer' | 'finance';
}
export type MemberAction = 'deactivate' | 'reactivate' | 'reset-password' | 'unlock';

const careKey = (orgId: string) => ['admin', 'org', orgId] as const;

export function useOrgDetail(orgId: string | null) {
  return useQuery({
    queryKey: careKey(orgId ?? ''),
    queryFn: () => api.get<CareOrgDetail>(`/admin/organizations/${orgId ?? ''}`),
    enabled: Boolean(orgId),
  });
}

export function useOrgTimeline(orgId: string | null) {
  return useQuery({
    queryKey: [...careKey(orgId ?? ''), 'timeline'],
    queryFn: () => api.get<CareTimelineItem[]>(`/admin/organizations/${orgId ?? ''}/timeline`),
    enabled: Boolean(orgId),
  });
}

function useCareRefresh(orgId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([qc.invalidateQueries({ queryKey: careKey(orgId) }), qc.invalidateQueries({ queryKey: ['admin', 'organizations'] })]).then(() => undefined);
}

export function useAddMember(orgId: string) {
  const refresh = useCareRefresh(orgId);
  return useMutation({
    mutationFn: (body: AddMemberInput) => api.post<TemporaryPassword>(`/admin/organizations/${orgId}/members`, body),
    onSuccess: refresh,
  });
}

export function useMemberAction(orgId: string) {
  const refresh = useCareRefresh(orgId);
  return useMutation({
    mutationFn: ({ userId, action, reason }: { userId: string; action: MemberAction; reason?: string }) =>
      api.post<CareMember | TemporaryPassword>(`/admin/members/${userId}/${action}`, action === 'deactivate' || action === 'reactivate' ? { reason } : {}),
    onSuccess: refresh,
  });
}

export function useOrgActive(orgId: string) {
  const refresh = useCareRefresh(orgId);
  return useMutation({
    mutationFn: ({ active, reason }: { active: boolean; reason?: string }) =>
      api.post<CareOrgSummary>(`/admin/organizations/${orgId}/${active ? 'reactivate' : 'deactivate'}`, { reason }),
    onSuccess: refresh,
  });
}

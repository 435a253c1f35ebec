/** API hooks of announcements, objections and the public lists (open data). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, API_BASE, ApiError, readCookie } from '../../api/client';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AnnouncementSummary {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  officeName: string;
  officeContact: string | null;
  startsOn: string;
  endsOn: string;
  workingDays: number;
  status: string;
  finalAt: string | null;
  workingDaysLeft: number;
  window: 'open' | 'notStarted' | 'over';
  createdAt: string;
  itemCount?: number;
  openObjections?: number;
  objectionCount?: number;
}

export interface AnnouncementItem {
  id: string;
  projectId: string | null;
  enterpriseName: string;
  projectName: string | null;
  townCode: string | null;
  amountFen: number | null;
  note: string | null;
  position: number;
}

export interface ObjectionView {
  id: string;
  announcementId: string;
  announcementTitle: string;
  officeName: string;
  itemId: string | null;
  itemLabel: string | null;
  objectorName: string;
  contact: string;
  isOrganisation: boolean;
  organisationName: string | null;
  facts: string;
  evidence: Array<{ sha256: string; format: string; size: number }>;
  status: string;
  outcome: string | null;
  finding: string | null;
  handledByName: string | null;
  handledAt: string | null;
  createdAt: string;
  canHandle: boolean;
}

export type AnnouncementDetail = AnnouncementSummary & { items: AnnouncementItem[]; objections: ObjectionView[]; canFinalise: boolean; canHandle: boolean };
export type PublicAnnouncement = AnnouncementSummary & { items: AnnouncementItem[]; acceptsObjections: boolean; openObjections: number; closedObjections: number; rules: { zh: string[]; en: string[] } };

export type DataRow = Record<string, string | number | null>;
export type Dataset = 'pilot-enterprises' | 'funded-projects' | 'payments';

const DATASET_PATHS: Record<Dataset, string> = { 'pilot-enterprises': '/public/pilot-enterprises', 'funded-projects': '/public/funded-projects', payments: '/public/payments' };

export function openDataUrl(dataset: string, format: 'csv' | 'xlsx' | 'json'): string {
  return `${API_BASE}/public/open-data/${dataset}.${format}`;
}

export function usePublicList(dataset: Dataset, page: number, pageSize: number) {
  return useQuery({ queryKey: ['publicList', dataset, page, pageSize], queryFn: () => api.get<Page<DataRow>>(DATASET_PATHS[dataset], { page, pageSize }), placeholderData: keepPreviousData });
}

export function usePublicAnnouncements(kind: string | undefined, page = 1, pageSize = 10) {
  return useQuery({ queryKey: ['publicAnnouncements', kind, page, pageSize], queryFn: () => api.get<Page<AnnouncementSummary>>('/public/announcements', { kind, page, pageSize }), placeholderData: keepPreviousData });
}

export function usePublicAnnouncement(id: string) {
  return useQuery({ queryKey: ['publicAnnouncement', id], queryFn: () => api.get<PublicAnnouncement>(`/public/announcements/${id}`) });
}

export interface ObjectionBody {
  objectorName: string;
  contact: string;
  isOrganisation: boolean;
  organisationName?: string;
  itemId?: string;
  facts: string;
  evidence: string[];
}

export function useLodgeObjection(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ObjectionBody) => api.post<{ id: string; receivedAt: string; officeName: string; organisation: boolean }>(`/public/announcements/${id}/objections`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['publicAnnouncement', id] }),
  });
}

/** Uploads one evidence file (multipart field `file`); resolves to the token to attach. */
export async function uploadEvidence(id: string, file: File): Promise<{ token: string; sha256: string; size: number; format: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = readCookie('zs_csrf');
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch(`${API_BASE}/public/announcements/${id}/evidence`, { method: 'POST', body: form, headers, credentials: 'same-origin' });
  const data = (await res.json().catch(() => ({}))) as { code?: string; message?: string; details?: unknown; token?: string; sha256?: string; size?: number; format?: string };
  if (!res.ok) throw new ApiError(res.status, data.code ?? `HTTP_${res.status}`, data.message ?? `HTTP ${res.status}`, data.details ?? null);
  return { token: data.token ?? '', sha256: data.sha256 ?? '', size: data.size ?? 0, format: data.format ?? '' };
}

export function useAnnouncements(q: { kind?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
  return useQuery({ queryKey: ['announcements', q], queryFn: () => api.get<Page<AnnouncementSummary>>('/announcements', q), placeholderData: keepPreviousData });
}

export function useAnnouncement(id: string | null) {
  return useQuery({ queryKey: ['announcement', id], queryFn: () => api.get<AnnouncementDetail>(`/announcements/${id ?? ''}`), enabled: Boolean(id) });
}

export interface CreateAnnouncementBody {
  kind: 'pilot' | 'funded' | 'payment';
  title: string;
  body?: string;
  officeName: string;
  officeContact?: string;
  workingDays?: number;
  startsOn?: string;
}

export function useCreateAnnouncement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAnnouncementBody) => api.post<{ id: string; endsOn: string; itemCount: number }>('/announcements', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['announcements'] }),
  });
}

export function useFinalise() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ status: string; finalAt: string }>(`/announcements/${id}/finalise`),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['announcements'] });
      await qc.invalidateQueries({ queryKey: ['announcement'] });
    },
  });
}

export function useObjections(q: { status?: string | undefined; announcementId?: string | undefined; page: number; pageSize: number }) {
  return useQuery({ queryKey: ['objections', q], queryFn: () => api.get<Page<ObjectionView>>('/objections', q), placeholderData: keepPreviousData });
}

export function useRecordFinding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; outcome: string; finding: string }) => api.post<ObjectionView>(`/objections/${v.id}/finding`, { outcome: v.outcome, finding: v.finding }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['objections'] });
      await qc.invalidateQueries({ queryKey: ['announcement'] });
    },
  });
}

export function evidenceUrl(objectionId: string, sha256: string): string {
  return `${API_BASE}/objections/${objectionId}/evidence/${sha256}`;
}

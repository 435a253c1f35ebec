/** Stage 3 · provider choice and 推荐函: react-query hooks over /projects/:id/provider-* and /letters. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Text } from '../../core/text';
import { API_BASE, ApiError, api, readCookie } from './client';

export interface ProviderProduct {
  id: string;
  name: string;
  summary: string;
  scenes: string[];
  industries: string[];
  priceMinFen: number | null;
  priceMaxFen: number | null;
  deliveryDays: number | null;
  description: string;
  provider: { id: string; name: string; type: string };
  recommended: boolean;
  reason: Text | null;
}
export interface ProviderOptions {
  leadingUnits: Array<{ id: string; name: string }>;
  products: ProviderProduct[];
}
export interface ChoiceView {
  projectId: string;
  stage: number;
  state: string;
  pilotManagedAt: string | null;
  choice: {
    route: 'leadingUnit' | 'catalog' | 'market';
    provider: { id: string; name: string } | null;
    product: { id: string; name: string } | null;
    marketProviderName: string | null;
    marketProductName: string | null;
    recommender: { id: string; name: string } | null;
    note: string;
    chosenAt: string;
  } | null;
  letter: { id: string; state: string; stateLabel: Text; tone: string; hint: Text | null } | null;
}
export interface LetterForm {
  providerName?: string;
  providerUscc?: string;
  contactName?: string;
  contactPhone?: string;
  productName?: string;
  scenes?: string[];
  industries?: string[];
  priceMinFen?: number | null;
  priceMaxFen?: number | null;
  deliveryDays?: number | null;
  description?: string;
  reasons?: string;
  experience?: string;
}
export interface LetterSummary {
  id: string;
  state: string;
  stateLabel: Text;
  tone: string;
  enterpriseName: string;
  projectId: string;
  projectTitle: string;
  filingNo: string | null;
  recommenderName: string;
  marketProviderName: string;
  marketProductName: string;
  updatedAt: string;
}
export interface LetterAction {
  event: string;
  label: Text;
  kind: string;
  allowed: boolean;
  reasons: Text[];
  missingMaterials: string[];
  needsReason: boolean;
  confirm: Text | null;
}
export interface LetterDetail extends LetterSummary {
  hint: Text | null;
  letter: LetterForm;
  missing: Text[];
  writable: boolean;
  returnReason: string | null;
  lastDecision: { event: string; reason: string | null; at: string } | null;
  slots: Array<{ key: string; label: Text; required: boolean; accept: string[]; maxBytes: number; canUpload: boolean; files: Array<{ id: string; fileName: string; size: number; kind: string; uploadedAt: string }> }>;
  actions: LetterAction[];
}
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function useProviderOptions(projectId: string, filters: { q?: string; scene?: string; maxPriceFen?: number }) {
  return useQuery({
    queryKey: ['project', projectId, 'provider-options', filters],
    queryFn: () => api.get<ProviderOptions>(`/projects/${projectId}/provider-options`, filters),
    placeholderData: keepPreviousData,
  });
}

export function useProviderChoice(projectId: string, enabled = true) {
  return useQuery({ queryKey: ['project', projectId, 'provider-choice'], queryFn: () => api.get<ChoiceView>(`/projects/${projectId}/provider-choice`), enabled });
}

export function useLetters(q: { state?: string; page: number; pageSize: number }) {
  return useQuery({ queryKey: ['letters', q], queryFn: () => api.get<Paged<LetterSummary>>('/letters', q), placeholderData: keepPreviousData });
}

export function useLetter(id: string) {
  return useQuery({ queryKey: ['letter', id], queryFn: () => api.get<LetterDetail>(`/letters/${id}`) });
}

export function useSaveLetter(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LetterForm) => api.put<LetterDetail>(`/letters/${id}`, body),
    onSuccess: (d) => {
      qc.setQueryData(['letter', id], d);
      void qc.invalidateQueries({ queryKey: ['letters'] });
    },
  });
}

export function useLetterTransition(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { event: string; reason?: string }) => api.post<LetterDetail>(`/letters/${id}/transitions`, body),
    onSuccess: (d) => {
      qc.setQueryData(['letter', id], d);
      void qc.invalidateQueries({ queryKey: ['letters'] });
      void qc.invalidateQueries({ queryKey: ['project'] });
    },
  });
}

export function letterFileUrl(id: string, fileId: string): string {
  return `${API_BASE}/letters/${id}/files/${fileId}`;
}

/** Uploads one file into the letter's slot (multipart field `file`); rejects with the server's ApiError. */
export async function uploadLetterFile(id: string, slotKey: string, file: File): Promise<void> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = readCookie('zs_csrf');
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch(`${API_BASE}/letters/${id}/materials/${encodeURIComponent(slotKey)}`, { method: 'POST', body: form, headers, credentials: 'same-origin' });
  if (!res.ok) {
    const data = (await res.json().catch(() => ({}))) as { code?: string; message?: string; details?: unknown };
    throw new ApiError(res.status, data.code ?? `HTTP_${res.status}`, data.message ?? `HTTP ${res.status}`, data.details ?? null);
  }
}

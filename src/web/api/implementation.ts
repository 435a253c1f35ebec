/**
 * 改造实施 on the web: the implementation summary, training sessions (with their files), progress notes and the
 * acceptance date; a session's files upload into the slot implementation.trainingRecords with the session as item.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, ApiError, api, readCookie } from './client';
import type { Text } from '../../core/text';

export const TRAINING_SLOT = 'implementation.trainingRecords';

export interface ImplementationSummary {
  projectId: string;
  state: string;
  canWrite: boolean;
  canSetAcceptance: boolean;
  readOnlyReason: Text | null;
  acceptedOn: string | null;
  earliestOn: string | null;
  earliestBasis: 'contract' | 'filing';
  firstTrainingOn: string | null;
  today: string;
  sessions: number;
  sessionsWithFiles: number;
  acceptanceReportPresent: boolean;
  missing: Text[];
}

export interface SessionFile {
  id: string;
  fileName: string;
  size: number;
  kind: string;
  uploadedAt: string;
  uploaderName: string;
  uploaderOrgName: string;
  mine: boolean;
  canRemove: boolean;
}

export interface TrainingSession {
  id: string;
  heldOn: string;
  topic: string;
  trainer: string;
  trainees: number;
  traineeNames: string;
  createdAt: string;
  createdByName: string;
  createdByOrgName: string;
  onBehalfOfOrgName: string | null;
  files: SessionFile[];
}

export interface ProgressNote {
  id: string;
  body: string;
  createdAt: string;
  authorName: string;
  authorOrgName: string;
  onBehalfOfOrgName: string | null;
}

export interface SessionInput {
  heldOn: string;
  topic: string;
  trainer: string;
  trainees: number;
  traineeNames: string;
}

const key = (projectId: string) => ['implementation', projectId] as const;

const noRetryOn4xx = (count: number, e: unknown) => !(e instanceof ApiError && e.status < 500) && count < 2;

export function useImplementation(projectId: string, enabled = true) {
  return useQuery({ queryKey: [...key(projectId), 'summary'], queryFn: () => api.get<ImplementationSummary>(`/projects/${projectId}/implementation`), enabled, retry: noRetryOn4xx });
}

export function useTrainingSessions(projectId: string, enabled = true) {
  return useQuery({ queryKey: [...key(projectId), 'sessions'], queryFn: () => api.get<TrainingSession[]>(`/projects/${projectId}/training-sessions`), enabled, retry: noRetryOn4xx });
}

export function useProgressNotes(projectId: string, enabled = true) {
  return useQuery({ queryKey: [...key(projectId), 'notes'], queryFn: () => api.get<ProgressNote[]>(`/projects/${projectId}/progress-notes`), enabled, retry: noRetryOn4xx });
}

/** After a change: this record, the project (its actions and what they wait for), its materials and history. */
export function useImplementationRefresh(projectId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: key(projectId) }),
      qc.invalidateQueries({ queryKey: ['project', projectId] }),
      qc.invalidateQueries({ queryKey: ['materials', projectId] }),
      qc.invalidateQueries({ queryKey: ['timeline', projectId] }),
    ]);
}

export function useSaveSession(projectId: string) {
  const refresh = useImplementationRefresh(projectId);
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: SessionInput }) =>
      id ? api.patch<TrainingSession>(`/projects/${projectId}/training-sessions/${id}`, input) : api.post<TrainingSession>(`/projects/${projectId}/training-sessions`, input),
    onSuccess: () => refresh(),
  });
}

export function useRemoveSession(projectId: string) {
  const refresh = useImplementationRefresh(projectId);
  return useMutation({ mutationFn: (id: string) => api.del(`/projects/${projectId}/training-sessions/${id}`), onSuccess: () => refresh() });
}

export function useAddNote(projectId: string) {
  const refresh = useImplementationRefresh(projectId);
  return useMutation({ mutationFn: (body: string) => api.post<ProgressNote>(`/projects/${projectId}/progress-notes`, { body }), onSuccess: () => refresh() });
}

export function useSetAcceptance(projectId: string) {
  const refresh = useImplementationRefresh(projectId);
  return useMutation({ mutationFn: (acceptedOn: string) => api.put<{ acceptedOn: string }>(`/projects/${projectId}/acceptance`, { acceptedOn }), onSuccess: () => refresh() });
}

export function useRemoveSessionFile(projectId: string) {
  const refresh = useImplementationRefresh(projectId);
  return useMutation({ mutationFn: (materialId: string) => api.del(`/materials/${materialId}`), onSuccess: () => refresh() });
}

/** Uploads one file for a session (multipart field `file`), reporting progress; rejects with ApiError. */
export function uploadSessionFile(
  projectId: string,
  sessionId: string,
  file: Blob & { name?: string },
  opts: { onProgress?: (percent: number) => void; csrf?: string | null; networkMessage: string },
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/projects/${projectId}/materials/${encodeURIComponent(TRAINING_SLOT)}?itemId=${encodeURIComponent(sessionId)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const token = readCookie('zs_csrf') ?? opts.csrf ?? null;
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        opts.onProgress?.(100);
        resolve(data);
        return;
      }
      const body = (data ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
      reject(new ApiError(xhr.status, typeof body.code === 'string' ? body.code : `HTTP_${xhr.status}`, typeof body.message === 'string' ? body.message : opts.networkMessage, body.details ?? null));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', opts.networkMessage, null));
    const form = new FormData();
    form.append('file', file, file.name ?? 'file');
    xhr.send(form);
  });
}

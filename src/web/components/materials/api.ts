/**
 * The materials API on the web: the checklist, a slot's versions, removal, and uploads over XMLHttpRequest
 * (so the browser reports real upload progress), with the same CSRF header and error type as api/client.ts.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, ApiError, api, readCookie } from '../../api/client';
import type { Text } from '../../../core/text';

export type FileKind = 'pdf' | 'image' | 'office';

export interface MaterialFile {
  id: string;
  slotKey: string;
  fileName: string;
  size: number;
  kind: FileKind;
  mime: string;
  state: string;
  uploadedAt: string;
  uploaderName: string;
  uploaderOrgId: string;
  uploaderOrgName: string;
  onBehalfOfOrgName: string | null;
  mine: boolean;
  supersededAt: string | null;
  removedAt: string | null;
  canRemove: boolean;
}

export interface MaterialSlotView {
  key: string;
  label: Text;
  required: boolean;
  accept: FileKind[];
  maxBytes: number;
  multiple: boolean;
  /** Files belong to recorded items (training sessions) and are uploaded with them, not here. */
  items: 'trainingSession' | null;
  uploaders: string[];
  current: boolean;
  canUpload: boolean;
  reason: Text | null;
  reasonCode: string | null;
  requested: { note: string; dueOn: string | null; requestedAt: string; requestedByOrgName: string } | null;
  present: boolean;
  files: MaterialFile[];
  versions: number;
}

export interface Checklist {
  projectId: string;
  state: string;
  stateLabel: Text;
  slots: MaterialSlotView[];
  missing: Text[];
  uploadMaxBytes: number;
}

export const materialsKey = (projectId: string) => ['materials', projectId] as const;

export function useMaterials(projectId: string) {
  return useQuery({
    queryKey: materialsKey(projectId),
    queryFn: () => api.get<Checklist>(`/projects/${projectId}/materials`),
    retry: (count, e) => !(e instanceof ApiError && e.status < 500) && count < 2,
  });
}

export function useSlotVersions(projectId: string, slotKey: string | null) {
  return useQuery({
    queryKey: [...materialsKey(projectId), 'versions', slotKey],
    queryFn: () => api.get<MaterialFile[]>(`/projects/${projectId}/materials/${encodeURIComponent(slotKey ?? '')}/versions`),
    enabled: slotKey !== null,
  });
}

/** After a change: the checklist, the project (its missing materials and actions) and its history. */
function useRefresh(projectId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: materialsKey(projectId) }),
      qc.invalidateQueries({ queryKey: ['project', projectId] }),
      qc.invalidateQueries({ queryKey: ['timeline', projectId] }),
    ]);
}

export function useRemoveMaterial(projectId: string) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: (id: string) => api.del<MaterialFile>(`/materials/${id}`),
    onSuccess: () => refresh(),
  });
}

export function useMaterialsRefresh(projectId: string) {
  return useRefresh(projectId);
}

export function downloadUrl(id: string, inline = false): string {
  return `${API_BASE}/materials/${id}/download${inline ? '?inline=1' : ''}`;
}

/** PDF and images open in the browser (the server sends them inline only then). */
export function canPreview(kind: FileKind): boolean {
  return kind === 'pdf' || kind === 'image';
}

/** The `accept` attribute of a file input for a slot's kinds. */
export function acceptAttribute(kinds: readonly FileKind[]): string {
  const parts: string[] = [];
  if (kinds.includes('pdf')) parts.push('.pdf', 'application/pdf');
  if (kinds.includes('image')) parts.push('.jpg', '.jpeg', '.png', 'image/jpeg', 'image/png');
  if (kinds.includes('office'))
    parts.push('.docx', '.xlsx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return parts.join(',');
}

export interface UploadOptions {
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
  /** Fallback CSRF token (the session's, from /auth/me) when the readable cookie is missing. */
  csrf?: string | null;
  /** Messages for failures that never reached the server's error model. */
  networkMessage: string;
}

/** Uploads one file into a slot (multipart field `file`), reporting progress; rejects with ApiError. */
export function uploadMaterial(projectId: string, slotKey: string, file: Blob & { name?: string }, opts: UploadOptions): Promise<MaterialFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/projects/${projectId}/materials/${encodeURIComponent(slotKey)}`);
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
        resolve(data as MaterialFile);
        return;
      }
      const body = (data ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
      const code = typeof body.code === 'string' ? body.code : `HTTP_${xhr.status}`;
      const message = typeof body.message === 'string' ? body.message : opts.networkMessage;
      reject(new ApiError(xhr.status, code, message, body.details ?? null));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', opts.networkMessage, null));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name ?? 'file');
    xhr.send(form);
  });
}

/** The certificates area's queries: a project's certificate, its revocation, the public verification. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { DIGITAL_LEVEL_LABELS, type DigitalLevel } from '../../../core/workflow/context';

export function levelLabel(level: number, tx: (t: { zh: string; en: string }) => string): string {
  return level in DIGITAL_LEVEL_LABELS ? tx(DIGITAL_LEVEL_LABELS[level as DigitalLevel]) : String(level);
}

export interface Certificate {
  id: string;
  projectId: string;
  code: string;
  enterpriseName: string;
  projectName: string;
  filingNo: string | null;
  level: number;
  funded: boolean;
  issuedOn: string;
  status: 'valid' | 'revoked';
  revokedAt: string | null;
  revokeReason: string | null;
  verificationUrl: string;
}

export interface PublicCertificate {
  code: string;
  status: 'valid' | 'revoked';
  enterpriseName: string;
  projectName: string;
  level: number;
  funded: boolean;
  issuedOn: string;
  revokedOn: string | null;
}

/** The project's certificate, or null while none is issued (the server answers 404). */
export function useProjectCertificate(projectId: string, enabled = true) {
  return useQuery({
    queryKey: ['projects', projectId, 'certificate'],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Certificate>(`/projects/${projectId}/certificate`, undefined, signal);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    enabled,
    retry: false,
  });
}

export function useRevokeCertificate(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string }) => api.post<Certificate>(`/projects/${projectId}/certificate/revoke`, body),
    onSuccess: (c) => qc.setQueryData(['projects', projectId, 'certificate'], c),
  });
}

export function useVerifyCertificate(code: string) {
  return useQuery({
    queryKey: ['public', 'certificates', code],
    queryFn: ({ signal }) => api.get<PublicCertificate>(`/public/certificates/${encodeURIComponent(code)}`, undefined, signal),
    enabled: code.trim() !== '',
    retry: false,
  });
}

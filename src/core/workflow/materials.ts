/**
 * Material slots shared by several tables. A slot key names one material everywhere: the project's
 * `diagnosis.report` is the same file the diagnosis report's own lifecycle carries.
 */
import type { ActorRole } from '../identity/roles';
import type { Text } from '../text';
import type { ReportKind } from './context';
import type { FileKind, MaterialSlot } from './types';

/** The payment paperwork of a tranche (disbursement.*): never part of the subsidy application's checklist. */
export function isPaymentPaperwork(slot: { key: string }): boolean {
  return slot.key.startsWith('disbursement.');
}

export const MB = 1024 * 1024;

export const DOCUMENTS: readonly FileKind[] = ['pdf', 'office', 'image'];
/** Evidence: documents, spreadsheets, scans and photos (archives are refused: their content cannot be checked). */
export const EVIDENCE: readonly FileKind[] = ['pdf', 'office', 'image'];
export const PDF_ONLY: readonly FileKind[] = ['pdf'];
export const SCANS: readonly FileKind[] = ['pdf', 'image'];

export function slot(
  key: string,
  label: Text,
  opts: { required: boolean; accept: readonly FileKind[]; maxMb: number; uploaders: readonly ActorRole[] },
): MaterialSlot {
  return { key, label, required: opts.required, accept: opts.accept, maxBytes: opts.maxMb * MB, uploaders: opts.uploaders };
}

export const REPORT_SLOT_LABELS: Record<ReportKind, Text> = {
  diagnosis: { zh: '企业诊断报告', en: 'Diagnosis report' },
  evaluation: { zh: '改造成效评估报告', en: 'Evaluation report' },
};

/** The slot holding an institution's (or the platform's) report of `kind`. */
export function reportSlot(kind: ReportKind, uploaders: readonly ActorRole[]): MaterialSlot {
  return slot(`${kind}.report`, REPORT_SLOT_LABELS[kind], { required: true, accept: PDF_ONLY, maxMb: 50, uploaders });
}

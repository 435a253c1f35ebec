/**
 * Stage 7 set-up shared by the API tests: the subsidy application's materials uploaded through the API (as the
 * enterprise does) for a project made by `makeProjectReadyToApply`.
 */
import type { Client } from './app';
import { jpeg, pdf, png } from './sample-files';

/** The slots of the application checklist the enterprise fills itself (the reports come from the platform). */
export const SUBSIDY_UPLOAD_SLOTS = ['contract.quotation', 'contract.contract', 'subsidy.invoices', 'subsidy.paymentProofs', 'implementation.acceptanceReport', 'subsidy.systemScreenshots'] as const;

export async function uploadSubsidyMaterials(c: Client, projectId: string, trainingSessionId: string): Promise<void> {
  const base = `/api/v1/projects/${projectId}/materials`;
  for (const slot of SUBSIDY_UPLOAD_SLOTS) {
    const file = slot === 'subsidy.systemScreenshots' ? png() : pdf();
    const res = await c.upload(`${base}/${slot}`, file, slot === 'subsidy.systemScreenshots' ? `${slot}.png` : `${slot}.pdf`);
    if (res.status !== 201) throw new Error(`upload ${slot}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const training = await c.upload(`${base}/implementation.trainingRecords?itemId=${trainingSessionId}`, jpeg(), '签到表.jpg');
  if (training.status !== 201) throw new Error(`upload training: ${training.status} ${JSON.stringify(training.body)}`);
}

/**
 * The application pack (申报材料包): every material of the subsidy application's checklist, in checklist order,
 * as the provincial finance platform (广东财政惠企利民服务平台) asks them uploaded, with an index (PDF and XLSX)
 * and the application's summary (invoices, payments, the computation's steps). Bytes come from the file store
 * as the archive is written; nothing is buffered but the index and the platform's own report PDF.
 *
 * Who may download it: the bureau, the town office of the project and the enterprise itself (the project's
 * access policy first; anyone else who may see the project still gets a 404).
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DbOrTx } from '../../../db/client';
import { decisionBatches, materials, projects, subsidyApplications, subsidyInvoices, subsidyPayments, users } from '../../../db/schema';
import { getState, isPaymentPaperwork, type MaterialSlot } from '../../../core/workflow';
import type { Text } from '../../../core/text';
import { AppError } from '../../http/errors';
import type { Actor } from '../../http/actor';
import { sanitizeFileName, type FileStore } from '../../files';
import { tableFor } from '../../workflow/registry';
import { loadProjectFor, type LoadedProject } from '../projects/policy';
import { latestReports } from '../reports/objects';
import { latestDiagnosis } from '../assessments/service';
import { buildReportModel } from '../assessments/report';
import { renderReportPdf } from '../reports/pdf';
import type { ZipEntry } from './zip';

/** The state whose checklist is the application's (the first stage-7 state, where the enterprise applies). */
export const APPLICATION_STATE = 'evaluationPassed';

export interface PackFile {
  fileName: string;
  /** The path inside the archive. */
  path: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
  /** Stored upload, or the platform's own rendering (the self-diagnosis report). */
  source: 'material' | 'platform';
  open: () => Promise<Readable | Buffer>;
}

export interface PackItem {
  no: number;
  slotKey: string;
  label: Text;
  folder: string;
  required: boolean;
  files: PackFile[];
}

export interface ApplicationSummary {
  round: number;
  submittedAt: string | null;
  verifiedInvestmentFen: number | null;
  suggestedFen: number | null;
  approvedFen: number | null;
  invoices: Array<{ number: string; issuedOn: string; amountFen: number; taxFen: number; costClass: string; seller: string | null }>;
  payments: Array<{ paidOn: string; amountFen: number; payee: string | null; reference: string | null }>;
  steps: Array<{ text: Text; amountFen: number | null }>;
}

export interface ProjectPack {
  project: { id: string; title: string; enterpriseName: string; uscc: string; filingNo: string | null; townCode: string; state: string };
  items: PackItem[];
  application: ApplicationSummary | null;
  generatedAt: Date;
}

/** The enterprise itself, its town office and the bureau; anyone else (who may see the project at all) gets 404. */
export async function loadPackProject(db: DbOrTx, actor: Actor, projectId: string): Promise<LoadedProject> {
  const p = await loadProjectFor(db, actor, projectId);
  const allowed = actor.orgType === 'bureau' || actor.orgType === 'town' || (actor.orgType === 'enterprise' && p.enterpriseId === actor.orgId);
  if (!allowed) throw new AppError('NOT_FOUND');
  return p;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A folder or file name safe on every system (the slot's label as the folder). */
function folderName(no: number, label: string): string {
  return `${pad(no)}_${sanitizeFileName(label, 'item')}`;
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) {
    const dot = name.lastIndexOf('.');
    candidate = dot > 0 ? `${name.slice(0, dot)}(${i})${name.slice(dot)}` : `${name}(${i})`;
  }
  taken.add(candidate);
  return candidate;
}

async function applicationSummary(db: DbOrTx, projectId: string): Promise<ApplicationSummary | null> {
  const [app] = await db.select().from(subsidyApplications).where(eq(subsidyApplications.projectId, projectId)).orderBy(desc(subsidyApplications.round)).limit(1);
  if (!app) return null;
  const [invoices, payments] = await Promise.all([
    db.select().from(subsidyInvoices).where(eq(subsidyInvoices.applicationId, app.id)).orderBy(asc(subsidyInvoices.position), asc(subsidyInvoices.issuedOn)),
    db.select().from(subsidyPayments).where(eq(subsidyPayments.applicationId, app.id)).orderBy(asc(subsidyPayments.position), asc(subsidyPayments.paidOn)),
  ]);
  const rawSteps = (app.calculation as { steps?: unknown } | null)?.steps;
  const steps = Array.isArray(rawSteps)
    ? rawSteps.flatMap((s: unknown) => {
        const st = s as { text?: { zh?: unknown; en?: unknown }; amountFen?: unknown };
        if (!st.text || typeof st.text.zh !== 'string') return [];
        return [{ text: { zh: st.text.zh, en: typeof st.text.en === 'string' ? st.text.en : st.text.zh }, amountFen: typeof st.amountFen === 'number' ? st.amountFen : null }];
      })
    : [];
  return {
    round: app.round,
    submittedAt: app.submittedAt?.toISOString() ?? null,
    verifiedInvestmentFen: app.verifiedInvestmentFen,
    suggestedFen: app.suggestedFen,
    approvedFen: app.approvedFen,
    invoices: invoices.map((i) => ({ number: i.number, issuedOn: i.issuedOn, amountFen: i.amountFen, taxFen: i.taxFen, costClass: i.costClass, seller: i.seller })),
    payments: payments.map((p) => ({ paidOn: p.paidOn, amountFen: p.amountFen, payee: p.payee, reference: p.reference })),
    steps,
  };
}

/**
 * The platform's diagnosis report PDF of a self-diagnosed project (no file was uploaded for it), rendered as
 * the assessment's report is; null when there is none or the caller may not read the assessment.
 */
async function platformDiagnosisPdf(db: DbOrTx, actor: Actor, projectId: string): Promise<{ pdf: Buffer; at: Date } | null> {
  const reports = (await latestReports(db, [projectId])).get(projectId);
  if (reports?.diagnosis?.state !== 'confirmed') return null;
  const assessment = await latestDiagnosis(db, projectId);
  if (!assessment || assessment.mode !== 'self') return null;
  try {
    const model = await buildReportModel(db, actor, assessment.id, 'zh-CN');
    return { pdf: await renderReportPdf(model, { locale: 'zh-CN' }), at: assessment.submittedAt ?? new Date() };
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}

/** Everything the pack holds, for a project the caller may download the pack of. */
export async function projectPack(db: DbOrTx, files: FileStore, actor: Actor, p: LoadedProject, prefix = ''): Promise<ProjectPack> {
  const table = tableFor(p.workflowVersion);
  const slots: readonly MaterialSlot[] = (getState(table, APPLICATION_STATE)?.materials ?? []).filter((s) => !isPaymentPaperwork(s));
  const keys = slots.map((s) => s.key);
  const rows =
    keys.length === 0
      ? []
      : await db
          .select({ m: materials, uploaderName: users.name })
          .from(materials)
          .leftJoin(users, eq(users.id, materials.uploadedBy))
          .where(and(eq(materials.objectType, 'project'), eq(materials.objectId, p.id), inArray(materials.slotKey, keys), isNull(materials.supersededAt), isNull(materials.removedAt)))
          .orderBy(asc(materials.id));
  const bySlot = new Map<string, typeof rows>();
  for (const r of rows) bySlot.set(r.m.slotKey, [...(bySlot.get(r.m.slotKey) ?? []), r]);

  const items: PackItem[] = [];
  for (const [i, slot] of slots.entries()) {
    const no = i + 1;
    const folder = `${prefix}${folderName(no, slot.label.zh)}`;
    const taken = new Set<string>();
    const list: PackFile[] = (bySlot.get(slot.key) ?? []).map((r) => {
      const name = uniqueName(sanitizeFileName(r.m.fileName), taken);
      const sha = r.m.fileSha256;
      return {
        fileName: name,
        path: `${folder}/${name}`,
        size: Number(r.m.size),
        sha256: sha,
        uploadedAt: r.m.uploadedAt.toISOString(),
        uploadedBy: r.uploaderName ?? '',
        source: 'material',
        open: () => files.get(sha),
      };
    });
    if (list.length === 0 && slot.key === 'diagnosis.report') {
      const platform = await platformDiagnosisPdf(db, actor, p.id);
      if (platform) {
        const name = '企业诊断报告（平台生成）.pdf';
        list.push({
          fileName: name,
          path: `${folder}/${name}`,
          size: platform.pdf.length,
          sha256: createHash('sha256').update(platform.pdf).digest('hex'),
          uploadedAt: platform.at.toISOString(),
          uploadedBy: '平台生成',
          source: 'platform',
          open: () => Promise.resolve(platform.pdf),
        });
      }
    }
    items.push({ no, slotKey: slot.key, label: slot.label, folder, required: slot.required, files: list });
  }
  return {
    project: { id: p.id, title: p.title, enterpriseName: p.enterpriseName, uscc: p.uscc, filingNo: p.filingNo, townCode: p.townCode, state: p.state },
    items,
    application: await applicationSummary(db, p.id),
    generatedAt: new Date(),
  };
}

/** The archive entries of a pack's files (opened one at a time as the archive is written). */
export function fileEntries(pack: ProjectPack): ZipEntry[] {
  return pack.items.flatMap((item) =>
    item.files.map((f) => ({
      name: f.path,
      modified: new Date(f.uploadedAt),
      data: async () => {
        const src = await f.open();
        return Buffer.isBuffer(src) ? Readable.from([src]) : src;
      },
    })),
  );
}

// ---- decision batches ----------------------------------------------------------------------------------

export interface BatchPackProject {
  pack: ProjectPack;
  folder: string;
  suggestedFen: number | null;
  approvedFen: number | null;
  result: string;
}

export interface BatchPack {
  batch: { id: string; name: string; minutesRef: string | null; status: string; decidedAt: string | null };
  projects: BatchPackProject[];
}

/** The bureau's pack of a decision batch: one folder per application, in the batch's order of submission. */
export async function batchPack(db: DbOrTx, files: FileStore, actor: Actor, batchId: string): Promise<BatchPack> {
  if (actor.orgType !== 'bureau') throw new AppError('NOT_FOUND');
  const [batch] = await db.select().from(decisionBatches).where(eq(decisionBatches.id, batchId));
  if (!batch) throw new AppError('NOT_FOUND');
  const apps = await db
    .select({ a: subsidyApplications, enterpriseName: projects.enterpriseName, filingNo: projects.filingNo })
    .from(subsidyApplications)
    .innerJoin(projects, eq(projects.id, subsidyApplications.projectId))
    .where(eq(subsidyApplications.batchId, batch.id))
    .orderBy(asc(subsidyApplications.submittedAt), asc(subsidyApplications.id));
  const results = new Map<string, Record<string, unknown>>();
  for (const r of batch.results) if (typeof r.applicationId === 'string') results.set(r.applicationId, r);
  const out: BatchPackProject[] = [];
  for (const [i, row] of apps.entries()) {
    const p = await loadProjectFor(db, actor, row.a.projectId);
    const folder = `${pad(i + 1)}_${sanitizeFileName(`${row.enterpriseName}_${row.filingNo ?? row.a.projectId.slice(0, 8)}`, 'project')}`;
    const pack = await projectPack(db, files, actor, p, `${folder}/`);
    const r = results.get(row.a.id);
    const result = !r ? (batch.status === 'decided' ? '—' : '待审议') : r.ok === false ? `未通过${typeof r.message === 'string' ? `：${r.message}` : ''}` : '通过';
    out.push({ pack, folder, suggestedFen: row.a.suggestedFen, approvedFen: row.a.approvedFen, result });
  }
  return {
    batch: { id: batch.id, name: batch.name, minutesRef: batch.minutesRef, status: batch.status, decidedAt: batch.decidedAt?.toISOString() ?? null },
    projects: out,
  };
}

/**
 * The 试点企业 honour certificate: one per project, issued when the project ends as a pilot enterprise (honour
 * only, subsidy not granted, or paid). Its verification code is random (12 characters of an alphabet without
 * look-alikes, ≈ 59 bits) with a check character, so a mistyped code is told apart from an unknown one.
 * Who may see a project's certificate is who may see the project (projects/policy.ts); anyone may verify a code.
 */
import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { certificates, ledgerEntries } from '../../../db/schema';
import { recordAudit, originOf } from '../../audit';
import { AppError } from '../../http/errors';
import type { Actor, RequestContext } from '../../http/actor';
import { loadProjectFor } from '../projects/policy';
import { reportVersions } from '../reports/objects';
import { todayInShanghai } from '../../deadlines/service';
import { publicBaseUrl } from '../../notifications';

/** No 0/O, 1/I/L: what a person reads off paper types back the same. 31 symbols (a prime: the check works). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BODY_LENGTH = 12;

/** The check character: a position-weighted sum modulo 31 (catches every single substitution and swap). */
export function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * CODE_ALPHABET.indexOf(body[i] as string);
  return CODE_ALPHABET[sum % CODE_ALPHABET.length] as string;
}

/** A new code, as printed: `XXXX-XXXX-XXXX-C`. */
export function newCertificateCode(): string {
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}-${checkCharacter(body)}`;
}

/**
 * The printed form of a code as typed (any case, spaces or dashes anywhere), or null when it cannot be one:
 * wrong length, a character outside the alphabet, or a wrong check character.
 */
export function normalizeCode(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[\s\-_.]/g, '');
  if (s.length !== BODY_LENGTH + 1) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  const body = s.slice(0, BODY_LENGTH);
  if (checkCharacter(body) !== s[BODY_LENGTH]) return null;
  return `${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}-${s[BODY_LENGTH]}`;
}

export function verificationUrl(code: string): string {
  return `${publicBaseUrl().replace(/\/+$/, '')}/verify?code=${encodeURIComponent(code)}`;
}

export type CertificateRow = typeof certificates.$inferSelect;

export interface CertificateView {
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

export function certificateView(c: CertificateRow): CertificateView {
  return {
    id: c.id,
    projectId: c.projectId,
    code: c.code,
    enterpriseName: c.enterpriseName,
    projectName: c.projectName,
    filingNo: c.filingNo,
    level: c.level,
    funded: c.funded,
    issuedOn: c.issuedOn,
    status: c.revokedAt ? 'revoked' : 'valid',
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revokeReason: c.revokeReason,
    verificationUrl: verificationUrl(c.code),
  };
}

/** What the public verification shows: no ids, no reason, nothing beyond the certificate's face. */
export interface PublicCertificateView {
  code: string;
  status: 'valid' | 'revoked';
  enterpriseName: string;
  projectName: string;
  level: number;
  funded: boolean;
  issuedOn: string;
  revokedOn: string | null;
}

/** The level of the project's latest confirmed effect evaluation (its report's `levelAfter`). */
async function confirmedLevel(tx: DbOrTx, projectId: string): Promise<number | null> {
  const versions = await reportVersions(tx, projectId, 'evaluation');
  const confirmed = versions.find((v) => v.state === 'confirmed');
  const level = confirmed?.data.levelAfter;
  return typeof level === 'number' && Number.isInteger(level) ? level : null;
}

/** Whether completion-subsidy money has been paid for the project (a `pay` row on the final line of the ledger). */
async function fundedProject(tx: DbOrTx, projectId: string): Promise<boolean> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.projectId, projectId), eq(ledgerEntries.kind, 'pay'), eq(ledgerEntries.line, 'final')));
  return Number(row?.n ?? 0) > 0;
}

/**
 * Issues the project's certificate (inside the transition's transaction); a second call for the same project
 * keeps the first certificate. Returns the certificate.
 */
export async function issueCertificateFor(tx: DbOrTx, project: { id: string; enterpriseName: string; title: string; filingNo: string | null }, now: Date): Promise<CertificateRow> {
  const [existing] = await tx.select().from(certificates).where(eq(certificates.projectId, project.id));
  if (existing) return existing;
  const level = await confirmedLevel(tx, project.id);
  if (level === null) {
    throw new AppError('STAGE_NOT_ALLOWED', {
      message: { zh: '项目没有已确认的成效评估等级，无法签发试点企业证书', en: 'The project has no confirmed evaluation level; no certificate can be issued' },
    });
  }
  const funded = await fundedProject(tx, project.id);
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await tx
      .insert(certificates)
      .values({
        projectId: project.id,
        code: newCertificateCode(),
        enterpriseName: project.enterpriseName,
        projectName: project.title,
        filingNo: project.filingNo,
        level,
        funded,
        issuedOn: todayInShanghai(now),
      })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
    const [again] = await tx.select().from(certificates).where(eq(certificates.projectId, project.id));
    if (again) return again;
    // else: the code collided (one in 10^17); draw another
  }
  throw new AppError('INTERNAL');
}

/** The project's certificate for a caller who may see the project (404 when there is none yet). */
export async function certificateOfProject(db: DbOrTx, actor: Actor, projectId: string): Promise<CertificateRow> {
  const p = await loadProjectFor(db, actor, projectId);
  const [row] = await db.select().from(certificates).where(eq(certificates.projectId, p.id));
  if (!row) throw new AppError('NOT_FOUND', { message: { zh: '该项目尚未签发试点企业证书', en: 'No certificate has been issued for this project yet' } });
  return row;
}

/** Public verification by code: a malformed, mistyped or unknown code is CERTIFICATE_NOT_FOUND. */
export async function verifyCode(db: DbOrTx, raw: string): Promise<PublicCertificateView> {
  const code = normalizeCode(raw);
  if (!code) throw new AppError('CERTIFICATE_NOT_FOUND', { details: { reason: 'MALFORMED' } });
  const [c] = await db.select().from(certificates).where(eq(certificates.code, code));
  if (!c) throw new AppError('CERTIFICATE_NOT_FOUND');
  return {
    code: c.code,
    status: c.revokedAt ? 'revoked' : 'valid',
    enterpriseName: c.enterpriseName,
    projectName: c.projectName,
    level: c.level,
    funded: c.funded,
    issuedOn: c.issuedOn,
    revokedOn: c.revokedAt ? todayInShanghai(c.revokedAt) : null,
  };
}

/** The bureau's administrator revokes a certificate, with the reason (audited); revoking twice is a conflict. */
export async function revokeCertificate(db: DbOrTx, ctx: RequestContext, projectId: string, reason: string): Promise<CertificateRow> {
  return db.transaction(async (tx) => {
    const p = await loadProjectFor(tx, ctx.actor, projectId, { forUpdate: true });
    const [c] = await tx.select().from(certificates).where(eq(certificates.projectId, p.id));
    if (!c) throw new AppError('NOT_FOUND', { message: { zh: '该项目尚未签发试点企业证书', en: 'No certificate has been issued for this project yet' } });
    if (c.revokedAt) throw new AppError('CONFLICT', { message: { zh: '该证书已撤销', en: 'This certificate is already revoked' }, details: { reason: 'ALREADY_REVOKED' } });
    const [row] = await tx.update(certificates).set({ revokedAt: new Date(), revokeReason: reason }).where(eq(certificates.id, c.id)).returning();
    if (!row) throw new AppError('INTERNAL');
    await recordAudit(tx, originOf(ctx), { action: 'certificate.revoked', targetType: 'certificate', targetId: c.id, projectId: p.id, summary: { code: c.code, reason } });
    return row;
  });
}

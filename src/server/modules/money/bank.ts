/**
 * The enterprise's bank account (企业银行账户): entered by the enterprise itself, stored encrypted (crypto.ts), a
 * change adds a row and supersedes the previous one (a paid tranche keeps the id of the account it went to).
 * Every view is masked except for the bureau's finance duty (policy.ts).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../../db/client';
import { bankAccounts, organizations } from '../../../db/schema';
import { originOf, recordAudit } from '../../audit';
import type { Actor, RequestContext } from '../../http/actor';
import { AppError } from '../../http/errors';
import { bi } from '../../http/validation';
import { decryptAccount, encryptAccount, keyring, type BankAccountSecret } from './crypto';
import { assertMayWriteBankAccount, mayWriteBankAccount, seesAccountUnmasked } from './policy';

export type BankAccountRow = typeof bankAccounts.$inferSelect;

export const bankAccountBody = z.strictObject({
  bankName: z
    .string(bi('开户银行应为文字', 'The bank must be text'))
    .trim()
    .min(2, bi('请填写开户银行（至少2个字）', 'Enter the bank (at least 2 characters)'))
    .max(60, bi('开户银行不超过60个字', 'The bank takes at most 60 characters')),
  accountName: z
    .string(bi('账户名称应为文字', 'The account name must be text'))
    .trim()
    .min(2, bi('请填写账户名称（应与企业名称一致）', 'Enter the account name (the enterprise name)'))
    .max(100, bi('账户名称不超过100个字', 'The account name takes at most 100 characters')),
  accountNumber: z
    .string(bi('银行账号应为文字', 'The account number must be text'))
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{8,32}$/, bi('银行账号应为8至32位数字', 'The account number has 8 to 32 digits'))),
});
export type BankAccountBody = z.infer<typeof bankAccountBody>;

export const bankAccountView = z.object({
  id: z.string(),
  masked: z.boolean(),
  bankName: z.string(),
  accountName: z.string(),
  accountNumber: z.string(),
  last4: z.string(),
  updatedAt: z.string(),
});
export type BankAccountView = z.infer<typeof bankAccountView>;

export const enterpriseBankAccountView = z.object({
  account: bankAccountView.nullable(),
  canEdit: z.boolean(),
});

/** `**** **** **** 1234` */
export function maskNumber(last4: string): string {
  return `**** **** **** ${last4}`;
}

/** Keeps the first two and the last two characters: 中山市某某科技有限公司 → 中山*******公司. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 2) return `${chars[0] ?? ''}*`;
  if (chars.length <= 4) return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  return `${chars.slice(0, 2).join('')}${'*'.repeat(chars.length - 4)}${chars.slice(-2).join('')}`;
}

/** The view of a stored account for `actor`: in full for finance, masked for everyone else. */
export function viewAccount(actor: Actor, row: BankAccountRow): BankAccountView {
  const secret = decryptAccount(row);
  const full = seesAccountUnmasked(actor);
  return {
    id: row.id,
    masked: !full,
    bankName: secret.bankName,
    accountName: full ? secret.accountName : maskName(secret.accountName),
    accountNumber: full ? secret.accountNumber : maskNumber(row.last4),
    last4: row.last4,
    updatedAt: row.createdAt.toISOString(),
  };
}

/** The current account of each organisation (one query). */
export async function currentAccounts(db: DbOrTx, orgIds: readonly string[]): Promise<Map<string, BankAccountRow>> {
  const ids = [...new Set(orgIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(bankAccounts)
    .where(and(inArray(bankAccounts.orgId, ids), isNull(bankAccounts.supersededAt)));
  return new Map(rows.map((r) => [r.orgId, r]));
}

export async function currentAccount(db: DbOrTx, orgId: string): Promise<BankAccountRow | null> {
  return (await currentAccounts(db, [orgId])).get(orgId) ?? null;
}

export async function accountById(db: DbOrTx, ids: readonly string[]): Promise<Map<string, BankAccountRow>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await db.select().from(bankAccounts).where(inArray(bankAccounts.id, list));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function getEnterpriseAccount(db: DbOrTx, actor: Actor) {
  if (actor.orgType !== 'enterprise') throw new AppError('FORBIDDEN_ROLE');
  const row = await currentAccount(db, actor.orgId);
  return { account: row ? viewAccount(actor, row) : null, canEdit: mayWriteBankAccount(actor) };
}

/** Enters or changes the enterprise's account: the old row is superseded, the new one encrypted with the current key. */
export async function saveEnterpriseAccount(db: DbOrTx, ctx: RequestContext, body: BankAccountBody) {
  assertMayWriteBankAccount(ctx.actor);
  const secret: BankAccountSecret = { bankName: body.bankName, accountName: body.accountName, accountNumber: body.accountNumber };
  const ring = keyring();
  await db.transaction(async (tx) => {
    // One change at a time per organisation (the partial unique index stands behind it).
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, ctx.actor.orgId)).for('update');
    const now = new Date();
    const [old] = await tx
      .update(bankAccounts)
      .set({ supersededAt: now })
      .where(and(eq(bankAccounts.orgId, ctx.actor.orgId), isNull(bankAccounts.supersededAt)))
      .returning({ id: bankAccounts.id });
    const enc = encryptAccount(secret, ctx.actor.orgId, ring);
    const [row] = await tx
      .insert(bankAccounts)
      .values({ orgId: ctx.actor.orgId, keyId: enc.keyId, cipher: enc.cipher, last4: body.accountNumber.slice(-4), createdBy: ctx.actor.userId })
      .returning({ id: bankAccounts.id });
    if (!row) throw new AppError('INTERNAL');
    // The audit names the change, never the account's content.
    await recordAudit(tx, originOf(ctx), {
      action: old ? 'bankAccount.changed' : 'bankAccount.entered',
      targetType: 'bankAccount',
      targetId: row.id,
      summary: { ...(old ? { supersedes: old.id } : {}), keyId: enc.keyId },
    });
  });
  return getEnterpriseAccount(db, ctx.actor);
}

/**
 * Re-encrypts every row not under the current key (`npm run bank:rekey`), in batches, each row in its own
 * update; returns how many rows moved. Rows whose key is not configured are reported, not touched.
 */
export async function rekeyAll(db: DbOrTx, log: (line: string) => void = () => {}): Promise<{ rekeyed: number; failed: number }> {
  const ring = keyring();
  let rekeyed = 0;
  let failed = 0;
  const rows = await db.select().from(bankAccounts);
  for (const row of rows) {
    if (row.keyId === ring.currentId) continue;
    try {
      const secret = decryptAccount(row, ring);
      const enc = encryptAccount(secret, row.orgId, ring);
      await db.update(bankAccounts).set({ keyId: enc.keyId, cipher: enc.cipher }).where(and(eq(bankAccounts.id, row.id), eq(bankAccounts.keyId, row.keyId)));
      rekeyed += 1;
    } catch {
      failed += 1;
      log(`bank account ${row.id}: key "${row.keyId}" is not configured or does not decrypt it; left as it is`);
    }
  }
  return { rekeyed, failed };
}

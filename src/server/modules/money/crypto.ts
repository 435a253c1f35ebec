/**
 * Bank-account encryption at rest: AES-256-GCM (node:crypto), one random 12-byte IV per record, the record's
 * organisation bound in as associated data (a ciphertext moved to another organisation's row does not decrypt).
 * Keys come from the environment (see config.ts `bankKeyConfig`); each row names its key (`key_id`) so keys can
 * rotate: add the new key to BANK_ACCOUNT_KEYS, point BANK_ACCOUNT_KEY_ID at it and run `npm run bank:rekey`.
 * Nothing here logs a key or any account data.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { bankKeyConfig } from '../../config';
import { AppError } from '../../http/errors';

export interface BankAccountSecret {
  bankName: string;
  accountName: string;
  accountNumber: string;
}

export interface Keyring {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
  /** True when the fixed development key is in use (no keys configured). */
  development: boolean;
}

const DEV_KEY_ID = 'dev';
/** A fixed development key (derived from a public constant): for development and tests only. */
const DEV_KEY = createHash('sha256').update('zs-pilot-platform development bank-account key (not for production)').digest();

let warned = false;
let warn: (message: string) => void = (message) => process.emitWarning(message, { code: 'ZS_BANK_DEV_KEY' });

/** Where the one-time development-key warning goes (the server's logger once it exists). */
export function setBankKeyWarning(fn: (message: string) => void): void {
  warn = fn;
}

function keyMissing(en: string, zh: string): AppError {
  return new AppError('BANK_KEY_MISSING', { message: { zh, en } });
}

/** Parses the configured keys; throws BANK_KEY_MISSING when they are malformed or the current one is absent. */
export function parseKeyring(cfg: { keys: string | undefined; currentId: string | undefined }): Keyring {
  if (!cfg.keys && !cfg.currentId) {
    if (!warned) {
      warned = true;
      warn('BANK_ACCOUNT_KEYS / BANK_ACCOUNT_KEY_ID are not set: bank accounts are encrypted with the development key. Production must set both.');
    }
    return { currentId: DEV_KEY_ID, keys: new Map([[DEV_KEY_ID, DEV_KEY]]), development: true };
  }
  const keys = new Map<string, Buffer>();
  for (const part of (cfg.keys ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = part.indexOf(':');
    const id = at > 0 ? part.slice(0, at).trim() : '';
    const key = at > 0 ? Buffer.from(part.slice(at + 1).trim(), 'base64') : Buffer.alloc(0);
    if (!/^[A-Za-z0-9_.-]{1,32}$/.test(id) || key.length !== 32) {
      throw keyMissing('BANK_ACCOUNT_KEYS must list "id:base64" entries of 32-byte keys', 'BANK_ACCOUNT_KEYS 格式应为“标识:32字节密钥的base64”');
    }
    keys.set(id, key);
  }
  const currentId = cfg.currentId ?? (keys.size === 1 ? [...keys.keys()][0] : undefined);
  if (!currentId || !keys.has(currentId)) {
    throw keyMissing('BANK_ACCOUNT_KEY_ID must name one of the keys in BANK_ACCOUNT_KEYS', 'BANK_ACCOUNT_KEY_ID 须为 BANK_ACCOUNT_KEYS 中的一个密钥标识');
  }
  return { currentId, keys, development: false };
}

/** The keyring of the current environment. */
export function keyring(): Keyring {
  return parseKeyring(bankKeyConfig());
}

const aad = (orgId: string) => Buffer.from(`zs-bank-account:${orgId}`, 'utf8');

/** Encrypts with the current key: `{ keyId, cipher }` (cipher = base64 of iv ‖ tag ‖ ciphertext). */
export function encryptAccount(secret: BankAccountSecret, orgId: string, ring: Keyring = keyring()): { keyId: string; cipher: string } {
  const key = ring.keys.get(ring.currentId);
  if (!key) throw keyMissing('The current bank-account key is missing', '当前银行账户加密密钥缺失');
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad(orgId));
  const body = Buffer.concat([c.update(JSON.stringify(secret), 'utf8'), c.final()]);
  return { keyId: ring.currentId, cipher: Buffer.concat([iv, c.getAuthTag(), body]).toString('base64') };
}

/** Decrypts a stored record; a missing key or a record that fails authentication is BANK_KEY_MISSING. */
export function decryptAccount(row: { keyId: string; cipher: string; orgId: string }, ring: Keyring = keyring()): BankAccountSecret {
  const key = ring.keys.get(row.keyId);
  if (!key) throw keyMissing(`The key "${row.keyId}" that encrypted this bank account is not configured`, `加密该银行账户的密钥“${row.keyId}”未配置`);
  const raw = Buffer.from(row.cipher, 'base64');
  try {
    const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    d.setAAD(aad(row.orgId));
    d.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    const v = JSON.parse(plain) as Partial<BankAccountSecret>;
    return { bankName: String(v.bankName ?? ''), accountName: String(v.accountName ?? ''), accountNumber: String(v.accountNumber ?? '') };
  } catch {
    throw keyMissing('The bank account could not be decrypted with its key', '银行账户无法用其密钥解密');
  }
}

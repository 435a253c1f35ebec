import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** Argon2id (the enum value of @node-rs/argon2's const enum Algorithm). */
const ARGON2ID = 2;

let memoryCost = 19_456;

/** Tests lower the memory cost; production keeps the OWASP-recommended default. */
export function setArgonMemory(kib: number): void {
  memoryCost = kib;
}

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, { algorithm: ARGON2ID, memoryCost, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** A valid hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('dummy-password-for-timing');
  return dummyHash;
}

/** Letters and digits that cannot be mistaken for each other when read aloud or copied by hand. */
const TEMP_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password for an admin's reset: 12 random characters in groups of 4, always with letters and digits. */
export function temporaryPassword(): string {
  for (;;) {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => TEMP_ALPHABET[b % TEMP_ALPHABET.length]).join('');
    if (/[A-Za-z]/.test(chars) && /\d/.test(chars)) return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  }
}

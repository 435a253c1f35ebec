import { hash, verify } from '@node-rs/argon2';

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

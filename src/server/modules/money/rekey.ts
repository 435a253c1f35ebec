/**
 * `npm run bank:rekey`: re-encrypts every bank account to the current key (BANK_ACCOUNT_KEY_ID). Run it after
 * adding a new key to BANK_ACCOUNT_KEYS and pointing BANK_ACCOUNT_KEY_ID at it, with the old key still listed;
 * once it reports no failures the old key can be removed. Prints counts only, never account data or keys.
 */
import { openDb } from '../../../db/client';
import { loadConfig } from '../../config';
import { rekeyAll } from './bank';
import { keyring } from './crypto';

async function main(): Promise<void> {
  const cfg = loadConfig();
  const ring = keyring();
  const handle = await openDb({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    const out = await rekeyAll(handle.db, (line) => console.warn(line));
    console.log(`bank accounts re-encrypted to key "${ring.currentId}": ${out.rekeyed}; left unchanged (key missing): ${out.failed}`);
    if (out.failed > 0) process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : 'bank:rekey failed');
  process.exitCode = 1;
});

/**
 * The application under test, in this process, listening on a free port of 127.0.0.1,
 * and sign-ins over real HTTP to obtain session cookies. Uploaded files go to the disk store in a
 * fresh temporary directory (the FILES_DIR of this run), removed when the app closes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { DbHandle } from '../../src/db/client';
import { createFileStoreFromConfig, parseFileStoreEnv } from '../../src/server/files';
import { SESSION_COOKIE } from '../../src/server/modules/auth/sessions';
import type { SignedIn } from './types';

export interface RunningApp {
  app: FastifyInstance;
  baseUrl: string;
  /** Root of the app's disk file store (FILES_DIR). */
  filesDir: string;
  close(): Promise<void>;
}

export async function startApp(handle: DbHandle): Promise<RunningApp> {
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'zs-bench-files-'));
  try {
    // Always the disk store (never S3, whatever the environment says); the upload limit is UPLOAD_MAX_MB as in production.
    const fileConfig = parseFileStoreEnv({ FILES_DIR: filesDir, UPLOAD_MAX_MB: process.env.UPLOAD_MAX_MB });
    const app = await buildApp(loadConfig({ logLevel: 'silent', serveWeb: false, demoData: false }), handle, {
      files: createFileStoreFromConfig(fileConfig),
      uploadMaxBytes: fileConfig.maxUploadBytes,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return {
      app,
      baseUrl: `http://127.0.0.1:${port}`,
      filesDir,
      close: async () => {
        try {
          await app.close();
        } finally {
          await rm(filesDir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    await rm(filesDir, { recursive: true, force: true });
    throw err;
  }
}

export async function signIn(baseUrl: string, account: string, password: string): Promise<SignedIn> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account, password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`sign-in of ${account} failed: HTTP ${res.status} ${text}`);
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error(`sign-in of ${account}: no ${SESSION_COOKIE} cookie in the response`);
  const { csrfToken } = JSON.parse(text) as { csrfToken: string };
  return { account, cookie: session, csrfToken };
}

/**
 * The application under test, in this process, listening on a free port of 127.0.0.1,
 * and sign-ins over real HTTP to obtain session cookies.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { DbHandle } from '../../src/db/client';
import { SESSION_COOKIE } from '../../src/server/modules/auth/sessions';
import type { SignedIn } from './types';

export interface RunningApp {
  app: FastifyInstance;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startApp(handle: DbHandle): Promise<RunningApp> {
  const app = await buildApp(loadConfig({ logLevel: 'silent', serveWeb: false, demoData: false }), handle);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
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

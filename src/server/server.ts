/**
 * The server: opens the database (PGlite under DATA_DIR, or PostgreSQL with DATABASE_URL), applies migrations,
 * listens, and loads the demo data in the background (see demo/runner.ts). `main.ts` starts it (from a cached
 * bundle by default).
 *
 * Shutdown on SIGINT/SIGTERM, in this order: the listener closes (requests in flight finish; new ones on open
 * connections get 503), the demo loader stops between two steps, the jobs stop (a run in progress finishes),
 * then the database closes and the process exits 0.
 */
import 'dotenv/config';
import { loadConfig } from './config';
import { openDb } from '../db/client';
import { buildApp } from './app';
import { loadJobsConfig } from './jobs/config';
import { startDemoLoading, stopDemoLoading } from './demo/runner';

const config = loadConfig();
const handle = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, connectTimeoutMs: config.dbConnectTimeoutMs });
const app = await buildApp(config, handle, { jobs: loadJobsConfig() });

/** How often idle connections are closed during shutdown (ms). */
const IDLE_SWEEP_MS = 1_000;

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  // app.close(): stops listening, waits for the requests in flight, then runs the onClose hooks (the jobs
  // wait for a run in progress). The demo loader stops meanwhile; only then does the database close.
  const demo = stopDemoLoading();
  // Keep-alive connections with nothing in flight are closed after a grace period (so a request already sent on
  // one is read and answered first), then every second; after SHUTDOWN_GRACE_MS whatever is left is cut.
  const sweep = setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_MS);
  const cut = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs);
  await app.close();
  clearInterval(sweep);
  clearTimeout(cut);
  await demo;
  await handle.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
console.log(`Platform ready at http://localhost:${config.port} (database: ${handle.kind})`);
if (config.demoData) startDemoLoading(handle.db, app.files, app.uploadMaxBytes, { info: (line) => console.log(line), error: (line) => console.error(line) });

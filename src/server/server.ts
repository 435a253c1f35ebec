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
const handle = await openDb({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  connectTimeoutMs: config.dbConnectTimeoutMs,
  ...(config.pgliteTemplateDir ? { templateDir: config.pgliteTemplateDir } : {}),
  sharedBuffersMb: config.pgliteSharedBuffersMb,
});
if (handle.sharedBuffersMb === null) console.warn('PGlite runs with its built-in 128 MB of shared buffers: this PGlite version does not have the start parameter PGLITE_SHARED_BUFFERS_MB replaces.');
const app = await buildApp(config, handle, { jobs: loadJobsConfig() });

/** How often idle connections are closed during shutdown (ms). */
const IDLE_SWEEP_MS = 1_000;

/**
 * Connections the kernel has queued but a busy process has not accepted yet are reset when the listener closes.
 * Before closing it, keep accepting until two checks in a row (25 ms apart, so an event-loop turn with its accepts
 * lies between them) saw no new connection; at most 1 s.
 */
let connectionsSeen = 0;
async function acceptQueuedConnections(): Promise<void> {
  const until = Date.now() + 1_000;
  let quiet = 0;
  let seen = connectionsSeen;
  while (quiet < 2 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    quiet = connectionsSeen === seen ? quiet + 1 : 0;
    seen = connectionsSeen;
  }
}

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  // app.close(): stops listening, waits for the requests in flight, then runs the onClose hooks (the jobs
  // wait for a run in progress). The demo loader stops meanwhile; only then does the database close.
  const demo = stopDemoLoading();
  // Node's server.close() also closes every connection without a request in progress — including one whose
  // request has arrived but is not parsed yet because the process is busy (it would be reset). Those are closed
  // here instead, after a grace period (by then their requests are read and answered, with 503 once closing) and
  // then every second; after SHUTDOWN_GRACE_MS whatever is left is cut.
  const server = app.server;
  await acceptQueuedConnections();
  const closeIdle = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => undefined;
  const sweep = setInterval(closeIdle, IDLE_SWEEP_MS);
  const cut = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
  await app.close();
  clearInterval(sweep);
  clearTimeout(cut);
  await demo;
  await handle.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

app.server.on('connection', () => {
  connectionsSeen += 1;
});
await app.listen({ port: config.port, host: config.host });
console.log(`Platform ready at http://localhost:${config.port} (database: ${handle.kind})`);
if (config.demoData) startDemoLoading(handle.db, app.files, app.uploadMaxBytes, { info: (line) => console.log(line), error: (line) => console.error(line) });

/**
 * Entry point: opens the database (PGlite under DATA_DIR, or PostgreSQL with DATABASE_URL),
 * applies migrations, loads the demo data once, and serves the API and the web app.
 */
import 'dotenv/config';
import { loadConfig } from './config';
import { openDb } from '../db/client';
import { buildApp } from './app';
import { ensureDemoData } from '../db/demo';
import { ensureStage2bDemo } from './demo/stage2b';
import { preloadReportFonts } from './modules/reports/pdf';
import { loadJobsConfig } from './jobs/config';

const config = loadConfig();
const handle = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, connectTimeoutMs: config.dbConnectTimeoutMs });
if (config.demoData) {
  const loaded = await ensureDemoData(handle.db);
  if (loaded) console.log('Demo data loaded (see README for demo sign-ins).');
}
const app = await buildApp(config, handle, { jobs: loadJobsConfig() });
// Stage 2b demo situations are made through the use-cases, which need the app's file store.
if (config.demoData && (await ensureStage2bDemo(handle.db, app.files, app.uploadMaxBytes))) console.log('Demo data for institution diagnosis loaded.');
// Stages 3–6 demo (through the use-cases too); a failure names the enterprise and does not stop the server.
if (config.demoData) {
  await (await import('./demo/stages3to6')).ensureStages3to6Demo(handle.db, app.files, app.uploadMaxBytes).then(
    (loaded) => loaded && console.log('Demo data for stages 3–6 (provider, contract, implementation, evaluation) loaded.'),
    (err: unknown) => console.error(err instanceof Error ? err.message : err),
  );
  const started = Date.now();
  await (await import('./demo/stages7to8')).ensureStages7to8Demo(handle.db, app.files, app.uploadMaxBytes).then(
    (loaded) => loaded && console.log(`Demo data for stages 7–8 (policy, subsidy review, benchmarks, disbursement, announcements) loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`),
    (err: unknown) => console.error(err instanceof Error ? err.message : err),
  );
}
// Parse the report font once at start, so the first PDF report is not slow.
preloadReportFonts();

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  // Stops the jobs (waiting for a run in progress) before the database closes.
  await app.close();
  await handle.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
console.log(`Platform ready at http://localhost:${config.port} (database: ${handle.kind})`);

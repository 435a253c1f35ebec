/**
 * Starts the platform for the browser tests and ties its life to the test runner's: it stops (gracefully, then
 * forcibly) when the runner closes its end of our stdin, when our parent process goes away (we are reparented),
 * or on SIGTERM / SIGINT (handled by the server's own shutdown). A killed runner therefore never leaves a
 * server holding a port. On exit the temporary PGlite directory of the run is removed.
 *
 * Started by playwright.config.ts as `exec node --import tsx test/e2e/web-server.ts`, so no shell stays between
 * the runner and this process.
 */
import { rmSync } from 'node:fs';

const parent = process.ppid;
let stopping = false;

function stop(reason: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`e2e web server: stopping (${reason})`);
  // The server's SIGTERM handler closes the app and the database, then exits; force it if that hangs.
  setTimeout(() => process.exit(1), 5_000).unref();
  process.kill(process.pid, 'SIGTERM');
}

process.stdin.on('end', () => stop('the test runner closed stdin'));
process.stdin.on('error', () => stop('stdin error'));
process.stdin.resume();
setInterval(() => {
  if (process.ppid !== parent) stop('the test runner is gone');
}, 500).unref();

const dataDir = process.env.DATA_DIR;
if (process.env.E2E_REMOVE_DATA_DIR === '1' && dataDir) {
  process.on('exit', () => {
    try {
      rmSync(dataDir, { recursive: true, force: true });
    } catch {
      // Best effort: a temporary directory.
    }
  });
}

await import('../../src/server/main');

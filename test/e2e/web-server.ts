/**
 * Starts the platform for the browser tests and ties its life to the test runner's: it stops (gracefully, then
 * forcibly) when the runner closes its end of our stdin, when our parent process goes away (we are reparented),
 * or on SIGTERM / SIGINT (handled by the server's own shutdown). A killed runner therefore never leaves a
 * server holding a port. On exit the run's temporary directory (web build, PGlite data) is removed.
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

// The run's own directory holds its web build (dist/web, which the server finds from its working directory)
// and its PGlite data; it goes when the server does.
const runDir = process.env.E2E_RUN_DIR;
if (runDir) {
  process.chdir(runDir);
  process.on('exit', () => {
    try {
      rmSync(runDir, { recursive: true, force: true });
    } catch {
      // Best effort: a temporary directory.
    }
  });
}

await import('../../src/server/main');

import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * End-to-end tests against the real platform: the web app is built, then the server starts on a free port
 * with a fresh PGlite database in a temporary directory and the demo data (demo sign-ins).
 * Chromium is Debian's (/usr/bin/chromium); nothing is downloaded.
 *
 * This file is evaluated by the runner and again by every worker (which inherit the runner's environment), so
 * whatever must be the same for all of them (port, data directory) is chosen once and kept in process.env.
 */

/** A TCP port nobody listens on now, asked from the kernel (synchronously: the config cannot await). */
function freePort(): number {
  const script =
    "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();});";
  const port = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`could not find a free port (got ${port})`);
  return port;
}

/** E2E_PORT chooses the port; otherwise a free one is picked for the run. */
process.env.E2E_PORT ||= String(freePort());
const PORT = Number(process.env.E2E_PORT);
/** Set E2E_BASE_URL to test an already running platform (then no server is started). */
const EXTERNAL = process.env.E2E_BASE_URL;
// One directory for the whole run, removed by the server when it stops: the web app is built into it (so a
// build by another run or by `npm start` in the same tree cannot empty the files this run serves) and PGlite
// keeps its data there.
if (!EXTERNAL) process.env.E2E_RUN_DIR ||= mkdtempSync(path.join(tmpdir(), 'zs-e2e-'));
const RUN_DIR = process.env.E2E_RUN_DIR ?? '';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: 'test/e2e',
  // Per run (the runner empties it at start): two runs in one tree do not delete each other's traces.
  outputDir: path.join('test-results', `run-${PORT}`),
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two test files at a time against the one server: each test registers its own enterprise or reads what no other
  // test changes; the browser waits more than it computes, so two workers finish in about half the time.
  workers: 2,
  // E2E_RETRIES (.ci/run sets 1): a test that fails once is run once more and reported as flaky (the list names it).
  retries: Number(process.env.E2E_RETRIES ?? 0),
  reporter: [['list']],
  use: {
    baseURL: EXTERNAL ?? `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The platform honours the system's reduced-motion setting (no antd transitions): pages settle at once.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromium,
  },
  // E2E_PROJECTS=desktop runs one viewport only (.ci/run's PostgreSQL pass: the phone layout does not depend on the database).
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 }, launchOptions: chromium },
    },
    {
      name: 'phone',
      use: {
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        userAgent: devices['Pixel 7'].userAgent,
        launchOptions: chromium,
      },
    },
  ].filter((p) => !process.env.E2E_PROJECTS || process.env.E2E_PROJECTS.split(',').includes(p.name)),
  webServer: EXTERNAL
    ? undefined
    : {
        // `exec` replaces the shell, so the server is the runner's own child and stops with it (see web-server.ts).
        command: `npx vite build --logLevel warn --emptyOutDir --outDir '${path.join(RUN_DIR, 'dist', 'web')}' && exec node --import tsx test/e2e/web-server.ts`,
        env: {
          PORT: String(PORT),
          HOST: '127.0.0.1',
          // web-server.ts serves RUN_DIR/dist/web (it starts the server there) and removes RUN_DIR at exit.
          E2E_RUN_DIR: RUN_DIR,
          DATA_DIR: path.join(RUN_DIR, 'data'),
          // E2E_DATABASE_URL (set by .ci/run) runs the same tests on PostgreSQL instead of PGlite.
          // Empty means PGlite (and keeps a DATABASE_URL from the shell or .env out of the tests).
          DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
          DEMO_DATA: '1',
          LOG_LEVEL: 'warn',
          // Every browser test registers its own enterprise, all from 127.0.0.1: the per-address registration
          // limit (tested in test/integration/throttle.test.ts) would stop the suite half-way.
          REGISTER_MAX_PER_WINDOW: '10000',
        },
        gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
        // Ready once the demo data (loaded in the background after the server listens) is complete.
        url: `http://127.0.0.1:${PORT}/api/health/demo`,
        timeout: 420_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});

import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * End-to-end tests against the real platform: the web app is built, then the server starts on its own port
 * with a fresh PGlite database in a temporary directory and the demo data (demo sign-ins).
 * Chromium is Debian's (/usr/bin/chromium); nothing is downloaded.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
/** Set E2E_BASE_URL to test an already running platform (then no server is started). */
const EXTERNAL = process.env.E2E_BASE_URL;
// Evaluated by the runner and by every worker: keep one directory for the whole run.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'zs-e2e-'));
const DATA_DIR = process.env.E2E_DATA_DIR;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: EXTERNAL ?? `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromium,
  },
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
  ],
  webServer: EXTERNAL
    ? undefined
    : {
        // E2E_DATABASE_URL (set by .ci/run) runs the same tests on PostgreSQL instead of PGlite.
        command: `npm run build:web && PORT=${PORT} DATA_DIR=${DATA_DIR} ${process.env.E2E_DATABASE_URL ? `DATABASE_URL=${process.env.E2E_DATABASE_URL}` : ''} DEMO_DATA=1 LOG_LEVEL=warn npx tsx src/server/main.ts`,
        url: `http://127.0.0.1:${PORT}/api/health`,
        timeout: 240_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});

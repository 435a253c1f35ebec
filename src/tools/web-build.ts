/**
 * `npm start`'s first step: builds the web app (vite build → dist/web) only when its build stamp does not match
 * the sources (src/tools/web-stamp.ts), and prints one line saying which happened. WEB_FORCE_BUILD=1 always builds.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { checkStamp } from './web-stamp';

const root = process.cwd();
const outDir = path.resolve(root, 'dist/web');
const force = process.env.WEB_FORCE_BUILD === '1';
const verdict = checkStamp(root, outDir);

if (verdict.upToDate && !force) {
  console.log(`web app: dist/web is up to date (build stamp ${verdict.hash.slice(0, 12)}), not rebuilt`);
} else {
  const why = force ? 'WEB_FORCE_BUILD=1' : { 'no build': 'no build yet', 'no stamp': 'no build stamp', changed: 'sources changed' }[verdict.upToDate ? 'changed' : verdict.reason];
  const started = performance.now();
  const res = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`web app: vite build failed (exit ${String(res.status ?? res.signal)})`);
    process.exit(res.status ?? 1);
  }
  const after = checkStamp(root, outDir);
  console.log(`web app: rebuilt (${why}) in ${(Math.round(performance.now() - started) / 1000).toFixed(1)} s${after.upToDate ? `, build stamp ${after.hash.slice(0, 12)}` : ''}`);
}

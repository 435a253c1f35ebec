/**
 * Entry point under tsx (`tsx src/server/main.ts`): runs the cached server bundle through launch.mjs (which is what
 * `npm run serve` runs with plain Node), or, with SERVER_BUNDLE=0, server.ts directly through tsx.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

if (process.env.SERVER_BUNDLE === '0') {
  await import('./server');
} else {
  const launcher = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'launch.mjs')).href;
  await import(launcher);
}

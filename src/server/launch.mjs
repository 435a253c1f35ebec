/**
 * Starts the server (`npm run serve`): plain Node, no TypeScript loader. The server (server.ts and everything it
 * imports from src/) runs from one ES-module bundle cached under node_modules/.cache/zssz-server/, rebuilt with
 * esbuild (~2 s) only when a file under src/ (not the web app), the lockfile or tsconfig changed: a start neither
 * transforms hundreds of TypeScript files nor carries tsx's loader (~2 s of CPU and ~100 MB). In the bundle, the
 * libraries only some requests need (exceljs, pdfkit, the AWS SDK, nodemailer) load on their first use.
 * `main.ts` runs this too (under tsx); SERVER_BUNDLE=0 there runs server.ts through tsx instead.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'zssz-server');

/** Packages loaded on first use in the bundle: their import is a stand-in that requires the package when touched. */
const LAZY_PACKAGES = ['exceljs', 'pdfkit', '@aws-sdk/client-s3', '@aws-sdk/lib-storage', '@aws-sdk/s3-request-presigner', 'nodemailer'];

/** The server's sources: src/ without the web app, the tests and the browser-only files. */
function sourceStamp() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== path.join(root, 'src', 'web')) walk(full);
      } else if (/\.(ts|json|sql)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        const st = statSync(full);
        hash.update(`${path.relative(root, full)}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  walk(path.join(root, 'src'));
  for (const file of ['package-lock.json', 'tsconfig.json']) {
    const full = path.join(root, file);
    if (existsSync(full)) hash.update(`${file}\0${statSync(full).mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The stand-in module for a lazy package: every use (property, call, `new`) loads the package first. */
/** @param {string} pkg @param {readonly string[]} namedExports */
function lazyModule(pkg, namedExports) {
  const lines = [
    `import { createRequire } from 'node:module';`,
    `const require = createRequire(${JSON.stringify(pathToFileURL(path.join(root, 'package.json')).href)});`,
    `let mod;`,
    `const load = () => (mod ??= require(${JSON.stringify(pkg)}));`,
    `const pick = (name) => (name === null ? (load().default ?? load()) : load()[name]);`,
    `const lazy = (name) => new Proxy(function () {}, {`,
    `  get: (_t, key) => Reflect.get(pick(name), key),`,
    `  has: (_t, key) => Reflect.has(pick(name), key),`,
    `  apply: (_t, self, args) => Reflect.apply(pick(name), self, args),`,
    `  construct: (_t, args) => Reflect.construct(pick(name), args),`,
    `  getPrototypeOf: () => Reflect.getPrototypeOf(pick(name)),`,
    `});`,
    `export default lazy(null);`,
    ...namedExports.map((name) => `export const ${name} = lazy(${JSON.stringify(name)});`),
  ];
  return lines.join('\n');
}

/** @param {string} target */
async function buildBundle(target) {
  const { build } = await import('esbuild');
  const { readFile } = await import('node:fs/promises');
  // The named imports the server takes from each lazy package (esbuild needs them declared in the stand-in).
  /** @type {Map<string, Set<string>>} */
  const named = new Map(LAZY_PACKAGES.map((p) => [p, new Set()]));
  const tmp = `${target}.${process.pid}.tmp`;
  await build({
    entryPoints: [path.join(here, 'server.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: tmp,
    sourcemap: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'zssz-server',
        setup(b) {
          // import.meta.url keeps naming the source file (the migrations folder, the font package are found from it).
          b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
            const text = await readFile(args.path, 'utf8');
            for (const m of text.matchAll(/import\s+(?:type\s+)?(?:\w+\s*,\s*)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
              const set = named.get(m[2] ?? '');
              if (!set || /^import\s+type\b/.test(m[0])) continue;
              for (const part of (m[1] ?? '').split(',')) {
                const spec = part.trim();
                if (spec === '' || spec.startsWith('type ')) continue;
                set.add(spec.split(/\s+as\s+/)[0] ?? spec);
              }
            }
            return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
          });
          const filter = new RegExp(`^(${LAZY_PACKAGES.map((p) => p.replace(/[/.]/g, '\\$&')).join('|')})$`);
          b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy' }));
          b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({ contents: lazyModule(args.path, [...(named.get(args.path) ?? [])]), loader: 'js', resolveDir: root }));
        },
      },
    ],
  });
  renameSync(tmp, target);
}

{
  const target = path.join(cacheDir, `server-${sourceStamp()}.mjs`);
  if (!existsSync(target)) {
    mkdirSync(cacheDir, { recursive: true });
    const started = Date.now();
    await buildBundle(target);
    // Older bundles go (another instance may still be reading its own: only files older than a minute).
    for (const name of readdirSync(cacheDir)) {
      const full = path.join(cacheDir, name);
      if (full !== target && Date.now() - statSync(full).mtimeMs > 60_000) rmSync(full, { force: true });
    }
    console.log(`Server bundle built in ${Date.now() - started} ms.`);
  }
  await import(pathToFileURL(target).href);
}

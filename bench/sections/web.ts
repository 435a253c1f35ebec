/**
 * The web app's first visit (runs once, not per database): what a browser downloads before the first page shows.
 *
 * It measures the build in dist/web (WEB_DIR); when there is none, or its build stamp does not match the sources
 * (src/tools/web-stamp.ts), it runs `vite build` once first. For the sign-in page and the public filings page it
 * follows what the browser loads: index.html's entry script and its static imports (which index.html's
 * modulepreload list must equal), then the page's lazily loaded module and its static imports, from the bundler's
 * manifest (`.vite/manifest.json`). Each file is counted raw, gzip -9 and brotli 11. Then a first visit over HTTP:
 * the web app served by `registerWebApp` (src/server/http/static.ts, the app's own serving) on a free port,
 * `accept-encoding: br`, index.html and every script and style it references, summing the bytes that arrived,
 * with the cache headers each answer carried.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { checkStamp } from '../../src/tools/web-stamp';
import { IMMUTABLE_CACHE, REVALIDATE_CACHE, registerWebApp, webDirFromEnv } from '../../src/server/http/static';
import { emptyRow, type Row, type Section, type TargetCheck } from '../lib/types';

export const WEB_TARGETS = {
  /** Initial JavaScript of a first visit (sign-in page, public pages), gzip. */
  maxInitialJsGzipKb: 350,
} as const;

/** The first pages the issue names: the lazily loaded module each route renders (manifest keys). */
export const FIRST_PAGES = [
  { name: 'sign-in page (/login)', modules: ['src/web/auth/LoginPage.tsx'] },
  { name: 'public filings (/filings)', modules: ['src/web/portal/PublicFilings.tsx'] },
] as const;

/** Modules a first page must not pull in: the workbench areas and the charts. */
const WORKBENCH_PREFIX = 'src/web/workbench/';
/** echarts marks the DOM node of every chart with this attribute: a chunk containing it is the charts library. */
const CHARTS_MARKER = '_echarts_instance_';

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export function loadManifest(webDir: string): Manifest {
  const file = path.join(webDir, '.vite', 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: build the web app with the repository's vite.config.ts (manifest: true)`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** The manifest keys loaded with `roots`: each with its static imports, transitively (what the browser fetches). */
export function staticClosure(manifest: Manifest, roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    seen.add(key);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const r of roots) visit(r);
  return [...seen];
}

export function entryKey(manifest: Manifest): string {
  const key = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!key) throw new Error('manifest has no entry');
  return key;
}

/** The script and modulepreload files index.html names, in order. */
export function htmlScripts(html: string): { entry: string[]; preload: string[]; styles: string[] } {
  const attr = (re: RegExp) => [...html.matchAll(re)].map((m) => (m[1] ?? '').replace(/^\//, ''));
  return {
    entry: attr(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    preload: attr(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    styles: attr(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g),
  };
}

const sizeCache = new Map<string, Sizes>();
export function fileSizes(file: string): Sizes {
  const hit = sizeCache.get(file);
  if (hit) return hit;
  const content = readFileSync(file);
  const sizes = {
    raw: content.length,
    gzip: gzipSync(content, { level: 9 }).length,
    brotli: brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  sizeCache.set(file, sizes);
  return sizes;
}

export function sumSizes(files: readonly string[]): Sizes {
  return files.reduce<Sizes>(
    (acc, f) => {
      const s = fileSizes(f);
      return { raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip, brotli: acc.brotli + s.brotli };
    },
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

export interface FirstPage {
  name: string;
  /** Output files (relative to the web dir), JS only. */
  js: string[];
  sizes: Sizes;
  /** Workbench modules or chart chunks among them (should be none). */
  forbidden: string[];
}

export function firstPage(webDir: string, manifest: Manifest, page: { name: string; modules: readonly string[] }): FirstPage {
  const keys = staticClosure(manifest, [entryKey(manifest), ...page.modules]);
  const js = [...new Set(keys.map((k) => manifest[k]!.file))].filter((f) => f.endsWith('.js'));
  const forbidden = [
    ...keys.filter((k) => k.startsWith(WORKBENCH_PREFIX)),
    ...js.filter((f) => readFileSync(path.join(webDir, f), 'utf8').includes(CHARTS_MARKER)).map((f) => `${f} (echarts)`),
  ];
  return { name: page.name, js, sizes: sumSizes(js.map((f) => path.join(webDir, f))), forbidden };
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const fmt = (s: Sizes) => `${kb(s.gzip)} KB gzip, ${kb(s.brotli)} KB br, ${kb(s.raw)} KB raw`;

interface Fetched {
  url: string;
  status: number;
  bytes: number;
  contentLength: number | null;
  encoding: string | null;
  cacheControl: string | null;
  vary: string | null;
  body: Buffer;
}

function fetchRaw(base: string, url: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url, base), { headers: { 'accept-encoding': 'br' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const header = (n: string) => {
          const v = res.headers[n];
          return v === undefined ? null : String(v);
        };
        const cl = header('content-length');
        resolve({
          url,
          status: res.statusCode ?? 0,
          bytes: body.length,
          contentLength: cl === null ? null : Number(cl),
          encoding: header('content-encoding'),
          cacheControl: header('cache-control'),
          vary: header('vary'),
          body,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The web app's build: used as it is when its stamp matches the sources, built once otherwise. */
function ensureBuild(webDir: string, log: (m: string) => void): string {
  const root = process.cwd();
  const verdict = checkStamp(root, webDir);
  if (verdict.upToDate) return `build ${verdict.hash.slice(0, 12)} (up to date)`;
  if (webDir !== path.resolve('dist/web')) throw new Error(`${webDir}: ${verdict.reason}; build it first (WEB_DIR is measured as it is)`);
  log(`web app: ${verdict.reason} — running vite build once`);
  const started = performance.now();
  const res = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (res.status !== 0) throw new Error(`vite build failed (exit ${String(res.status)})`);
  const after = checkStamp(root, webDir);
  return `built now in ${Math.round(performance.now() - started)} ms${after.upToDate ? ` (${after.hash.slice(0, 12)})` : ''}`;
}

export const webSection: Section = {
  name: 'web',
  once: true,
  async run(ctx) {
    const webDir = webDirFromEnv();
    const buildNote = ensureBuild(webDir, ctx.log);
    const manifest = loadManifest(webDir);
    const html = readFileSync(path.join(webDir, 'index.html'), 'utf8');
    const tags = htmlScripts(html);
    const rows: Row[] = [];

    // index.html preloads exactly the entry's static imports (nothing a later page needs).
    const entryFiles = staticClosure(manifest, [entryKey(manifest)]).map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
    const htmlFiles = [...tags.entry, ...tags.preload];
    const extraPreloads = htmlFiles.filter((f) => !entryFiles.includes(f));
    const missingPreloads = entryFiles.filter((f) => !htmlFiles.includes(f));

    for (const page of FIRST_PAGES) {
      const fp = firstPage(webDir, manifest, page);
      const row = emptyRow('web', `first visit JS: ${fp.name}`, 'KB gzip');
      row.throughput = kb(fp.sizes.gzip);
      row.total = fp.js.length;
      const targets: TargetCheck[] = [
        { label: `initial JS ≤ ${WEB_TARGETS.maxInitialJsGzipKb} KB gzip`, met: fp.sizes.gzip <= WEB_TARGETS.maxInitialJsGzipKb * 1024, actual: `${kb(fp.sizes.gzip)} KB` },
        { label: 'no workbench or charts', met: fp.forbidden.length === 0, actual: fp.forbidden.length === 0 ? 'none' : fp.forbidden.join(', ') },
      ];
      row.targets = targets;
      row.note = `${fmt(fp.sizes)}; ${fp.js.length} files`;
      row.details = { files: fp.js, sizes: fp.sizes, forbidden: fp.forbidden };
      ctx.log(`${fp.name}: ${fmt(fp.sizes)} in ${fp.js.length} files`);
      rows.push(row);
    }

    const assetsDir = path.join(webDir, 'assets');
    const allJs = readdirSync(assetsDir).filter((f) => f.endsWith('.js'));
    const all = sumSizes(allJs.map((f) => path.join(assetsDir, f)));
    const allRow = emptyRow('web', 'all JS of the web app', 'KB gzip');
    allRow.throughput = kb(all.gzip);
    allRow.total = allJs.length;
    allRow.note = `${fmt(all)}; ${allJs.length} files; ${buildNote}`;
    allRow.targets = [
      {
        label: 'modulepreload = entry imports',
        met: extraPreloads.length === 0 && missingPreloads.length === 0,
        actual: extraPreloads.length + missingPreloads.length === 0 ? `${htmlFiles.length} files` : `extra: ${extraPreloads.join(', ') || '—'}; missing: ${missingPreloads.join(', ') || '—'}`,
      },
    ];
    allRow.details = { sizes: all, files: allJs.length, html: tags };
    rows.push(allRow);

    // A first visit over HTTP, served as the app serves it.
    const server = Fastify({ logger: false });
    const web = await registerWebApp(server, { webDir, serveWeb: true });
    server.setNotFoundHandler((req, reply) => {
      if (web.fallback(req, reply)) return reply;
      return reply.code(404).send({ code: 'ROUTE_NOT_FOUND' });
    });
    const base = await server.listen({ host: '127.0.0.1', port: 0 });
    try {
      for (const page of FIRST_PAGES) {
        const route = /\((\/[^)]*)\)/.exec(page.name)?.[1] ?? '/';
        const fp = firstPage(webDir, manifest, page);
        const first = await fetchRaw(base, route);
        if (first.status !== 200) throw new Error(`GET ${route}: HTTP ${first.status}`);
        const styles = [...new Set(staticClosure(manifest, [entryKey(manifest), ...page.modules]).flatMap((k) => manifest[k]!.css ?? []))];
        const assets = await Promise.all([...fp.js, ...styles].map((f) => fetchRaw(base, `/${f}`)));
        const responses = [first, ...assets];
        const transferred = responses.reduce((n, r) => n + r.bytes, 0);
        const bad = assets.filter((r) => r.status !== 200);
        if (bad.length > 0) throw new Error(`first visit ${route}: ${bad.map((r) => `${r.url} ${r.status}`).join(', ')}`);
        const lengthsAgree = responses.every((r) => r.contentLength === null || r.contentLength === r.bytes);
        const uncompressed = responses.filter((r) => r.bytes >= 1024 && r.encoding !== 'br');
        const notImmutable = assets.filter((r) => r.cacheControl !== IMMUTABLE_CACHE);
        const noVary = responses.filter((r) => !/accept-encoding/i.test(r.vary ?? ''));
        const row = emptyRow('web', `first visit over HTTP (br): ${route}`, 'KB transferred');
        row.throughput = kb(transferred);
        row.total = responses.length;
        row.non2xx = bad.length;
        row.targets = [
          { label: 'assets precompressed', met: uncompressed.length === 0 && noVary.length === 0, actual: uncompressed.length === 0 ? `${responses.length} answers br${noVary.length ? `, ${noVary.length} without Vary` : ''}` : `not br: ${uncompressed.map((r) => r.url).join(', ')}` },
          { label: 'hashed assets immutable', met: notImmutable.length === 0, actual: notImmutable.length === 0 ? IMMUTABLE_CACHE : `${notImmutable.length} not` },
          { label: 'index.html no-cache', met: first.cacheControl === REVALIDATE_CACHE, actual: first.cacheControl ?? 'none' },
        ];
        row.note = `${responses.length} requests, ${kb(transferred)} KB on the wire${lengthsAgree ? '' : ' (content-length differs from the body!)'}; index.html ${first.cacheControl ?? '—'}`;
        row.details = { responses: responses.map(({ body: _body, ...r }) => r) };
        ctx.log(`first visit ${route} over HTTP: ${responses.length} requests, ${kb(transferred)} KB transferred (br)`);
        rows.push(row);
      }
    } finally {
      await server.close();
    }
    return rows;
  },
};

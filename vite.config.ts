import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { makeStamp, STAMP_FILE } from './src/tools/web-stamp';

const OUT_DIR = 'dist/web';
/** Text files worth compressing, and the size below which a compressed copy saves nothing. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|wasm)$/;
const MIN_BYTES = 256;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Precompression: every compressible output file gets `x.br` (brotli, quality 11) and `x.gz` (gzip -9) next to
 * it, kept only when smaller; the server sends them by Accept-Encoding (src/server/http/static.ts).
 */
function precompress(): Plugin {
  let outDir = OUT_DIR;
  return {
    name: 'zssz-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const files: string[] = [];
      const walk = async (dir: string) => {
        for (const entry of await readdir(dir, { withFileTypes: true })) {
          const p = path.join(dir, entry.name);
          if (entry.isDirectory()) {
            if (!entry.name.startsWith('.')) await walk(p);
          } else if (COMPRESSIBLE.test(entry.name)) files.push(p);
        }
      };
      await walk(outDir);
      await Promise.all(
        files.map(async (file) => {
          const content = await readFile(file);
          if (content.length < MIN_BYTES) return;
          const [br, gzipped] = await Promise.all([
            brotli(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } }),
            gz(content, { level: 9 }),
          ]);
          if (br.length < content.length) await writeFile(`${file}.br`, br);
          if (gzipped.length < content.length) await writeFile(`${file}.gz`, gzipped);
        }),
      );
    },
  };
}

/** The build stamp (src/tools/web-stamp.ts): what this build was made from, so `npm start` can skip an unneeded build. */
function buildStamp(): Plugin {
  let root = process.cwd();
  let outDir = OUT_DIR;
  let moduleIds: string[] = [];
  return {
    name: 'zssz-build-stamp',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root;
      outDir = path.resolve(config.root, config.build.outDir);
    },
    buildEnd() {
      moduleIds = [...this.getModuleIds()];
    },
    async closeBundle() {
      if (!(await stat(path.join(outDir, 'index.html')).catch(() => null))) return;
      await writeFile(path.join(outDir, STAMP_FILE), `${JSON.stringify(makeStamp(root, moduleIds), null, 2)}\n`);
    },
  };
}

/**
 * The web app: sources in src/web, entry index.html at the repository root, built into dist/web (served by the
 * platform with an SPA fallback). The bundler splits by use: the entry holds React, the router, i18n and the
 * antd parts the portal layout needs; every page area (the sign-in page, the public pages, each role's
 * workbench) is its own lazily loaded chunk, and antd components or echarts only come with the pages that use
 * them. `.vite/manifest.json` lists the chunks (the benchmark follows it to count a first visit's bytes).
 */
export default defineConfig({
  plugins: [react(), precompress(), buildStamp()],
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    manifest: true,
    // Brotli/gzip sizes are computed by the precompress plugin and the benchmark.
    reportCompressedSize: false,
    chunkSizeWarningLimit: 700,
    // No manual chunks: antd forced into one chunk made every page preload all of it, and a group for the charts
    // pulls in dependencies the entry shares (the entry then imports from it). Split by use, echarts lands with
    // the dashboards' chunks only (the benchmark checks a first visit has none of it).
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});

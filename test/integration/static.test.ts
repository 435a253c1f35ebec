/**
 * Serving the built web app (src/server/http/static.ts) through the whole app: a small build in a temporary
 * WEB_DIR with precompressed variants (different bytes from the file itself, so the test sees which one was
 * sent), Accept-Encoding negotiation, the cache policy, the SPA fallback, the API's JSON 404, and files
 * outside the directory or dotfiles never served.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { cacheControlFor, IMMUTABLE_CACHE, REVALIDATE_CACHE } from '../../src/server/http/static';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-AbCd1234.js"></script></head><body><div id="root"></div></body></html>';
const ASSET = `console.log(${JSON.stringify('x'.repeat(4000))});`;
const SECRET = 'outside the web directory';

let dir: string;
let t: TestApp;
let previousWebDir: string | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'zs-static-'));
  const web = path.join(dir, 'web');
  mkdirSync(path.join(web, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  writeFileSync(path.join(web, 'index.html'), INDEX);
  writeFileSync(path.join(web, 'index.html.br'), brotliCompressSync(INDEX));
  writeFileSync(path.join(web, 'index.html.gz'), gzipSync(INDEX));
  writeFileSync(path.join(web, 'assets', 'index-AbCd1234.js'), ASSET);
  writeFileSync(path.join(web, 'assets', 'index-AbCd1234.js.br'), brotliCompressSync(ASSET));
  writeFileSync(path.join(web, 'assets', 'index-AbCd1234.js.gz'), gzipSync(ASSET));
  // Only gzip for this one: a client asking for brotli first gets the gzip variant.
  writeFileSync(path.join(web, 'assets', 'style-EfGh5678.css'), 'body{margin:0}');
  writeFileSync(path.join(web, 'assets', 'style-EfGh5678.css.gz'), gzipSync('body{margin:0}'));
  writeFileSync(path.join(web, '.build-stamp.json'), '{"version":1}');
  previousWebDir = process.env.WEB_DIR;
  process.env.WEB_DIR = web;
  t = await startTestApp({ serveWeb: true });
});

afterAll(async () => {
  await t.close();
  if (previousWebDir === undefined) delete process.env.WEB_DIR;
  else process.env.WEB_DIR = previousWebDir;
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, encoding?: string) => t.app.inject({ method: 'GET', url, headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });

describe('web app: content encoding', () => {
  it('sends the brotli file to a client that accepts br, with Vary', async () => {
    const res = await get('/assets/index-AbCd1234.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(String(res.headers['content-type'])).toMatch(/javascript/);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(ASSET);
    expect(Number(res.headers['content-length'])).toBeLessThan(ASSET.length / 4);
  });

  it('sends the gzip file to a client that accepts only gzip', async () => {
    const res = await get('/assets/index-AbCd1234.js', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString()).toBe(ASSET);
  });

  it('sends the file itself without Accept-Encoding, or when only identity is accepted', async () => {
    for (const enc of [undefined, 'identity']) {
      const res = await get('/assets/index-AbCd1234.js', enc);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.payload).toBe(ASSET);
    }
  });

  it('falls back to gzip when the brotli file is missing', async () => {
    const res = await get('/assets/style-EfGh5678.css', 'br, gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString()).toBe('body{margin:0}');
  });

  it('compresses index.html too, at / and by name', async () => {
    for (const url of ['/', '/index.html']) {
      const res = await get(url, 'br');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(String(res.headers['content-type'])).toMatch(/text\/html/);
      expect(brotliDecompressSync(res.rawPayload).toString()).toBe(INDEX);
    }
  });
});

describe('web app: caching', () => {
  it('caches hashed assets for a year as immutable', async () => {
    const res = await get('/assets/index-AbCd1234.js', 'br');
    expect(res.headers['cache-control']).toBe(IMMUTABLE_CACHE);
  });

  it('revalidates index.html on every use', async () => {
    for (const url of ['/', '/index.html', '/workbench/projects']) {
      const res = await get(url, 'gzip');
      expect(res.headers['cache-control']).toBe(REVALIDATE_CACHE);
      expect(res.headers.etag).toBeDefined();
    }
  });

  it('decides by the path: only hashed names under assets/ are immutable', () => {
    expect(cacheControlFor('/srv/web/assets/antd-DuVi4m21.js')).toBe(IMMUTABLE_CACHE);
    expect(cacheControlFor('/srv/web/assets/antd-DuVi4m21.js.br')).toBe(IMMUTABLE_CACHE);
    expect(cacheControlFor('/srv/web/index.html.br')).toBe(REVALIDATE_CACHE);
    expect(cacheControlFor('/srv/web/index.html')).toBe(REVALIDATE_CACHE);
    expect(cacheControlFor('/srv/web/assets/logo.svg')).toBe(REVALIDATE_CACHE);
  });
});

describe('web app: routing', () => {
  it('answers deep links of the app with index.html (200)', async () => {
    for (const url of ['/workbench/projects/3f2a', '/login?next=%2Fworkbench', '/filings']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(String(res.headers['content-type'])).toMatch(/text\/html/);
      expect(brotliDecompressSync(res.rawPayload).toString()).toBe(INDEX);
    }
    const plain = await get('/workbench');
    expect(plain.payload).toBe(INDEX);
  });

  it('keeps the JSON 404 for unknown API routes', async () => {
    for (const url of ['/api/unknown', '/api/v1/nothing-here', '/%61pi/unknown']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect((res.json() as { code: string }).code).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('answers an unknown asset with the app, never with a file outside the directory', async () => {
    for (const url of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await get(url);
      expect(res.payload, url).not.toContain(SECRET);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it('never serves dotfiles (the build stamp)', async () => {
    const res = await get('/.build-stamp.json');
    expect(res.payload).not.toContain('"version"');
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await t.app.inject({ method: 'HEAD', url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.payload).toBe('');
  });
});

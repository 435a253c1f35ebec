/**
 * Serving the built web app (dist/web, or WEB_DIR): files precompressed at build (`x.br`, `x.gz` next to `x`)
 * are sent by Accept-Encoding (brotli, then gzip, then the file itself) with `Vary: Accept-Encoding`; the
 * content-hashed files under /assets/ are cached for a year as immutable, everything else (index.html) is
 * revalidated on every use (`no-cache`, with its ETag). Any other GET outside /api that matches no file is a
 * deep link of the single-page app and gets index.html; the API's unknown routes keep their JSON 404.
 * Files are looked up per request (wildcard), so a rebuilt web app is served without a restart; dotfiles
 * (the build stamp, the bundler's manifest) are never served.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import { isApiPath } from './request-path';

export const DEFAULT_WEB_DIR = 'dist/web';
export const INDEX_FILE = 'index.html';
/** Hashed build output: a name like `index-AJYDvcWD.js` under /assets/ never changes its content. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const REVALIDATE_CACHE = 'no-cache';
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/i;

/** The web app's directory: WEB_DIR (relative to the working directory) or dist/web. */
export function webDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.WEB_DIR?.trim();
  return path.resolve(raw ? raw : DEFAULT_WEB_DIR);
}

/** The cache policy of a served file, by its path on disk (a precompressed variant like the file itself). */
export function cacheControlFor(filePath: string): string {
  return HASHED_ASSET.test(filePath) ? IMMUTABLE_CACHE : REVALIDATE_CACHE;
}

function setHeaders(res: SetHeadersResponse, filePath: string): void {
  res.setHeader('cache-control', cacheControlFor(filePath));
  res.setHeader('vary', 'Accept-Encoding');
}

/** A request path that tries to leave the directory or carries a NUL: no file is looked up for it. */
function isSafePath(pathname: string): boolean {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (decoded.includes('\0')) return false;
  return !decoded.split(/[\\/]+/).includes('..');
}

export interface WebApp {
  /** Whether the web app is served (SERVE_WEB on and a build with index.html present). */
  served: boolean;
  /**
   * For the not-found handler: answers a deep link of the web app (a GET or HEAD outside /api) with index.html
   * and returns true; false when the request is the API's (or the web app is not served).
   */
  fallback(req: FastifyRequest, reply: FastifyReply): boolean;
}

export async function registerWebApp(app: FastifyInstance, opts: { webDir: string; serveWeb: boolean }): Promise<WebApp> {
  const served = opts.serveWeb && existsSync(path.join(opts.webDir, INDEX_FILE));
  if (!served) return { served, fallback: () => false };
  await app.register(fastifyStatic, {
    root: opts.webDir,
    prefix: '/',
    wildcard: true,
    index: [INDEX_FILE],
    preCompressed: true,
    dotfiles: 'ignore',
    // The policy is set per file in setHeaders; the ETag and Last-Modified stay for revalidation.
    cacheControl: false,
    allowedPath: (pathname) => isSafePath(pathname),
    setHeaders,
  });
  return {
    served,
    fallback(req, reply) {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.url)) return false;
      reply.code(200).type('text/html; charset=utf-8');
      void reply.sendFile(INDEX_FILE);
      return true;
    },
  };
}

/**
 * Decisions about a request are made on the route it matched (`req.routeOptions.url`, the registered
 * pattern), never on the raw URL: the router decodes `/%61pi/…` to `/api/…`. Where no route matched
 * (the not-found answer), the path is normalised the way a lenient reader would see it.
 */
import type { FastifyRequest } from 'fastify';

/** The path decoded, with repeated slashes collapsed and in lower case; the query and `;` parameters dropped. */
export function normalizedPath(url: string): string {
  let p = url.split(/[?#]/, 1)[0] ?? '';
  try {
    p = decodeURIComponent(p);
  } catch {
    // malformed escapes stay as sent
  }
  return p.split(';', 1)[0]!.replace(/[\\/]+/g, '/').toLowerCase();
}

export function isApiPath(url: string): boolean {
  const p = normalizedPath(url);
  return p === '/api' || p.startsWith('/api/');
}

/** An answer of the API: by the matched route, or by the normalised path when nothing matched. */
export function isApiRequest(req: FastifyRequest): boolean {
  const route = req.routeOptions.url;
  if (route && route !== '*' && route !== '/*') return route.startsWith('/api/');
  return isApiPath(req.url);
}

/** The URL as the log may show it: the path only; a query string is marked, never written. */
export function logSafeUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?…`;
}

/**
 * Security headers, computed once at start from helmet's rules and set on every response,
 * including the ones the framework answers before any hook runs (bad URLs, client errors).
 *
 * Over plain HTTP (an intranet address) the CSP must not carry `upgrade-insecure-requests`
 * (the browser would rewrite every asset to https:// and show a blank page) and HSTS is
 * pointless; both are sent only when the platform is configured as reached over HTTPS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

export type HeaderSet = Readonly<Record<string, string>>;

const DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
};

export function helmetOptions(https: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: { ...DIRECTIVES, upgradeInsecureRequests: https ? [] : null },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

/** Runs helmet's middleware once against a recording response and returns the headers it set. */
export function securityHeaders(https: boolean): HeaderSet {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return res;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(helmetOptions(https))({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
  });
  return Object.freeze(headers);
}

/** The API docs page brings its own CSP (script hashes); over plain HTTP it must not upgrade requests either. */
export function docsCsp(https: boolean): (header: string) => string {
  return (header) => (https ? header : header.replace(/\s*upgrade-insecure-requests;?/gi, '').trim());
}

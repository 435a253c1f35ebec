/**
 * A small typed fetch client for the platform API under /api/v1.
 * JSON in and out, cookies for the session, the CSRF header on every write,
 * and one error type (ApiError) carrying the server's code, localised message and field errors.
 */

export const API_BASE = '/api/v1';

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: FieldError[];
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.fields = extractFields(details);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function extractFields(details: unknown): FieldError[] {
  if (!isRecord(details) || !Array.isArray(details.fields)) return [];
  const out: FieldError[] = [];
  for (const f of details.fields) {
    if (isRecord(f) && typeof f.path === 'string' && typeof f.message === 'string') {
      out.push({ path: f.path, code: typeof f.code === 'string' ? f.code : '', message: f.message });
    }
  }
  return out;
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function currentCsrf(): string | null {
  // The readable cookie is the freshest source (it changes with every new session).
  return readCookie('zs_csrf') ?? csrfToken;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function toQueryString(q: Query | undefined): string {
  if (!q) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export function apiUrl(path: string, query?: Query): string {
  return `${API_BASE}${path}${toQueryString(query)}`;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Messages for failures that never reached the server's error model. */
const NETWORK_MESSAGE = { zh: '网络连接失败，请检查网络后重试', en: 'Network error; check your connection and retry' };

function currentLang(): 'zh' | 'en' {
  return readCookie('zs_lang') === 'en' ? 'en' : 'zh';
}

export async function request<T>(method: Method, path: string, opts: { body?: unknown; query?: Query; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = currentCsrf();
    if (token) headers['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE[currentLang()], null);
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    if (isRecord(data) && typeof data.code === 'string') {
      throw new ApiError(res.status, data.code, typeof data.message === 'string' ? data.message : data.code, data.details ?? null);
    }
    throw new ApiError(res.status, `HTTP_${res.status}`, currentLang() === 'en' ? `Request failed (${res.status})` : `请求失败（${res.status}）`, null);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path, {}),
};

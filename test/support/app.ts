/**
 * A running application for API tests (in-process, requests via inject) and a small cookie-keeping client.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildOptions } from '../../src/server/app';
import { loadConfig, type AppConfig } from '../../src/server/config';
import type { DbHandle } from '../../src/db/client';
import { createTestDb, type TestDb } from './db';

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return loadConfig({ logLevel: 'silent', serveWeb: false, argonMemoryKib: 1024, demoData: false, ...overrides });
}

export interface TestApp {
  app: FastifyInstance;
  db: DbHandle['db'];
  testDb: TestDb;
  close(): Promise<void>;
}

export async function startTestApp(overrides: Partial<AppConfig> = {}, options: BuildOptions = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const app = await buildApp(testConfig(overrides), testDb.handle, options);
  await app.ready();
  return {
    app,
    db: testDb.handle.db,
    testDb,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

/** A log destination that keeps every line: pass `logStream` to startTestApp with `logLevel: 'debug'`. */
export class CapturedLog {
  readonly lines: string[] = [];
  readonly logStream = {
    write: (line: string): void => {
      this.lines.push(line);
    },
  };
  text(): string {
    return this.lines.join('');
  }
  /** The parsed JSON records. */
  records(): Array<Record<string, unknown>> {
    return this.lines.flatMap((l) => l.split('\n')).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export interface Res<T = unknown> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/** Keeps the session cookie and sends the CSRF header, like the browser app does. */
export class Client {
  private cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '127.0.0.1',
    private readonly lang: 'zh-CN' | 'en' = 'zh-CN',
  ) {}

  async request<T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { 'x-lang': this.lang, ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({
      method,
      url,
      headers: h,
      remoteAddress: this.ip,
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: JSON.stringify(body), headers: { ...h, 'content-type': 'application/json' } }),
    });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const csrfCookie = this.cookies.get('zs_csrf');
    if (csrfCookie) this.csrf = csrfCookie;
    const isJson = String(res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: (isJson ? res.json() : res.body) as T, headers: res.headers, raw: res };
  }

  get<T = unknown>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = unknown>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body ?? {});
  }
  patch<T = unknown>(url: string, body: unknown) {
    return this.request<T>('PATCH', url, body);
  }

  /** Uploads one file as `multipart/form-data` (field `file`), like the browser's upload control. */
  async upload<T = unknown>(url: string, content: Buffer, fileName: string): Promise<Res<T>> {
    const boundary = '----zsClientBoundary' + Math.random().toString(16).slice(2);
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8');
    const payload = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const h: Record<string, string> = { 'x-lang': this.lang, 'content-type': `multipart/form-data; boundary=${boundary}` };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf) h['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ method: 'POST', url, headers: h, remoteAddress: this.ip, payload });
    const isJson = String(res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: (isJson ? res.json() : res.body) as T, headers: res.headers, raw: res };
  }

  /** The same browser (cookies, CSRF token) talking to another server instance. */
  via(app: FastifyInstance): Client {
    const other = new Client(app, this.ip, this.lang);
    other.cookies = this.cookies;
    other.csrf = this.csrf;
    return other;
  }

  async login(account: string, password: string): Promise<Res> {
    const res = await this.post('/api/v1/auth/login', { account, password });
    if (res.status !== 200) throw new Error(`login failed for ${account}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
}

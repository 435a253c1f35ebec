/**
 * Several platform instances as separate processes for one test: each is the server as `npm run serve` starts it
 * (`node src/server/launch.mjs`: the cached server bundle, so its pid is the server's own), on its own free port,
 * against one PostgreSQL database; a real S3 server (s3rver) and a real SMTP server for them to share; a small
 * round-robin reverse proxy in front (node:http); and a cookie-keeping HTTP client that talks to the proxy or to
 * one instance directly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from './net';

export { freePort };
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');


// ---- Platform instances -----------------------------------------------------------------------------------

export interface Instance {
  name: string;
  port: number;
  origin: string;
  pid: number;
  /** What the process wrote to stdout and stderr (for failure messages). */
  output(): string;
  readonly exited: boolean;
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM (graceful: in-flight requests end, jobs stop, the pool closes), SIGKILL after 5 s. */
  stop(): Promise<void>;
}

async function healthy(origin: string): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts one instance with the given environment (on top of PATH and HOME) and resolves once `/api/health`
 * answers 200. Rejects with the process's output if it exits or is not healthy within `timeoutMs`.
 */
export async function startInstance(name: string, env: Record<string, string>, timeoutMs = 60_000): Promise<Instance> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['src/server/launch.mjs'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = once(child, 'exit').then(() => {
    exited = true;
  });
  const started = Date.now();
  while (!(await healthy(origin))) {
    if (exited) throw new Error(`instance ${name} exited before it was healthy:\n${out}`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`instance ${name} not healthy after ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const instance: Instance = {
    name,
    port,
    origin,
    pid: child.pid ?? 0,
    output: () => out,
    get exited() {
      return exited;
    },
    async kill(signal) {
      if (exited) return;
      child.kill(signal);
      await exit;
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
  return instance;
}

// ---- The shared file store and mail server ----------------------------------------------------------------

export { startS3Server } from './s3';
export { startSmtp, type ReceivedMail } from './mail';

// ---- The reverse proxy ------------------------------------------------------------------------------------

export interface Proxy {
  origin: string;
  /** The instance that answered each request, in order. */
  served: string[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

/**
 * Round robin over the instances, no stickiness. An instance that refuses the connection or drops it before
 * answering is skipped for the next `downMs` and the request goes to the next one (as nginx's
 * `proxy_next_upstream error`); requests are buffered, so one can be sent again. Each answer carries
 * `x-served-by: <instance name>`.
 */
export async function startProxy(upstreams: ReadonlyArray<Pick<Instance, 'name' | 'port'>>, downMs = 10_000): Promise<Proxy> {
  const served: string[] = [];
  const downUntil = new Map<string, number>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;

  function pick(tried: Set<string>): Pick<Instance, 'name' | 'port'> | undefined {
    const now = Date.now();
    for (let i = 0; i < upstreams.length; i += 1) {
      const u = upstreams[(next + i) % upstreams.length]!;
      if (tried.has(u.name) || (downUntil.get(u.name) ?? 0) > now) continue;
      next = (next + i + 1) % upstreams.length;
      return u;
    }
    return undefined;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const tried = new Set<string>();
      const headers: http.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
      headers['content-length'] = String(body.length);
      headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';
      const attempt = (): void => {
        const up = pick(tried);
        if (!up) {
          res.writeHead(502, { 'content-type': 'text/plain' }).end('no instance answers');
          return;
        }
        tried.add(up.name);
        const upstream = http.request({ host: '127.0.0.1', port: up.port, method: req.method, path: req.url, headers, agent }, (ur) => {
          served.push(up.name);
          const out: http.OutgoingHttpHeaders = {};
          for (const [k, v] of Object.entries(ur.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
          out['x-served-by'] = up.name;
          res.writeHead(ur.statusCode ?? 502, out);
          ur.pipe(res);
        });
        upstream.on('error', () => {
          if (res.headersSent) {
            res.destroy();
            return;
          }
          downUntil.set(up.name, Date.now() + downMs);
          attempt();
        });
        upstream.end(body);
      };
      attempt();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---- A browser-like client --------------------------------------------------------------------------------

export interface HttpRes<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  bytes: Buffer;
}

/** Keeps cookies like a browser (one jar) and sends the CSRF header on writes, like the web app. */
export class HttpClient {
  private jar = new Map<string, string>();

  constructor(readonly origin: string) {}

  get csrf(): string | undefined {
    return this.jar.get('zs_csrf');
  }

  /** The same browser (same jar, shared) talking to another address: an instance directly. */
  via(origin: string): HttpClient {
    const other = new HttpClient(origin);
    other.jar = this.jar;
    return other;
  }

  /** A copy of this browser's cookies as they are now (a stolen or kept cookie), on its own jar. */
  snapshot(origin = this.origin): HttpClient {
    const other = new HttpClient(origin);
    other.jar = new Map(this.jar);
    return other;
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, extra: { headers?: Record<string, string>; raw?: Buffer } = {}): Promise<HttpRes<T>> {
    const headers: Record<string, string> = { 'x-lang': 'zh-CN', ...extra.headers };
    if (this.jar.size > 0) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    let payload: ArrayBuffer | string | undefined = extra.raw === undefined ? undefined : (extra.raw.buffer.slice(extra.raw.byteOffset, extra.raw.byteOffset + extra.raw.byteLength) as ArrayBuffer);
    if (payload === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.origin}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(15_000) });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expires = attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('expires='));
      const gone = value === '' || (expires !== undefined && new Date(expires.slice(8)).getTime() < Date.now()) || attrs.some((a) => a.trim().toLowerCase() === 'max-age=0');
      if (gone) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    return { status: res.status, body: (isJson ? JSON.parse(bytes.toString('utf8')) : bytes.toString('utf8')) as T, headers: res.headers, bytes };
  }

  get<T = unknown>(path: string): Promise<HttpRes<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body: unknown = {}): Promise<HttpRes<T>> {
    return this.request<T>('POST', path, body);
  }

  patch<T = unknown>(path: string, body: unknown): Promise<HttpRes<T>> {
    return this.request<T>('PATCH', path, body);
  }

  /** One file as `multipart/form-data` (field `file`), like the upload control. */
  upload<T = unknown>(path: string, content: Buffer, fileName: string): Promise<HttpRes<T>> {
    const boundary = `----zsCluster${Math.random().toString(16).slice(2)}`;
    const raw = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8'),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.request<T>('POST', path, undefined, { raw, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  }

  async login(account: string, password: string): Promise<void> {
    const res = await this.post('/api/v1/auth/login', { account, password });
    if (res.status !== 200) throw new Error(`login failed for ${account}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** Polls `check` until it returns true or `limitMs` has passed; resolves with the time it took, or null. */
export async function within(limitMs: number, check: () => Promise<boolean>, everyMs = 25): Promise<number | null> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > limitMs) return null;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

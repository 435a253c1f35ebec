/**
 * Idempotent creates: a create repeated by the same caller with the same content within a few minutes gets the
 * first answer (same status, body and cookies) instead of running again, also while the first one still runs.
 *
 * A route opts in with `config: { idempotentCreate: true }`. The caller is the session (signed in) or the
 * address (signed out, e.g. registration). The request may also name itself with an `Idempotency-Key` header;
 * that key with different content is refused.
 *
 * Nothing of the request is stored but a hash of its non-secret content (fields named like "password" are left
 * out of it). The stored answer is encrypted (AES-256-GCM) under a key derived from the whole request including
 * its secrets and the session token, none of which the database holds: only the same caller repeating the same
 * request can read it back.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler, preHandlerHookHandler, RouteOptions } from 'fastify';
import { idempotencyKeys } from '../../db/schema';
import { AppError } from './errors';
import { SESSION_COOKIE } from '../modules/auth/sessions';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Repeats of this create by the same caller with the same content get the first answer. */
    idempotentCreate?: boolean;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a first answer is given again. */
export const IDEMPOTENCY_WINDOW_SECONDS = 300;
/** A claim whose request has not answered for this long is taken over (its instance may have died). */
const STALE_PENDING_SECONDS = 60;
/** How long a repeat waits for the first request's answer. */
const WAIT_MS = 15_000;
const POLL_MS = 40;

interface Claim {
  key: string;
  encKey: Buffer;
  replayed: boolean;
}
const claims = new WeakMap<FastifyRequest, Claim>();

interface StoredAnswer {
  status: number;
  contentType: string | null;
  setCookie: string[];
  payload: string;
}

/** JSON with object keys sorted, so the same content always hashes the same. */
function canonical(value: unknown, dropSecrets: boolean): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, dropSecrets)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => v !== undefined && !(dropSecrets && /password|secret|token/i.test(k)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, dropSecrets)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function sha256(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

function encrypt(key: Buffer, answer: StoredAnswer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function decrypt(key: Buffer, stored: string): StoredAnswer | null {
  try {
    const raw = Buffer.from(stored, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as StoredAnswer;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function toArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

async function idempotency(app: FastifyInstance): Promise<void> {
  const db = app.db;

  async function tryClaim(key: string, contentHash: string): Promise<boolean> {
    const res = await db.execute(sql`
      insert into idempotency_keys (key, content_hash, state, expires_at)
      values (${key}, ${contentHash}, 'pending', now() + ${IDEMPOTENCY_WINDOW_SECONDS}::int * interval '1 second')
      on conflict (key) do update set
        content_hash = excluded.content_hash, state = 'pending', status = null, answer = null,
        created_at = now(), expires_at = excluded.expires_at
      where idempotency_keys.expires_at < now()
         or (idempotency_keys.state = 'pending' and idempotency_keys.created_at < now() - ${STALE_PENDING_SECONDS}::int * interval '1 second')
      returning key
    `);
    return res.rows.length > 0;
  }

  const claim: preHandlerHookHandler = async function (req: FastifyRequest, reply: FastifyReply) {
    const token = req.actor ? req.cookies[SESSION_COOKIE] : undefined;
    const scopeId = token ? `s:${sha256(token)}` : `a:${req.ip}`;
    const scopeSecret = token ? `s:${token}` : `a:${req.ip}`;
    const route = `${req.method} ${req.routeOptions.url ?? req.url} ${canonical(req.params, false)}`;
    const contentHash = sha256('content', route, canonical(req.body, true));
    const header = req.headers[IDEMPOTENCY_HEADER];
    const given = typeof header === 'string' && header.length > 0 && header.length <= 200 ? header : null;
    const key = sha256('key', scopeId, route, given ? `k:${given}` : `c:${contentHash}`);
    const encKey = createHash('sha256').update('answer\0').update(scopeSecret).update('\0').update(route).update('\0').update(canonical(req.body, false)).digest();

    if (Math.random() < 0.05) await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, sql`now()`));

    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (await tryClaim(key, contentHash)) {
        claims.set(req, { key, encKey, replayed: false });
        return;
      }
      const [row] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
      if (row) {
        if (row.contentHash !== contentHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
        if (row.state === 'done' && row.answer && row.status !== null) {
          const answer = decrypt(encKey, row.answer);
          // Same visible content but other secrets (e.g. another password): not a repeat; it runs on its own.
          if (!answer) return;
          claims.set(req, { key, encKey, replayed: true });
          void reply.code(answer.status).header('idempotent-replayed', 'true');
          if (answer.contentType) void reply.header('content-type', answer.contentType);
          if (answer.setCookie.length) void reply.header('set-cookie', answer.setCookie);
          return reply.send(answer.payload);
        }
      }
      if (Date.now() > deadline) throw new AppError('REQUEST_IN_PROGRESS');
      await sleep(POLL_MS);
    }
  };

  const store: onSendHookHandler = async function (req, reply, payload) {
    const c = claims.get(req);
    if (!c || c.replayed) return payload;
    claims.delete(req);
    if (reply.statusCode >= 500 || reply.statusCode === 429 || typeof payload !== 'string') {
      // Nothing worth repeating (a failure or a refusal for now): a retry runs again.
      await db.delete(idempotencyKeys).where(eq(idempotencyKeys.key, c.key));
      return payload;
    }
    const cookies = reply.getHeader('set-cookie');
    const contentType = reply.getHeader('content-type');
    const answer: StoredAnswer = {
      status: reply.statusCode,
      contentType: typeof contentType === 'string' ? contentType : null,
      setCookie: toArray(cookies).map(String),
      payload,
    };
    await db
      .update(idempotencyKeys)
      .set({ state: 'done', status: answer.status, answer: encrypt(c.encKey, answer) })
      .where(eq(idempotencyKeys.key, c.key));
    return payload;
  };

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.config?.idempotentCreate) return;
    route.preHandler = [...toArray(route.preHandler), claim];
    route.onSend = [...toArray(route.onSend), store];
  });
}

/** Registered without encapsulation, before the modules, so it sees every route they add. */
export const idempotencyPlugin = Object.assign(idempotency, { [Symbol.for('skip-override')]: true });

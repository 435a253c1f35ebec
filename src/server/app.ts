/**
 * Builds the Fastify instance. Used by the entry point, the tests and the benchmark.
 * The server keeps no state in memory that matters: sessions, throttles and counters live in the database.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import multipart from '@fastify/multipart';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppConfig } from './config';
import type { DbHandle } from '../db/client';
import { AppError, ERROR_CODES, type ErrorCode } from './http/errors';
import { checkRequestInput, installJsonParser, isWellFormedUrl } from './http/input';
import { docsCsp, securityHeaders, type HeaderSet } from './http/security-headers';
import { isDbUnavailable, safeErrorLog, sqlState } from './http/db-errors';
import { healthRoutes } from './http/health';
import { registerWebApp, webDirFromEnv } from './http/static';
import { isApiRequest, logSafeUrl } from './http/request-path';
import { requestLocale } from './http/locale';
import { fieldErrors } from './http/validation';
import type { Actor } from './http/actor';
import type { Locale } from '../core/text';
import { CSRF_HEADER, SESSION_COOKIE, resolveSession } from './modules/auth/sessions';
import { setArgonMemory } from './modules/auth/passwords';
import { registerModules } from './modules';
import { attachPublicCache, setPublicCacheTtl } from './modules/public/cache';
import { cacheTtlFromEnv, startCacheBus, type CacheBus } from './cache/bus';
import { ResponseCache } from './cache/responses';
import { createFileStoreFromConfig, parseFileStoreEnv, type FileStore } from './files';
import { installJobs, type PlatformJobsOptions } from './jobs/platform';
import type { JobRunner } from './jobs/runner';
import { setBankKeyWarning } from './modules/money/crypto';
import { createChannels, type Channels } from './notifications/channels';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    sessionCsrf: string | null;
    /** The session's id (the token's sha256); cached answers are kept per session. */
    sessionId: string | null;
  }
  interface FastifyInstance {
    db: DbHandle['db'];
    dbKind: DbHandle['kind'];
    config: AppConfig;
    /** The background jobs (notification delivery, deadline sweep); null when they do not run in this app. */
    jobs: JobRunner | null;
    /** Where notifications leave the platform (e-mail, SMS). */
    channels: Channels;
    /** Where uploaded files' bytes are kept (local disk or S3-compatible; see files/config.ts). */
    files: FileStore;
    /** The largest upload accepted at all (UPLOAD_MAX_MB); a material slot may allow less. */
    uploadMaxBytes: number;
    /** The change feed's bus of this app's database handle (see cache/bus.ts). */
    cacheBus: CacheBus;
    /** Signed-in GET answers the routes opt into (see cache/responses.ts). */
    responseCache: ResponseCache;
  }
}

export type App = FastifyInstance;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface BuildOptions {
  /** Where the log goes (default: stdout). Tests capture it. */
  logStream?: { write(line: string): void };
  /** Run the background jobs in this app (main.ts: from JOBS / JOB_*_MS; tests ask for them explicitly). */
  jobs?: PlatformJobsOptions;
  /** E-mail and SMS senders (default: from the environment; tests inject their own). */
  channels?: Channels;
  /** The file store (tests); default: the one FILES_DIR / S3_* name, under DATA_DIR. */
  files?: FileStore;
  /** The upload limit in bytes (tests); default: UPLOAD_MAX_MB. */
  uploadMaxBytes?: number;
  /** How long cached sessions and answers live (ms); default CACHE_TTL_MS (10 s); 0 turns the caches off. */
  cacheTtlMs?: number;
}

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Answers for the framework's own errors (bad URL, parser failures), sent before any hook could run. */
function clientErrorHandler(headers: HeaderSet) {
  return (err: NodeJS.ErrnoException, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy(err);
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const def = ERROR_CODES.BAD_REQUEST;
    const body = JSON.stringify({ code: 'BAD_REQUEST', message: def.zh, details: { en: def.en } });
    const lines = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      'cache-control: no-store',
      'connection: close',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
  };
}

export async function buildApp(config: AppConfig, handle: DbHandle, options: BuildOptions = {}): Promise<FastifyInstance> {
  setArgonMemory(config.argonMemoryKib);
  setPublicCacheTtl(config.publicCacheMs);
  // The change feed (one listener per database handle) drives the session, response and public caches.
  const cacheBus = await startCacheBus(handle, { ttlMs: options.cacheTtlMs ?? cacheTtlFromEnv() });
  const responseCache = new ResponseCache(cacheBus);
  attachPublicCache(cacheBus);
  const headers = securityHeaders(config.https);

  function sendError(reply: FastifyReply, req: FastifyRequest, code: ErrorCode, err?: AppError, details?: unknown): void {
    const e = err ?? new AppError(code);
    const locale = req.locale ?? 'zh-CN';
    if (e.code === 'DB_UNAVAILABLE') void reply.header('retry-after', String(config.retryAfterSeconds));
    void reply.status(e.status).send({
      code: e.code,
      message: locale === 'en' ? e.text.en : e.text.zh,
      details: details ?? e.details ?? null,
    });
  }

  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
            // The access log names the path and route, never the query string (it may hold names, codes, mobiles).
            serializers: {
              req: (req: FastifyRequest) => ({
                method: req.method,
                url: logSafeUrl(req.url),
                route: req.routeOptions?.url,
                remoteAddress: req.ip,
              }),
            },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    // Errors the router raises before any hook runs (malformed percent-encoding, over-long parameters):
    // the platform's error shape and the security headers all the same.
    frameworkErrors: (error, req, reply) => {
      req.locale = requestLocale(req);
      void reply.headers(headers).header('x-request-id', req.id).header('cache-control', 'no-store');
      const urlError = error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      sendError(reply, req, urlError ? 'BAD_URL' : 'BAD_REQUEST');
    },
    clientErrorHandler: clientErrorHandler(headers),
    // On close, connections are not cut as soon as they look idle: one whose request has arrived but is not parsed
    // yet (a busy moment) would be reset. The server's shutdown closes idle connections after a grace period
    // instead (server.ts); requests arriving meanwhile get 503 with `connection: close`.
    forceCloseConnections: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', handle.db);
  app.decorate('dbKind', handle.kind);
  app.decorate('config', config);
  app.decorate('cacheBus', cacheBus);
  app.decorate('responseCache', responseCache);
  if (!app.hasDecorator('files')) {
    const fileConfig = parseFileStoreEnv({ ...process.env, DATA_DIR: config.dataDir });
    app.decorate('files', options.files ?? createFileStoreFromConfig(fileConfig));
    app.decorate('uploadMaxBytes', options.uploadMaxBytes ?? fileConfig.maxUploadBytes);
    const own = app.files as FileStore & { destroy?: () => void };
    if (!options.files && typeof own.destroy === 'function') app.addHook('onClose', async () => own.destroy?.());
  }
  app.decorate('channels', options.channels ?? createChannels(process.env, app.log));
  // The one-time warning that bank accounts use the development key goes to the server's log.
  setBankKeyWarning((message) => app.log.warn({ event: 'bank_key_development' }, message));
  app.decorate('jobs', installJobs(app, options.jobs));
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('sessionCsrf', null);
  app.decorateRequest('sessionId', null);

  // Security headers first, so every answer carries them (computed once; see security-headers.ts).
  app.addHook('onRequest', async (req, reply) => {
    void reply.headers(headers);
    if (!isWellFormedUrl(req.url)) {
      req.locale = requestLocale(req);
      throw new AppError('BAD_URL');
    }
  });
  await app.register(cookie);
  // Uploads are streamed by the route (req.parts with the slot's limits). File names and fields are UTF-8
  // (@fastify/busboy's `defCharset`; it has no separate `defParamCharset` and decodes non-ASCII names as UTF-8).
  await app.register(multipart, { defCharset: 'utf8', limits: { files: 1 } });
  // Only routes whose schema consumes multipart/form-data take it; anywhere else it is refused before a byte is read.
  app.addHook('onRequest', async (req) => {
    if (!String(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/')) return;
    const consumes = (req.routeOptions.schema as { consumes?: readonly string[] } | undefined)?.consumes ?? [];
    if (!consumes.includes('multipart/form-data')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  });
  installJsonParser(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '中山市中小企业数字化转型城市试点项目管理平台 API',
        description: 'Zhongshan SME Digital Transformation City Pilot — project management platform API. Errors: { code, message, details }.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: docsCsp(config.https) });

  app.addHook('onRequest', async (req, reply) => {
    req.locale = requestLocale(req);
    // Decided on the matched route, never on the raw URL (`/%61pi/v1/…` routes to `/api/v1/…`): the session
    // is resolved for the API's routes only, and then every cookie-authenticated write must carry the
    // session's CSRF token in a header. Requests that match no route carry no session.
    if (!req.routeOptions.url?.startsWith('/api/v1/')) return;
    const token = req.cookies[SESSION_COOKIE];
    const resolved = token ? await resolveSession(app.db, token) : null;
    if (resolved) {
      req.actor = resolved.actor;
      req.sessionCsrf = resolved.csrfToken;
      req.sessionId = resolved.sessionId;
      if (UNSAFE.has(req.method)) {
        const sent = req.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !sameToken(sent, resolved.csrfToken)) throw new AppError('CSRF_INVALID');
        return;
      }
    }
    // A read the route lets be cached (signed in, or a public page): a hit is answered here (no validation,
    // handler or database).
    if (responseCache.serve(req, reply)) return reply;
  });

  // One rule for text the database cannot store (NUL, lone surrogates): body, query string and path parameters.
  app.addHook('preValidation', async (req) => {
    if (!req.is404) checkRequestInput(req);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    void reply.header('x-request-id', req.id);
    responseCache.store(req, reply, payload);
    // A refused request (4xx, 5xx) changed nothing: its transaction rolled back, so there is nothing to wait for.
    if (UNSAFE.has(req.method) && reply.statusCode < 400 && req.routeOptions.url?.startsWith('/api/v1/')) {
      // The writer sees its own writes at once: its cached sessions and answers go now, not at the echo.
      if (req.actor) cacheBus.invalidate([`u:${req.actor.userId}`]);
      // The answer leaves once every instance has handled the write's messages (bounded; cacheBus.barrier):
      // a sign-out or deactivation holds everywhere at once.
      // (PGlite is one process: its feed delivers a statement's messages before the statement returns.)
      if (handle.kind === 'postgres') await cacheBus.barrier(app.db);
    }
    // API answers are not cached unless the route says so (reference data, indicator catalogues).
    if (isApiRequest(req) && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    if (error instanceof AppError) return sendError(reply, req, error.code, error);
    if (isDbUnavailable(error)) {
      req.log.warn({ error: safeErrorLog(error) }, 'database unavailable');
      return sendError(reply, req, 'DB_UNAVAILABLE');
    }
    // Input the validation let through but the database refused: still the caller's input, never a 500.
    const state = sqlState(error);
    if (state?.startsWith('22')) {
      req.log.warn({ error: safeErrorLog(error) }, 'database refused a value');
      return sendError(reply, req, 'VALIDATION_FAILED', undefined, { reason: 'DATA_REJECTED', sqlstate: state });
    }
    if (state === '23505') {
      req.log.warn({ error: safeErrorLog(error) }, 'unique constraint hit');
      return sendError(reply, req, 'CONFLICT');
    }
    // Concurrent writers the service did not serialise (deadlock, serialisation failure): the caller retries.
    if (state === '40P01' || state === '40001') {
      req.log.warn({ error: safeErrorLog(error) }, 'concurrent update');
      return sendError(reply, req, 'CONFLICT');
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // The provider passes each zod issue as { keyword: code, instancePath, message, params: rest-of-issue }.
      const issues = error.validation.map(
        (v) =>
          ({
            ...(v.params as Record<string, unknown>),
            code: v.keyword,
            path: v.instancePath.split('/').filter(Boolean),
            message: v.message ?? '',
          }) as unknown as Parameters<typeof fieldErrors>[0][number],
      );
      const where = error.validationContext ?? 'body';
      return sendError(reply, req, 'VALIDATION_FAILED', undefined, { fields: fieldErrors(issues, req.locale, where === 'body' ? '' : where) });
    }
    const code = (error as FastifyError).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, req, 'BODY_TOO_LARGE');
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, req, 'UNSUPPORTED_MEDIA_TYPE');
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
      return sendError(reply, req, 'MALFORMED_JSON');
    if (code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return sendError(reply, req, 'VALIDATION_FAILED');
    const status = (error as FastifyError).statusCode;
    if (status === 429) return sendError(reply, req, 'RATE_LIMITED');
    if (status !== undefined && status >= 400 && status < 500) return sendError(reply, req, 'VALIDATION_FAILED', undefined, { reason: error.message });
    req.log.error({ error: safeErrorLog(error) }, 'unhandled error');
    return sendError(reply, req, 'INTERNAL');
  });

  await healthRoutes(app);
  /** A bare route: the benchmark's ceiling. */
  app.get('/api/hello', { schema: { hide: true } }, async () => ({ hello: 'world' }));

  await registerModules(app);

  // The built web app: precompressed assets, immutable hashed files, the SPA fallback (src/server/http/static.ts).
  const web = await registerWebApp(app, { webDir: webDirFromEnv(), serveWeb: config.serveWeb });
  app.setNotFoundHandler((req, reply) => {
    if (web.fallback(req, reply)) return reply;
    return sendError(reply, req, 'ROUTE_NOT_FOUND');
  });

  return app;
}

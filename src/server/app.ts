/**
 * Builds the Fastify instance. Used by the entry point, the tests and the benchmark.
 * The server keeps no state in memory that matters: sessions, throttles and counters live in the database.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppConfig } from './config';
import type { DbHandle } from '../db/client';
import { AppError, type ErrorCode } from './http/errors';
import { requestLocale } from './http/locale';
import { fieldErrors } from './http/validation';
import type { Actor } from './http/actor';
import type { Locale } from '../core/text';
import { CSRF_HEADER, SESSION_COOKIE, resolveSession } from './modules/auth/sessions';
import { setArgonMemory } from './modules/auth/passwords';
import { registerModules } from './modules';
import { setPublicCacheTtl } from './modules/public/cache';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    sessionCsrf: string | null;
  }
  interface FastifyInstance {
    db: DbHandle['db'];
    dbKind: DbHandle['kind'];
    config: AppConfig;
  }
}

export type App = FastifyInstance;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sendError(reply: FastifyReply, req: FastifyRequest, code: ErrorCode, err?: AppError, details?: unknown): void {
  const e = err ?? new AppError(code);
  const locale = req.locale ?? 'zh-CN';
  void reply.status(e.status).send({
    code: e.code,
    message: locale === 'en' ? e.text.en : e.text.zh,
    details: details ?? e.details ?? null,
  });
}

export async function buildApp(config: AppConfig, handle: DbHandle): Promise<FastifyInstance> {
  setArgonMemory(config.argonMemoryKib);
  setPublicCacheTtl(config.publicCacheMs);
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
          },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', handle.db);
  app.decorate('dbKind', handle.kind);
  app.decorate('config', config);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('sessionCsrf', null);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });

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
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('onRequest', async (req) => {
    req.locale = requestLocale(req);
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const resolved = await resolveSession(app.db, token);
      if (resolved) {
        req.actor = resolved.actor;
        req.sessionCsrf = resolved.csrfToken;
      }
    }
    // Cookie-authenticated writes must carry the session's CSRF token in a header.
    if (req.actor && UNSAFE.has(req.method) && req.url.startsWith('/api/')) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== req.sessionCsrf) throw new AppError('CSRF_INVALID');
    }
  });

  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/v1/')) void reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    if (error instanceof AppError) return sendError(reply, req, error.code, error);
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
    req.log.error({ err: error }, 'unhandled error');
    return sendError(reply, req, 'INTERNAL');
  });

  app.get('/api/health', { schema: { hide: true } }, async () => {
    await app.db.execute('select 1');
    return { status: 'ok', database: app.dbKind };
  });
  /** A bare route: the benchmark's ceiling. */
  app.get('/api/hello', { schema: { hide: true } }, async () => ({ hello: 'world' }));

  await registerModules(app);

  const webDir = path.resolve('dist/web');
  const hasWeb = config.serveWeb && existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(reply, req, 'ROUTE_NOT_FOUND');
  });

  return app;
}

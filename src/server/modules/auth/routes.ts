import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { users } from '../../../db/schema';
import { AppError } from '../../http/errors';
import { contextOf, requireActor } from '../../http/guard';
import { okSchema } from '../../http/schemas';
import { CSRF_COOKIE, SESSION_COOKIE, sha256, type NewSession } from './sessions';
import { changePasswordBody, loginBody, meResponse, registerBody } from './schemas';
import { changePassword, isUniqueViolation, login, logout, registerEnterprise, throttledError } from './service';
import { countAttempt } from './throttle';
import { registrationLimits } from './limits';
import { cacheRead } from '../../cache/responses';

const tags = ['auth'];

/** A refusal for now carries `Retry-After` (seconds) as well as details.retryAfterSeconds. */
function withRetryAfter(reply: FastifyReply, err: unknown): unknown {
  if (err instanceof AppError && err.status === 429) {
    const d = err.details as { retryAfterSeconds?: unknown } | null;
    if (typeof d?.retryAfterSeconds === 'number') void reply.header('retry-after', String(d.retryAfterSeconds));
  }
  return err;
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const cfg = app.config;
  const registration = registrationLimits();

  function setSessionCookies(reply: FastifyReply, s: NewSession): void {
    const common = { path: '/', sameSite: 'lax' as const, secure: cfg.secureCookies, expires: s.expiresAt };
    void reply.setCookie(SESSION_COOKIE, s.token, { ...common, httpOnly: true });
    void reply.setCookie(CSRF_COOKIE, s.csrfToken, { ...common, httpOnly: false });
  }

  app.post(
    '/auth/login',
    { schema: { tags, summary: 'Sign in with mobile number or email and password', body: loginBody, response: { 200: z.object({ csrfToken: z.string() }) } } },
    async (req, reply) => {
      const s = await login(app.db, { maxFailures: cfg.loginMaxFailures, windowMinutes: cfg.loginWindowMinutes, lockMinutes: cfg.loginLockMinutes, sessionHours: cfg.sessionHours }, {
        account: req.body.account,
        password: req.body.password,
        ip: req.ip,
        requestId: req.id,
      }).catch((err: unknown) => {
        throw withRetryAfter(reply, err);
      });
      setSessionCookies(reply, s);
      return { csrfToken: s.csrfToken };
    },
  );

  app.post('/auth/logout', { schema: { tags, summary: 'Sign out', response: { 200: okSchema } } }, async (req, reply) => {
    const actor = requireActor(req);
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(app.db, contextOf(req, actor), sha256(token));
    void reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/auth/me', { config: { cache: cacheRead }, schema: { tags, summary: 'The signed-in user, organisation and CSRF token', response: { 200: meResponse } } }, async (req) => {
    const actor = requireActor(req);
    const [u] = await app.db
      .select({ mobile: users.mobile, email: users.email, mustChangePassword: users.mustChangePassword })
      .from(users)
      .where(eq(users.id, actor.userId));
    return {
      user: { id: actor.userId, name: actor.name, mobile: u?.mobile ?? null, email: u?.email ?? null, memberRole: actor.memberRole, mustChangePassword: u?.mustChangePassword ?? false },
      org: { id: actor.orgId, name: actor.orgName, type: actor.orgType, townCode: actor.townCode },
      role: actor.role,
      bureauRole: actor.bureauRole,
      csrfToken: req.sessionCsrf ?? '',
    };
  });

  app.post(
    '/auth/change-password',
    { schema: { tags, summary: 'Change the password (other sessions end)', body: changePasswordBody, response: { 200: okSchema } } },
    async (req) => {
      const actor = requireActor(req);
      const token = req.cookies[SESSION_COOKIE] ?? '';
      await changePassword(app.db, contextOf(req, actor), req.body.currentPassword, req.body.newPassword, sha256(token));
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/register',
    {
      config: { idempotentCreate: true },
      schema: {
        tags,
        summary: 'Self-service registration of an enterprise (SMEs only) and its first member; attempts per address are limited, a repeat within minutes gets the first answer',
        body: registerBody,
        response: { 201: z.object({ orgId: z.string(), csrfToken: z.string() }) },
      },
    },
    async (req, reply) => {
      const wait = await countAttempt(app.db, `reg:${req.ip}`, registration.maxPerWindow, registration.windowMinutes, new Date());
      if (wait > 0) throw withRetryAfter(reply, throttledError(wait, 'register'));
      try {
        const s = await registerEnterprise(app.db, req.body, { ip: req.ip, requestId: req.id, locale: req.locale, sessionHours: cfg.sessionHours });
        setSessionCookies(reply, s);
        return reply.status(201).send({ orgId: s.orgId, csrfToken: s.csrfToken });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('USCC_TAKEN');
        throw err;
      }
    },
  );
};

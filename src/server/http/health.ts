/**
 * Health: liveness (the process answers; no database) and readiness (the database answers). A load
 * balancer takes an instance out while readiness is 503 and keeps it while liveness is 200.
 * `/api/health` keeps its readiness meaning (used by the browser-test runner and the benchmark).
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';
import { isDbUnavailable, safeErrorLog } from './db-errors';
import { demoState } from '../demo/runner';

const READY_TIMEOUT_MS = 3_000;

async function databaseAnswers(app: FastifyInstance): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('DB_UNAVAILABLE')), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([app.db.execute(sql`select 1`), timeout]);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // Any failure of `select 1` means not ready; an unexpected one is logged (without values) as well.
    if (!isDbUnavailable(err)) app.log.warn({ error: safeErrorLog(err) }, 'readiness check failed');
    throw new AppError('DB_UNAVAILABLE');
  } finally {
    clearTimeout(timer);
  }
}

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/health/live', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  const ready = async () => {
    await databaseAnswers(app);
    return { status: 'ok', database: app.dbKind, demo: demoState() };
  };
  app.get('/api/health/ready', { schema: { hide: true } }, ready);
  // 200 once the demo data is loaded (or off), 503 while it loads: what a demo or test run waits for.
  app.get('/api/health/demo', { schema: { hide: true } }, async (_req, reply) => {
    const body = await ready();
    return reply.status(body.demo === 'loading' ? 503 : 200).send(body);
  });
  app.get('/api/health', { schema: { hide: true } }, ready);
}

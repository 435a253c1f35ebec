/**
 * The platform's background jobs on a built app: 'outbox' delivers pending notifications, 'deadlines' sends
 * reminders and escalations. Started when the app is ready, stopped in onClose (before the database handle is
 * closed by the caller). After every successful write request the outbox job is triggered, so a notification
 * leaves right after the commit of the change it announces.
 */
import type { FastifyInstance } from 'fastify';
import { deliverPending } from '../notifications/deliver';
import { sweepDeadlines } from '../deadlines/service';
import { loadCalendar } from '../deadlines/calendar';
import { systemClock, type Clock } from './clock';
import { createJobRunner, type JobRunner } from './runner';
import type { JobsConfig } from './config';

export interface PlatformJobsOptions extends Partial<JobsConfig> {
  clock?: Clock;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function installJobs(app: FastifyInstance, opts: PlatformJobsOptions | undefined): JobRunner | null {
  if (!opts || opts.enabled === false) return null;
  const clock = opts.clock ?? systemClock;
  const runner = createJobRunner({
    clock,
    log: app.log,
    jobs: [
      { name: 'outbox', intervalMs: opts.outboxMs ?? 2_000, run: () => deliverPending(app.db, { channels: app.channels, log: app.log }) },
      { name: 'deadlines', intervalMs: opts.deadlinesMs ?? 60_000, run: async (now) => sweepDeadlines(app.db, { now, calendar: await loadCalendar(app.db) }) },
    ],
  });
  app.addHook('onResponse', async (req, reply) => {
    if (WRITES.has(req.method) && reply.statusCode < 400) runner.trigger('outbox');
  });
  app.addHook('onReady', async () => {
    runner.start();
  });
  app.addHook('onClose', async () => {
    await runner.stop();
  });
  return runner;
}

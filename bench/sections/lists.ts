/**
 * The two lists every signed-in user opens all day: the notification list (GET /api/v1/notifications, the
 * enterprise user with `DEFAULT_WORKLOAD.notifications` notifications) and an institution's 进行中 tasks
 * (GET /api/v1/tasks?bucket=inProgress, an institution holding `DEFAULT_WORKLOAD.institutionProjects` projects in
 * institutionDiagnosis, each with an open deadline). Measured like the http section, against the same ceiling
 * (taken from the http section's rows, or measured here when that section did not run); then, unless
 * BENCH_EXPLAIN=0, the SQL of one request of each, profiled like the queries section.
 */
import { signIn } from '../lib/server';
import type { Section } from '../lib/types';
import { ensureWorkload } from '../lib/workload';
import { profileEndpoint } from './queries';
import { CEILING_ENDPOINT, ceilingFrom, measureEndpoints, type Endpoint } from './http';

export const listsSection: Section = {
  name: 'lists',
  async run(ctx) {
    const w = await ensureWorkload(ctx.handle, ctx.seed);
    ctx.log(
      `  workload seeded in ${Math.round(w.ms)} ms: ${w.notifications} notifications for ${ctx.users.enterprise.account} (${w.unread} unread), ` +
        `${w.inProgress} projects in institutionDiagnosis for ${w.institution.account}`,
    );
    const institution = await signIn(ctx.baseUrl, w.institution.account, w.institution.password);
    const endpoints: Endpoint[] = [
      {
        key: 'notifications',
        name: 'GET /api/v1/notifications (enterprise)',
        path: '/api/v1/notifications',
        headers: { cookie: ctx.users.enterprise.cookie },
        check: (b) => {
          const body = b as { items?: unknown[]; total?: number; unread?: number };
          if (!Array.isArray(body.items) || body.items.length === 0) return 'empty list';
          if (body.total !== w.notifications) return `total ${String(body.total)}, expected ${w.notifications}`;
          if (body.unread !== w.unread) return `unread ${String(body.unread)}, expected ${w.unread}`;
          return null;
        },
      },
      {
        key: 'institutionTasks',
        name: 'GET /api/v1/tasks?bucket=inProgress (institution)',
        path: '/api/v1/tasks?bucket=inProgress',
        headers: { cookie: institution.cookie },
        check: (b) => {
          const body = b as { items?: Array<{ bucket?: string }>; total?: number };
          if (!Array.isArray(body.items) || body.items.length === 0) return 'empty list';
          if (body.items.some((i) => i.bucket !== 'inProgress')) return 'an item outside the inProgress bucket';
          if (body.total !== w.inProgress) return `total ${String(body.total)}, expected ${w.inProgress}`;
          return null;
        },
      },
    ];
    const ceiling = ceilingFrom(ctx.previous);
    const missing = ctx.options.connections.some((c) => !ceiling.has(c));
    const rows = await measureEndpoints(ctx, 'lists', missing ? [CEILING_ENDPOINT, ...endpoints] : endpoints, ceiling);
    if (ctx.options.explain) for (const e of endpoints) rows.push(await profileEndpoint(ctx, e));
    return rows;
  },
};

/**
 * The reads a signed-in user waits for all day, beyond the http section's: the notification list and its unread
 * badge, the signed-in user (every page load), an institution's 进行中 tasks, the submitted assessment, a town
 * officer's project list and subsidy review queue, the bureau's subsidy review queue, announcements list and
 * stage-time dashboard, and the public announcements list. The data they need (`lib/workload.ts`) is seeded on
 * first use. Measured like the http section, against the same ceiling (taken from the http section's rows, or
 * measured here when that section did not run); then, unless BENCH_EXPLAIN=0, the SQL of one request of each,
 * profiled like the queries section (which gives the statements per request).
 */
import { signIn } from '../lib/server';
import type { BenchContext, Section } from '../lib/types';
import { ensureWorkload, type Workload } from '../lib/workload';
import { profileEndpoint } from './queries';
import { CEILING_ENDPOINT, ceilingFrom, measureEndpoints, type Endpoint } from './http';

interface Paged {
  items?: unknown[];
  total?: number;
}

/** A paged list with items and exactly `total` rows (or at least one when `total` is null). */
function pagedCheck(total: number | null, extra?: (body: Paged & Record<string, unknown>) => string | null) {
  return (b: unknown): string | null => {
    const body = b as Paged & Record<string, unknown>;
    if (!Array.isArray(body.items) || body.items.length === 0) return 'empty list';
    if (typeof body.total !== 'number') return 'no total';
    if (total !== null && body.total !== total) return `total ${body.total}, expected ${total}`;
    return extra ? extra(body) : null;
  };
}

async function listEndpoints(ctx: BenchContext, w: Workload): Promise<Endpoint[]> {
  const institution = await signIn(ctx.baseUrl, w.institution.account, w.institution.password);
  const town = await signIn(ctx.baseUrl, w.town.account, w.town.password);
  const enterprise = { cookie: ctx.users.enterprise.cookie };
  const bureau = { cookie: ctx.users.bureau.cookie };
  return [
    {
      key: 'notifications',
      kind: 'signedIn',
      name: 'GET /api/v1/notifications (enterprise)',
      path: '/api/v1/notifications',
      headers: enterprise,
      check: pagedCheck(w.notifications, (body) => (body.unread === w.unread ? null : `unread ${String(body.unread)}, expected ${w.unread}`)),
    },
    {
      key: 'unreadCount',
      kind: 'signedIn',
      name: 'GET /api/v1/notifications/unread-count (enterprise)',
      path: '/api/v1/notifications/unread-count',
      headers: enterprise,
      check: (b) => ((b as { unread?: number }).unread === w.unread ? null : `unread ${String((b as { unread?: number }).unread)}, expected ${w.unread}`),
    },
    {
      key: 'me',
      kind: 'signedIn',
      name: 'GET /api/v1/auth/me (enterprise)',
      path: '/api/v1/auth/me',
      headers: enterprise,
      check: (b) => {
        const body = b as { user?: { mobile?: string | null }; csrfToken?: string };
        return body.user?.mobile === ctx.users.enterprise.account && typeof body.csrfToken === 'string' ? null : 'another user or no CSRF token';
      },
    },
    {
      key: 'institutionTasks',
      kind: 'signedIn',
      name: 'GET /api/v1/tasks?bucket=inProgress (institution)',
      path: '/api/v1/tasks?bucket=inProgress',
      headers: { cookie: institution.cookie },
      check: pagedCheck(w.inProgress, (body) =>
        (body.items as Array<{ bucket?: string }>).some((i) => i.bucket !== 'inProgress') ? 'an item outside the inProgress bucket' : null,
      ),
    },
    {
      key: 'assessment',
      kind: 'signedIn',
      name: 'GET /api/v1/assessments/:id (enterprise, submitted)',
      path: `/api/v1/assessments/${w.assessment.id}`,
      headers: enterprise,
      check: (b) => {
        const body = b as { id?: string; status?: string; base?: number | null; level?: number | null };
        if (body.id !== w.assessment.id || body.status !== 'submitted') return `not the submitted assessment (${String(body.status)})`;
        if (body.base !== w.assessment.base || body.level !== w.assessment.level) return `base ${String(body.base)} level ${String(body.level)}, expected ${w.assessment.base} / ${w.assessment.level}`;
        return null;
      },
    },
    {
      key: 'townProjects',
      kind: 'signedIn',
      name: `GET /api/v1/projects (town office, ${w.town.townCode})`,
      path: '/api/v1/projects',
      headers: { cookie: town.cookie },
      check: pagedCheck(null, (body) => {
        if ((body.total ?? 0) > w.town.projects) return `total ${String(body.total)} > ${w.town.projects} projects of the town`;
        return (body.items as Array<{ townCode?: string }>).some((i) => i.townCode !== undefined && i.townCode !== w.town.townCode) ? 'a project of another town' : null;
      }),
    },
    {
      key: 'townSubsidyReviews',
      kind: 'signedIn',
      name: `GET /api/v1/subsidy-reviews (town office, ${w.town.townCode})`,
      path: '/api/v1/subsidy-reviews',
      headers: { cookie: town.cookie },
      check: pagedCheck(w.subsidyReviewsInTown),
    },
    {
      key: 'subsidyReviews',
      kind: 'signedIn',
      name: 'GET /api/v1/subsidy-reviews (bureau)',
      path: '/api/v1/subsidy-reviews',
      headers: bureau,
      check: pagedCheck(w.subsidyReviews),
    },
    {
      key: 'subsidyApplication',
      kind: 'signedIn',
      name: 'GET /api/v1/projects/:id/subsidy-application (bureau, under review)',
      path: `/api/v1/projects/${w.reviewedProjectId}/subsidy-application`,
      headers: bureau,
      check: (b) => {
        const body = b as { projectId?: string; state?: string; application?: { submittedAt?: string | null } | null };
        if (body.projectId !== w.reviewedProjectId || body.state !== 'subsidyReview') return `another project or state (${String(body.state)})`;
        return body.application?.submittedAt ? null : 'no submitted application';
      },
    },
    {
      key: 'announcements',
      kind: 'signedIn',
      name: 'GET /api/v1/announcements (bureau)',
      path: '/api/v1/announcements',
      headers: bureau,
      check: pagedCheck(w.announcements),
    },
    {
      key: 'stageTimes',
      kind: 'signedIn',
      name: 'GET /api/v1/dashboards/stage-times (bureau)',
      path: '/api/v1/dashboards/stage-times',
      headers: bureau,
      check: (b) => (Array.isArray(b) && b.length > 0 ? null : 'no state'),
    },
    {
      key: 'publicAnnouncements',
      kind: 'public',
      name: 'GET /api/v1/public/announcements',
      path: '/api/v1/public/announcements',
      headers: {},
      check: pagedCheck(w.publicAnnouncements),
    },
  ];
}

export const listsSection: Section = {
  name: 'lists',
  async run(ctx) {
    const w = await ensureWorkload(ctx.handle, ctx.seed);
    ctx.log(
      `  workload seeded in ${Math.round(w.ms)} ms: ${w.notifications} notifications for ${ctx.users.enterprise.account} (${w.unread} unread), ` +
        `${w.inProgress} projects in institutionDiagnosis for ${w.institution.account}, a submitted assessment (base ${w.assessment.base}, level ${w.assessment.level}), ` +
        `${w.subsidyReviews} subsidy reviews (${w.subsidyReviewsInTown} in ${w.town.townCode}), ${w.announcements} announcements (${w.publicAnnouncements} public)`,
    );
    const endpoints = await listEndpoints(ctx, w);
    const ceiling = ceilingFrom(ctx.previous);
    const missing = ctx.options.connections.some((c) => !ceiling.has(c));
    const rows = await measureEndpoints(ctx, 'lists', missing ? [CEILING_ENDPOINT, ...endpoints] : endpoints, ceiling);
    if (ctx.options.explain) for (const e of endpoints) rows.push(await profileEndpoint(ctx, e));
    return rows;
  },
};

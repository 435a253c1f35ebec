/**
 * Who may see and act on benchmarks (标杆) and pre-subsidies (预奖补), decided here once. The bureau (admin,
 * reviewer, finance) reads every benchmark; an enterprise reads only its own; anyone else's benchmark is a 404.
 * Money decisions (the award, the pre-subsidy) are the bureau administrator's (the tables say so for the award).
 */
import { eq, type SQL } from 'drizzle-orm';
import { benchmarks } from '../../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';

export function isBureau(actor: Actor): boolean {
  return actor.orgType === 'bureau';
}

/** The benchmarks the caller may see: undefined = all, null = none. */
export function benchmarkScope(actor: Actor): SQL | undefined | null {
  if (isBureau(actor)) return undefined;
  if (actor.orgType === 'enterprise') return eq(benchmarks.enterpriseOrgId, actor.orgId);
  return null;
}

/** The bureau's benchmark list and review. */
export function requireBenchmarkReviewer(actor: Actor): void {
  if (!isBureau(actor)) throw new AppError('FORBIDDEN_ROLE');
}

/** The pre-subsidy candidates and grants (read): the bureau. */
export function requirePreReader(actor: Actor): void {
  if (!isBureau(actor)) throw new AppError('FORBIDDEN_ROLE');
}

/** The pre-subsidy decision moves money: the bureau administrator only. */
export function requirePreDecider(actor: Actor): void {
  if (actor.role !== 'bureauAdmin') {
    throw new AppError('FORBIDDEN_ROLE', {
      message: { zh: '预奖补须由市工信局管理员审定', en: 'A pre-subsidy is approved by a bureau administrator' },
      details: { allowedRoles: ['bureauAdmin'] },
    });
  }
}

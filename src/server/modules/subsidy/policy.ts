/**
 * Who sees which subsidy reviews, decided here once: the bureau (admin, reviewer, finance) sees every review; a
 * town office only those of projects in its town; anyone else none. Another town's review is a 404.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { projects } from '../../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';

/** A row filter on `projects` for the reviews the actor may see; null when the actor sees none at all. */
export function reviewScope(actor: Actor): SQL | undefined | null {
  if (actor.orgType === 'bureau') return undefined;
  if (actor.orgType === 'town') return actor.townCode ? eq(projects.townCode, actor.townCode) : sql`false`;
  return null;
}

/** Refuses callers who see no reviews at all (enterprises, providers, institutions, experts). */
export function requireReviewReader(actor: Actor): void {
  if (reviewScope(actor) === null) throw new AppError('FORBIDDEN_ROLE');
}

/** Decision batches (局党组审议) are the bureau's: everyone may read, the admin decides. */
export function requireBatchReader(actor: Actor): void {
  if (actor.orgType !== 'bureau') throw new AppError('FORBIDDEN_ROLE');
}

export function requireBatchWriter(actor: Actor): void {
  if (actor.orgType !== 'bureau' || actor.bureauRole !== 'admin') throw new AppError('FORBIDDEN_ROLE');
}

/**
 * Who may see and do what with money records — decided here and nowhere else. The enterprise itself (owner or
 * member) writes its bank account; a delegate never does (a delegate can never receive the money). Only the
 * bureau's finance duty sees an account unmasked. Tranches are seen by the bureau, the project's town office and
 * the enterprise (each only the projects it sees); anything else is a 403, another's tranche a 404.
 */
import { and, isNotNull, type SQL } from 'drizzle-orm';
import { projects } from '../../../db/schema';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { projectScope } from '../projects/policy';

export function mayWriteBankAccount(actor: Actor): boolean {
  return actor.orgType === 'enterprise';
}

export function assertMayWriteBankAccount(actor: Actor): void {
  if (!mayWriteBankAccount(actor)) {
    throw new AppError('FORBIDDEN_ROLE', {
      message: { zh: '银行账户只能由企业本身填写（受托单位不能代填收款账户）', en: 'Only the enterprise itself enters its bank account (a delegate cannot)' },
    });
  }
}

/** The bureau's finance duty: the only one that sees account numbers in full. */
export function seesAccountUnmasked(actor: Actor): boolean {
  return actor.orgType === 'bureau' && actor.bureauRole === 'finance';
}

export function isFinance(actor: Actor): boolean {
  return seesAccountUnmasked(actor);
}

/** Row filter on `projects` for the tranches the actor may see; FORBIDDEN_ROLE for roles that see none. */
export function trancheProjectScope(actor: Actor): SQL {
  switch (actor.orgType) {
    case 'bureau':
      return isNotNull(projects.submittedAt);
    case 'town':
    case 'enterprise':
      return projectScope(actor);
    default:
      throw new AppError('FORBIDDEN_ROLE');
  }
}

/** The town office's payment-paperwork list: its own town only. */
export function paperworkScope(actor: Actor): SQL {
  if (actor.orgType !== 'town') throw new AppError('FORBIDDEN_ROLE');
  return and(projectScope(actor), isNotNull(projects.submittedAt))!;
}

/** Finance exports every tranche; others read only. */
export function assertMayExport(actor: Actor): void {
  if (actor.orgType !== 'bureau') throw new AppError('FORBIDDEN_ROLE');
}

/**
 * The role gate on routes. Object access is decided per resource in its module's policy.ts.
 */
import type { FastifyRequest } from 'fastify';
import type { OrgType } from '../../core/identity/roles';
import { AppError } from './errors';
import type { Actor, RequestContext } from './actor';

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

/** The caller must belong to one of these organisation types (bureau duties checked separately). */
export function requireOrgType(req: FastifyRequest, types: readonly OrgType[]): Actor {
  const actor = requireActor(req);
  if (!types.includes(actor.orgType)) throw new AppError('FORBIDDEN_ROLE');
  return actor;
}

export function requireBureau(req: FastifyRequest, duties: ReadonlyArray<'admin' | 'reviewer' | 'finance'>): Actor {
  const actor = requireOrgType(req, ['bureau']);
  if (!actor.bureauRole || !duties.includes(actor.bureauRole)) throw new AppError('FORBIDDEN_ROLE');
  return actor;
}

export function contextOf(req: FastifyRequest, actor: Actor): RequestContext {
  return { actor, requestId: req.id, ip: req.ip, locale: req.locale };
}

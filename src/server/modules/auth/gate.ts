/**
 * A user who signed in with a temporary password may only see who they are, change the password and sign out
 * until the password is changed; every other endpoint answers 403 PASSWORD_CHANGE_REQUIRED.
 * Public and reference data stay open (they need no session anyway).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../http/errors';
import { passwordChangeRequired } from './sessions';

const ALLOWED = new Set(['/api/v1/auth/me', '/api/v1/auth/change-password', '/api/v1/auth/logout']);
const OPEN = ['/api/v1/public', '/api/v1/reference'];

async function gate(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (req) => {
    if (!passwordChangeRequired(req.actor)) return;
    const route = req.routeOptions.url ?? '';
    if (ALLOWED.has(route) || OPEN.some((p) => route === p || route.startsWith(`${p}/`))) return;
    throw new AppError('PASSWORD_CHANGE_REQUIRED');
  });
}

/** Registered without encapsulation in the /api/v1 scope, so it guards every module's routes. */
export const passwordChangeGate = Object.assign(gate, { [Symbol.for('skip-override')]: true });

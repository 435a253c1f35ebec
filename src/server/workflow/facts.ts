/**
 * Assembles the guard context for a decision: asks each module's fact provider only for the facts the guards of
 * the current state read (GUARD_META[...].reads), so a state whose guards need nothing costs no query.
 */
import {
  GUARD_META,
  getState,
  makeGuardContext,
  type GuardContext,
  type GuardRef,
  type WorkflowTable,
} from '../../core/workflow';
import type { FactKey, FactProvider, FactRequest } from './types';

/** The facts the guards of `stateId` read (every transition, every role: one context serves all buttons). */
export function factsNeeded(table: WorkflowTable, stateId: string): Set<FactKey> {
  const state = getState(table, stateId);
  const refs: GuardRef[] = [{ id: 'delegationActive' }, { id: 'assignedInstitution' }];
  for (const t of state?.transitions ?? []) refs.push(...(t.when ?? []), ...t.guards);
  const keys = new Set<FactKey>();
  for (const ref of refs) for (const k of GUARD_META[ref.id].reads) keys.add(k);
  return keys;
}

const providers: FactProvider[] = [];

/** Registers a module's provider; each fact has exactly one owner. */
export function registerFacts(provider: FactProvider): void {
  for (const key of provider.provides) {
    const owner = providers.find((p) => p.provides.includes(key));
    if (owner && owner.name !== provider.name) throw new Error(`fact "${key}" is provided by both ${owner.name} and ${provider.name}`);
  }
  if (!providers.some((p) => p.name === provider.name)) providers.push(provider);
}

export function factOwners(): ReadonlyMap<FactKey, string> {
  return new Map(providers.flatMap((p) => p.provides.map((k) => [k, p.name] as const)));
}

/**
 * The guard context for `req.project` in `stateId`: only the needed providers run, one after the other (they
 * share the caller's transaction, whose connection takes one statement at a time).
 */
export async function loadGuardContext(
  table: WorkflowTable,
  stateId: string,
  req: FactRequest,
  extra: { reason: string | null; also?: readonly FactKey[] },
): Promise<GuardContext> {
  const needed = factsNeeded(table, stateId);
  for (const k of extra.also ?? []) needed.add(k);
  const run = providers.filter((p) => p.provides.some((k) => needed.has(k)));
  const parts: Array<Partial<GuardContext>> = [];
  for (const p of run) parts.push(await p.load(req));
  return makeGuardContext(Object.assign({}, ...parts, { reason: extra.reason }) as Partial<GuardContext>);
}

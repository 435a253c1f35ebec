/**
 * What the runtime hands to effect handlers and fact providers. Every table's transitions run through
 * `runtime.ts`; a handler is registered once per effect id by the module that owns it (see handlers.ts).
 */
import type { DbOrTx } from '../../db/client';
import type { projects } from '../../db/schema';
import type { ActorRole } from '../../core/identity/roles';
import type { EffectId, GuardContext, WorkflowTable } from '../../core/workflow';
import type { RequestContext } from '../http/actor';
import type { LoadedProject } from '../modules/projects/policy';

/** The columns of the project an effect may set; the runtime writes them with the state change. */
export type ProjectPatch = Partial<typeof projects.$inferInsert>;

/** The object a transition moves: the project itself, or one of its smaller workflow objects (a report…). */
export interface Subject {
  type: string;
  id: string;
  state: string;
  workflowVersion: string;
  /** The object's stored content (workflow_objects.data); empty for a project. */
  data: Record<string, unknown>;
}

export interface EffectEnv {
  tx: DbOrTx;
  ctx: RequestContext;
  /** The project the transition belongs to (for a report: its project), locked for the transaction. */
  project: LoadedProject;
  subject: Subject;
  table: WorkflowTable;
  role: ActorRole;
  event: string;
  from: string;
  to: string;
  reason: string | null;
  /** The event's input, parsed by its schema (empty when the event declares none). */
  input: Record<string, unknown>;
  now: Date;
  /** Project columns to write with the state change (effects add to it). */
  patch: ProjectPatch;
  /** What the history and the audit event record about this transition (effects add to it). */
  summary: Record<string, unknown>;
}

export type EffectHandler = (env: EffectEnv) => Promise<void>;

/** One handler per effect id: a missing one is a type error where the handlers are assembled. */
export type EffectHandlers = Record<EffectId, EffectHandler>;

/** Facts the guards read, as loaded by the module that owns them. */
export type FactKey = keyof GuardContext;

export interface FactRequest {
  tx: DbOrTx;
  project: LoadedProject;
  actorOrgId: string;
  input: Record<string, unknown>;
}

/** A module's facts: which keys it provides and how it loads them for one project. */
export interface FactProvider {
  name: string;
  provides: readonly FactKey[];
  load(req: FactRequest): Promise<Partial<GuardContext>>;
}

/**
 * The institution assignment (diagnosis or evaluation) the transition's state belongs to, from the table;
 * `validateTable` makes sure every state whose transitions need one names it.
 */
export function assignmentOf(env: Pick<EffectEnv, 'table' | 'from'>): 'diagnosis' | 'evaluation' {
  const a = env.table.states.find((s) => s.id === env.from)?.assignment;
  if (!a) throw new Error(`state "${env.from}" of table "${env.table.id}" names no institution assignment`);
  return a;
}

/**
 * Every effect of every table, each with exactly one handler, registered by the module that owns it. The
 * `satisfies` makes a missing (or misspelt) handler a type error; `assertHandlers` checks the registered tables
 * at start-up, so a table loaded from elsewhere cannot name an effect nobody carries out.
 */
import type { WorkflowTable } from '../../core/workflow';
import { catalogEffects } from '../modules/catalog/effects';
import { choiceEffects } from '../modules/choice/effects';
import { contractEffects } from '../modules/contracts/effects';
import { implementationEffects } from '../modules/implementation/effects';
import { evaluationEffects } from '../modules/evaluation/effects';
import { projectEffects } from '../modules/projects/effects';
import { reportEffects } from '../modules/reports/objects';
import { subsidyEffects } from '../modules/subsidy/effects';
import { applicationEffects } from '../modules/application/effects';
import { moneyEffects } from '../modules/money/effects';
import { benchmarkEffects } from '../modules/benchmarks/effects';
import { certificateEffects } from '../modules/certificates/effects';
import { notifyEffects } from './notify';
import type { EffectHandlers } from './types';

export const EFFECT_HANDLERS = {
  ...projectEffects,
  ...reportEffects,
  ...notifyEffects,
  ...subsidyEffects,
  ...catalogEffects,
  ...choiceEffects,
  ...contractEffects,
  ...implementationEffects,
  ...evaluationEffects,
  ...applicationEffects,
  ...moneyEffects,
  ...benchmarkEffects,
  ...certificateEffects,
} satisfies EffectHandlers;

/** The effects a table names that have no handler (empty when every one is carried out). */
export function unhandledEffects(table: WorkflowTable): string[] {
  const named = new Set(table.states.flatMap((s) => s.transitions.flatMap((t) => t.effects)));
  return [...named].filter((e) => !Object.hasOwn(EFFECT_HANDLERS, e));
}

export function assertHandlers(tables: readonly WorkflowTable[]): void {
  const missing = tables.flatMap((t) => unhandledEffects(t).map((e) => `${t.id}: ${e}`));
  if (missing.length > 0) throw new Error(`effects without a handler:\n  ${missing.join('\n  ')}`);
}

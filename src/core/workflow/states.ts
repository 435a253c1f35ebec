/** Building blocks of the small tables' states. */
import type { Text } from '../text';
import type { Stage, StateDef, StateTone } from './types';

/** A final state: nothing more happens, nobody is waited on, no materials (progress 100). */
export function endState<S extends string, E extends string>(s: { id: S; stage: Stage; label: Text; publicLabel: Text; applicantHint: Text; tone: StateTone }): StateDef<S, E> {
  return { ...s, progress: 100, waitingOn: [], materials: [], transitions: [], terminal: true };
}

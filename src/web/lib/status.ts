/**
 * One colour per meaning, everywhere: draft grey, waiting blue, returned orange, passed green, rejected red.
 * The tone of a state is the lifecycle table's (stateInfo.tone on a project, the reference data's states for list
 * rows); nothing here derives it from a state's id.
 */
import type { StateTone } from '../api/types';

export type Tone = StateTone;

export const TONE_COLOR: Record<Tone, string> = {
  draft: 'default',
  waiting: 'processing',
  returned: 'warning',
  passed: 'success',
  rejected: 'error',
};

/** A colour for a tag whose tone is not known (yet): neutral, never guessed. */
export const UNKNOWN_TONE_COLOR = 'default';

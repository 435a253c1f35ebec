/**
 * The autosave state machine, pure: local edits are numbered, one save is in flight at a time and carries
 * the server revision it was based on, a stale revision is a conflict (reload), other failures wait for a
 * retry or the next edit. `useAutosave` drives it with a debounce timer.
 */

export type SavePhase = 'idle' | 'saving' | 'error' | 'conflict';

export interface SaveState {
  /** The server revision of the last saved (or loaded) answers; sent with the next save. */
  revision: number;
  /** Number of the latest local edit (0 = nothing edited since load). */
  editVersion: number;
  /** Number of the latest edit the server has. */
  savedVersion: number;
  /** Edit number being saved now, or null. */
  inFlight: number | null;
  phase: SavePhase;
  /** When the server last saved (ISO), or null before the first save of this visit. */
  savedAt: string | null;
  /** The server's message of the last failure. */
  error: string | null;
  /** Edit number whose save failed (retried on demand or when a newer edit comes). */
  failedVersion: number | null;
}

export type SaveEvent =
  | { type: 'edited' }
  | { type: 'saveStarted'; version: number }
  | { type: 'saveSucceeded'; version: number; revision: number; at: string }
  | { type: 'saveFailed'; message: string }
  | { type: 'conflict' }
  | { type: 'reloaded'; revision: number; at: string | null };

export function initialSaveState(revision: number, at: string | null = null): SaveState {
  return { revision, editVersion: 0, savedVersion: 0, inFlight: null, phase: 'idle', savedAt: at, error: null, failedVersion: null };
}

export function saveReducer(state: SaveState, event: SaveEvent): SaveState {
  switch (event.type) {
    case 'edited':
      // After a conflict the page reloads; edits in between are not saved over the newer answers.
      return { ...state, editVersion: state.editVersion + 1 };
    case 'saveStarted':
      return { ...state, inFlight: event.version, phase: 'saving', error: null };
    case 'saveSucceeded':
      return {
        ...state,
        revision: event.revision,
        savedVersion: Math.max(state.savedVersion, event.version),
        inFlight: null,
        phase: 'idle',
        savedAt: event.at,
        error: null,
        failedVersion: null,
      };
    case 'saveFailed':
      return { ...state, failedVersion: state.inFlight, inFlight: null, phase: 'error', error: event.message };
    case 'conflict':
      return { ...state, inFlight: null, phase: 'conflict' };
    case 'reloaded':
      return initialSaveState(event.revision, event.at);
  }
}

/** Local edits the server does not have yet. */
export const isDirty = (s: SaveState): boolean => s.editVersion > s.savedVersion;

/** A save should be scheduled now (debounced by the caller). A failed save waits for a retry or a new edit. */
export function shouldSchedule(s: SaveState): boolean {
  if (!isDirty(s) || s.inFlight !== null || s.phase === 'conflict') return false;
  if (s.phase === 'error') return s.failedVersion === null || s.editVersion > s.failedVersion;
  return true;
}

export type SaveStatus =
  | { kind: 'clean' }
  | { kind: 'saved'; at: string }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string | null }
  | { kind: 'conflict' };

/** What the status line shows. */
export function saveStatus(s: SaveState): SaveStatus {
  if (s.phase === 'conflict') return { kind: 'conflict' };
  if (s.phase === 'saving') return { kind: 'saving' };
  if (s.phase === 'error') return { kind: 'error', message: s.error };
  if (isDirty(s)) return { kind: 'pending' };
  return s.savedAt ? { kind: 'saved', at: s.savedAt } : { kind: 'clean' };
}

/**
 * Autosave of a draft: ~1 s after the last change the answers are PUT with the revision they were based on.
 * One save at a time; changes made meanwhile are saved next. A stale revision (CONFLICT) or a submission
 * elsewhere (ALREADY_SUBMITTED) hands over to `onConflict`, which reloads. Unsaved changes warn before the
 * tab closes and are sent when the page is left inside the app.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import type { AssessmentAnswers } from '../../core/assessment';
import { saveAnswers, type AssessmentDetail } from './api';
import { initialSaveState, isDirty, saveReducer, saveStatus, shouldSchedule, type SaveEvent, type SaveState, type SaveStatus } from './autosave';

export interface AutosaveOptions {
  id: string;
  revision: number;
  savedAt: string | null;
  /** The answers to send (read when the save starts). */
  answers: () => AssessmentAnswers;
  onSaved: (detail: AssessmentDetail) => void;
  onConflict: (code: 'CONFLICT' | 'ALREADY_SUBMITTED') => void;
  delayMs?: number;
}

export interface Autosave {
  state: SaveState;
  status: SaveStatus;
  /** Call after every local change. */
  edited: () => void;
  /** Save now (the retry button). */
  retry: () => void;
  /** Waits until everything is saved; false if it could not be. */
  flush: () => Promise<boolean>;
  /** The server revision the answers are at now (for the submission). */
  revision: () => number;
}

const CONFLICT_CODES = new Set(['CONFLICT', 'ALREADY_SUBMITTED']);

export function useAutosave(opts: AutosaveOptions): Autosave {
  const { id, delayMs = 1000 } = opts;
  const stateRef = useRef<SaveState>(initialSaveState(opts.revision, opts.savedAt));
  const [state, setState] = useState<SaveState>(stateRef.current);
  const inFlight = useRef<Promise<void> | null>(null);
  const optsRef = useRef(opts);
  useEffect(() => {
    optsRef.current = opts;
  });

  const apply = useCallback((event: SaveEvent) => {
    stateRef.current = saveReducer(stateRef.current, event);
    setState(stateRef.current);
  }, []);

  const saveNow = useCallback((): Promise<void> => {
    if (inFlight.current) return inFlight.current;
    const s = stateRef.current;
    if (!isDirty(s) || s.phase === 'conflict') return Promise.resolve();
    const version = s.editVersion;
    apply({ type: 'saveStarted', version });
    const run = saveAnswers(id, optsRef.current.answers(), s.revision).then(
      (detail) => {
        apply({ type: 'saveSucceeded', version, revision: detail.revision, at: detail.updatedAt });
        optsRef.current.onSaved(detail);
      },
      (e: unknown) => {
        if (e instanceof ApiError && CONFLICT_CODES.has(e.code)) {
          apply({ type: 'conflict' });
          optsRef.current.onConflict(e.code as 'CONFLICT' | 'ALREADY_SUBMITTED');
        } else {
          apply({ type: 'saveFailed', message: e instanceof ApiError ? e.message : String(e) });
        }
      },
    );
    const tracked = run.finally(() => {
      inFlight.current = null;
    });
    inFlight.current = tracked;
    return tracked;
  }, [apply, id]);

  // Debounce: every change restarts the timer.
  useEffect(() => {
    if (!shouldSchedule(state)) return;
    const timer = window.setTimeout(() => void saveNow(), delayMs);
    return () => window.clearTimeout(timer);
  }, [state, saveNow, delayMs]);

  // Closing or reloading the tab with unsaved changes: the browser asks first.
  const unsaved = isDirty(state) || state.inFlight !== null;
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  // Leaving the page inside the app: send what is not saved yet (the request outlives the page).
  useEffect(
    () => () => {
      const send = () => {
        const s = stateRef.current;
        if (!isDirty(s) || s.phase === 'conflict') return;
        void saveAnswers(id, optsRef.current.answers(), s.revision).then(
          (detail) => optsRef.current.onSaved(detail),
          () => undefined,
        );
      };
      if (inFlight.current) void inFlight.current.then(send);
      else send();
    },
    [id],
  );

  const edited = useCallback(() => apply({ type: 'edited' }), [apply]);
  const retry = useCallback(() => void saveNow(), [saveNow]);

  const flush = useCallback(async (): Promise<boolean> => {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      if (inFlight.current) {
        await inFlight.current;
        continue;
      }
      const s = stateRef.current;
      if (s.phase === 'conflict') return false;
      if (!isDirty(s)) return true;
      await saveNow();
      if (stateRef.current.phase === 'error') return false;
    }
    return !isDirty(stateRef.current) && stateRef.current.phase === 'idle';
  }, [saveNow]);

  const revision = useCallback(() => stateRef.current.revision, []);

  return { state, status: saveStatus(state), edited, retry, flush, revision };
}

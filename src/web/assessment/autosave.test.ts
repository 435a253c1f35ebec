import { describe, expect, it } from 'vitest';
import { initialSaveState, isDirty, saveReducer, saveStatus, shouldSchedule, type SaveEvent, type SaveState } from './autosave';

const run = (state: SaveState, ...events: SaveEvent[]): SaveState => events.reduce(saveReducer, state);

describe('autosave state machine', () => {
  it('starts clean, with the loaded revision, and shows when it was last saved', () => {
    const s = initialSaveState(4, '2026-03-05T06:30:00.000Z');
    expect(isDirty(s)).toBe(false);
    expect(shouldSchedule(s)).toBe(false);
    expect(s.revision).toBe(4);
    expect(saveStatus(s)).toEqual({ kind: 'saved', at: '2026-03-05T06:30:00.000Z' });
    expect(saveStatus(initialSaveState(1))).toEqual({ kind: 'clean' });
  });

  it('schedules a save after an edit and shows it as pending', () => {
    const s = run(initialSaveState(1), { type: 'edited' }, { type: 'edited' });
    expect(isDirty(s)).toBe(true);
    expect(shouldSchedule(s)).toBe(true);
    expect(saveStatus(s).kind).toBe('pending');
  });

  it('keeps one save in flight and takes the new revision when it succeeds', () => {
    const s = run(initialSaveState(1), { type: 'edited' }, { type: 'saveStarted', version: 1 });
    expect(saveStatus(s).kind).toBe('saving');
    expect(shouldSchedule(s)).toBe(false);
    const done = saveReducer(s, { type: 'saveSucceeded', version: 1, revision: 2, at: '2026-03-05T06:31:00.000Z' });
    expect(done.revision).toBe(2);
    expect(isDirty(done)).toBe(false);
    expect(saveStatus(done)).toEqual({ kind: 'saved', at: '2026-03-05T06:31:00.000Z' });
  });

  it('saves again, with the newer revision, what was edited while a save was running', () => {
    const s = run(
      initialSaveState(1),
      { type: 'edited' },
      { type: 'saveStarted', version: 1 },
      { type: 'edited' },
      { type: 'saveSucceeded', version: 1, revision: 2, at: 'x' },
    );
    expect(isDirty(s)).toBe(true);
    expect(shouldSchedule(s)).toBe(true);
    expect(s.revision).toBe(2);
    expect(saveStatus(s).kind).toBe('pending');
  });

  it('after a failure waits for a retry or a newer edit (no retry storm)', () => {
    const failed = run(initialSaveState(3), { type: 'edited' }, { type: 'saveStarted', version: 1 }, { type: 'saveFailed', message: '网络连接失败' });
    expect(saveStatus(failed)).toEqual({ kind: 'error', message: '网络连接失败' });
    expect(isDirty(failed)).toBe(true);
    expect(shouldSchedule(failed)).toBe(false);
    expect(failed.revision).toBe(3);
    const edited = saveReducer(failed, { type: 'edited' });
    expect(shouldSchedule(edited)).toBe(true);
    const retried = run(edited, { type: 'saveStarted', version: 2 }, { type: 'saveSucceeded', version: 2, revision: 4, at: 'y' });
    expect(saveStatus(retried)).toEqual({ kind: 'saved', at: 'y' });
  });

  it('stops saving on a conflict until the page reloads the newer answers', () => {
    const conflict = run(initialSaveState(2), { type: 'edited' }, { type: 'saveStarted', version: 1 }, { type: 'conflict' });
    expect(saveStatus(conflict).kind).toBe('conflict');
    expect(shouldSchedule(saveReducer(conflict, { type: 'edited' }))).toBe(false);
    const reloaded = saveReducer(conflict, { type: 'reloaded', revision: 5, at: 'z' });
    expect(reloaded).toEqual(initialSaveState(5, 'z'));
  });

  it('never lowers the saved edit number when an older save finishes late', () => {
    const s = run(initialSaveState(1), { type: 'edited' }, { type: 'edited' }, { type: 'saveSucceeded', version: 2, revision: 2, at: 'a' }, { type: 'saveSucceeded', version: 1, revision: 3, at: 'b' });
    expect(s.savedVersion).toBe(2);
    expect(isDirty(s)).toBe(false);
  });
});

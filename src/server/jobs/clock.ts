/** Where jobs and deadlines get "now" from: the system clock in production, a settable clock in tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface FakeClock extends Clock {
  set(at: Date | string): void;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
}

/** A clock that stands still until told otherwise. */
export function fakeClock(start: Date | string): FakeClock {
  let current = new Date(start).getTime();
  if (!Number.isFinite(current)) throw new Error(`fakeClock: not an instant: ${String(start)}`);
  return {
    now: () => new Date(current),
    set: (at) => {
      const t = new Date(at).getTime();
      if (!Number.isFinite(t)) throw new Error(`fakeClock: not an instant: ${String(at)}`);
      current = t;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

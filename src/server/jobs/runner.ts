/**
 * A small in-process job runner: each job runs every `intervalMs`, never twice at once in one process, and can be
 * asked to run soon (`trigger`, coalesced). It needs nothing from the database (works on PGlite and PostgreSQL);
 * jobs that must not run twice across processes claim their rows atomically (FOR UPDATE SKIP LOCKED).
 * A failing job is logged (its name and the error's class and code, never the data) and runs again next interval.
 */
import type { Clock } from './clock';

export interface Job {
  name: string;
  intervalMs: number;
  run(now: Date): Promise<unknown>;
}

export interface JobLog {
  info?(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

export interface JobRunner {
  /** Runs every job once soon, then every interval. Calling start twice does nothing. */
  start(): void;
  /** Stops the timers and waits for the runs in progress to end. */
  stop(): Promise<void>;
  /** Runs the job soon; several triggers while it runs or waits give one more run. Unknown names throw. */
  trigger(name: string): void;
  /** Runs the job now (after any run in progress) and resolves when that run has ended. For tests and tools. */
  runNow(name: string): Promise<void>;
  readonly running: boolean;
}

interface Slot {
  job: Job;
  timer: NodeJS.Timeout | null;
  /** The run in progress. */
  current: Promise<void> | null;
  /** A run was asked for while one was in progress. */
  again: boolean;
  /** Waiters for the next run to end. */
  waiters: Array<() => void>;
}

/** What may be logged about an error: its class, code and message, cut short (job errors carry no personal data). */
function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, ...(typeof code === 'string' ? { code } : {}), message: err.message.slice(0, 200) };
}

export function createJobRunner(opts: { clock: Clock; log: JobLog; jobs: readonly Job[] }): JobRunner {
  const slots = new Map<string, Slot>();
  for (const job of opts.jobs) {
    if (slots.has(job.name)) throw new Error(`job "${job.name}" is defined twice`);
    if (!(job.intervalMs > 0)) throw new Error(`job "${job.name}" needs a positive interval`);
    slots.set(job.name, { job, timer: null, current: null, again: false, waiters: [] });
  }
  let started = false;
  let stopping = false;

  function schedule(slot: Slot, ms: number): void {
    if (!started || stopping) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      slot.timer = null;
      kick(slot);
    }, ms);
    slot.timer.unref?.();
  }

  function kick(slot: Slot): void {
    if (stopping) return;
    if (slot.current) {
      slot.again = true;
      return;
    }
    const waiters = slot.waiters.splice(0);
    slot.current = (async () => {
      try {
        await slot.job.run(opts.clock.now());
      } catch (err) {
        opts.log.error({ job: slot.job.name, error: safeError(err) }, 'job failed; it runs again next interval');
      }
    })().finally(() => {
      slot.current = null;
      for (const w of waiters) w();
      if (slot.again && !stopping) {
        slot.again = false;
        kick(slot);
      } else {
        schedule(slot, slot.job.intervalMs);
      }
    });
  }

  function slotOf(name: string): Slot {
    const slot = slots.get(name);
    if (!slot) throw new Error(`unknown job "${name}"`);
    return slot;
  }

  return {
    get running() {
      return started && !stopping;
    },
    start() {
      if (started) return;
      started = true;
      stopping = false;
      for (const slot of slots.values()) schedule(slot, 0);
    },
    async stop() {
      stopping = true;
      for (const slot of slots.values()) {
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = null;
        slot.again = false;
      }
      await Promise.all([...slots.values()].map((s) => s.current));
      for (const slot of slots.values()) for (const w of slot.waiters.splice(0)) w();
      started = false;
    },
    trigger(name) {
      const slot = slotOf(name);
      if (!started || stopping) return;
      if (slot.current) {
        slot.again = true;
        return;
      }
      // Coalesce: triggers in the same tick give one run.
      schedule(slot, 0);
    },
    runNow(name) {
      const slot = slotOf(name);
      if (stopping) return Promise.resolve();
      return new Promise<void>((resolve) => {
        slot.waiters.push(resolve);
        if (slot.current) {
          // The waiters of the run in progress were taken when it began: this one waits for the next run.
          slot.again = true;
          return;
        }
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = null;
        kick(slot);
      });
    },
  };
}

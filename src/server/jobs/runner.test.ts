import { describe, expect, it } from 'vitest';
import { createJobRunner, type JobLog } from './runner';
import { fakeClock, systemClock } from './clock';

function captureLog() {
  const errors: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  const log: JobLog = { warn: () => {}, error: (obj, msg) => errors.push({ obj, msg }) };
  return { log, errors };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

describe('job runner', () => {
  it('coalesces triggers: never two runs of one job at once, one more run for many triggers while it runs', async () => {
    const { log } = captureLog();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let hold = gate();
    const runner = createJobRunner({
      clock: systemClock,
      log,
      jobs: [
        {
          name: 'a',
          intervalMs: 60_000,
          run: async () => {
            runs++;
            running++;
            maxRunning = Math.max(maxRunning, running);
            await hold.p;
            running--;
          },
        },
      ],
    });
    runner.start();
    await tick(10);
    expect(runs).toBe(1); // the first run on start, still going
    for (let i = 0; i < 20; i++) runner.trigger('a');
    const first = hold;
    hold = gate();
    first.open();
    await tick(10);
    expect(runs).toBe(2); // twenty triggers during the run → one more run
    hold.open();
    await tick(10);
    expect(runs).toBe(2);
    // Triggers in one tick while idle give one run.
    runner.trigger('a');
    runner.trigger('a');
    runner.trigger('a');
    await tick(20);
    expect(runs).toBe(3);
    expect(maxRunning).toBe(1);
    await runner.stop();
    expect(() => runner.trigger('nope')).toThrow(/unknown job/);
  });

  it('stop waits for the run in progress and starts no new one', async () => {
    const { log } = captureLog();
    const hold = gate();
    let finished = false;
    let runs = 0;
    const runner = createJobRunner({
      clock: systemClock,
      log,
      jobs: [
        {
          name: 'slow',
          intervalMs: 5,
          run: async () => {
            runs++;
            await hold.p;
            finished = true;
          },
        },
      ],
    });
    runner.start();
    await tick(10);
    runner.trigger('slow');
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await tick(10);
    expect(stopped).toBe(false);
    hold.open();
    await stopping;
    expect(finished).toBe(true);
    await tick(30);
    expect(runs).toBe(1);
    expect(runner.running).toBe(false);
  });

  it('a failing job is logged without its data and runs again next interval', async () => {
    const { log, errors } = captureLog();
    const clock = fakeClock('2026-10-09T01:00:00Z');
    const seen: string[] = [];
    let calls = 0;
    const runner = createJobRunner({
      clock,
      log,
      jobs: [
        {
          name: 'flaky',
          intervalMs: 15,
          run: async (now) => {
            seen.push(now.toISOString());
            calls++;
            if (calls === 1) throw Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED', mobile: '13800000001' });
          },
        },
      ],
    });
    runner.start();
    await tick(80);
    await runner.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.obj).toEqual({ job: 'flaky', error: { type: 'Error', code: 'ECONNREFUSED', message: 'connection refused' } });
    expect(JSON.stringify(errors)).not.toContain('13800000001');
    expect(seen[0]).toBe('2026-10-09T01:00:00.000Z');
  });

  it('runNow resolves after a complete run, also when one is in progress', async () => {
    const { log } = captureLog();
    const order: string[] = [];
    let n = 0;
    const runner = createJobRunner({
      clock: systemClock,
      log,
      jobs: [
        {
          name: 'j',
          intervalMs: 60_000,
          run: async () => {
            const me = ++n;
            order.push(`start ${me}`);
            await tick(15);
            order.push(`end ${me}`);
          },
        },
      ],
    });
    const a = runner.runNow('j');
    await tick(2);
    const b = runner.runNow('j');
    await a;
    expect(order.slice(0, 2)).toEqual(['start 1', 'end 1']);
    expect(order).not.toContain('end 2');
    await b;
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    await runner.stop();
  });
});

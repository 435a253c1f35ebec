/**
 * The demo data, loaded in the background once the server listens: the base data (one transaction), then the
 * stage 2b, 3–6 and 7–8 situations made through the use-cases. `/api/health` reports the state, and the
 * sign-in page says 演示数据正在准备… until it is `ready`. The shutdown cuts a load in progress between two
 * enterprises (or steps) and waits for that one to finish, so no query runs after the database closes.
 */
import type { AppDb } from '../../db/client';
import { cancelDemoLoading, DEMO_INTERRUPTED, ensureDemoData } from '../../db/demo';
import type { FileStore } from '../files';
import { releaseMemory } from './release-memory';

/** `off`: DEMO_DATA=0; `loading`: this process is loading (or waiting for another instance's load); `ready`: loaded. */
export type DemoState = 'off' | 'loading' | 'ready';

let state: DemoState = 'off';
let running: Promise<void> | null = null;

export function demoState(): DemoState {
  return state;
}

type Log = (line: string) => void;

/** The stages, in order: each loads once (its flag in system_meta) and says what it loaded. */
const STAGES: ReadonlyArray<{ label: string; load: (db: AppDb, store: FileStore, uploadMaxBytes: number) => Promise<boolean> }> = [
  { label: 'Demo data loaded (see README for demo sign-ins).', load: (db) => ensureDemoData(db) },
  { label: 'Demo data for institution diagnosis loaded.', load: async (db, store, max) => (await import('./stage2b')).ensureStage2bDemo(db, store, max) },
  { label: 'Demo data for stages 3–6 (provider, contract, implementation, evaluation) loaded.', load: async (db, store, max) => (await import('./stages3to6')).ensureStages3to6Demo(db, store, max) },
  { label: 'Demo data for stages 7–8 (policy, subsidy review, benchmarks, disbursement, announcements) loaded.', load: async (db, store, max) => (await import('./stages7to8')).ensureStages7to8Demo(db, store, max) },
];

/** Starts the background load (once per process). A stage's failure is logged and the next stage still runs. */
export function startDemoLoading(db: AppDb, store: FileStore, uploadMaxBytes: number, log: { info: Log; error: Log }): void {
  if (running) return;
  state = 'loading';
  const started = Date.now();
  running = (async () => {
    let loadedAny = false;
    for (const stage of STAGES) {
      try {
        if (await stage.load(db, store, uploadMaxBytes)) {
          loadedAny = true;
          log.info(stage.label);
        }
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (message.includes(DEMO_INTERRUPTED)) {
          log.info('Demo data loading stopped by the shutdown; the demo stays partial (delete DATA_DIR or the database to load it again).');
          return;
        }
        log.error(message);
      }
    }
    if (loadedAny) {
      log.info(`Demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      await releaseMemory();
    }
    state = 'ready';
  })();
}

/** Shutdown: the loader stops before its next enterprise or step; resolves when it has. */
export async function stopDemoLoading(): Promise<void> {
  cancelDemoLoading();
  await running;
}

/** The job runner's settings from the environment: JOBS=0 turns it off; JOB_OUTBOX_MS, JOB_DEADLINES_MS. */
export interface JobsConfig {
  enabled: boolean;
  /** How often pending notifications are delivered (ms); writes also trigger a delivery at once. */
  outboxMs: number;
  /** How often deadlines are swept for reminders and escalations (ms). */
  deadlinesMs: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number.parseInt(raw, 10);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`Environment variable ${name} must be a positive integer (milliseconds)`);
  return n;
}

export function loadJobsConfig(env: NodeJS.ProcessEnv = process.env): JobsConfig {
  return {
    enabled: env.JOBS !== '0' && env.JOBS?.toLowerCase() !== 'false',
    outboxMs: positiveInt(env, 'JOB_OUTBOX_MS', 2_000),
    deadlinesMs: positiveInt(env, 'JOB_DEADLINES_MS', 60_000),
  };
}

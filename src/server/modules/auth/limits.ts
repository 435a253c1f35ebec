/**
 * Registration limits from the environment (read when the routes are mounted; the sign-in limits are in
 * AppConfig: LOGIN_MAX_FAILURES, LOGIN_WINDOW_MINUTES, LOGIN_LOCK_MINUTES).
 */
export interface RegistrationLimits {
  /** Registration attempts allowed per address in one window. */
  maxPerWindow: number;
  windowMinutes: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number.parseInt(raw, 10);
  if (!Number.isFinite(n) || n < 1) throw new Error(`Environment variable ${name} must be a positive integer`);
  return n;
}

export function registrationLimits(env: NodeJS.ProcessEnv = process.env): RegistrationLimits {
  return {
    maxPerWindow: positiveInt(env, 'REGISTER_MAX_PER_WINDOW', 20),
    windowMinutes: positiveInt(env, 'REGISTER_WINDOW_MINUTES', 15),
  };
}

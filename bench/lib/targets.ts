/**
 * The performance issue's targets for the HTTP rows, as a table of rules: which endpoints a rule is about
 * (the ceiling, a public list, a signed-in read), on which database it binds, on which one it is only shown
 * for comparison, and how a measured row meets it. `summarize()` then collects every target of every row of
 * every section (these, and those other sections attach themselves: web bytes, start-up, memory, …).
 */
import type { DbKind, Row, TargetCheck } from './types';

/** What an endpoint is to the targets. */
export type EndpointKind = 'ceiling' | 'public' | 'signedIn';

export const TARGETS = {
  /** Every signed-in read at least this share of the ceiling's req/s, at each connection count. */
  signedInMinRatioPct: 30,
  /** p99 of a signed-in read below this at `p99AtConnections` connections. */
  maxP99Ms: 50,
  p99AtConnections: 64,
  /** The public lists at least this share of the ceiling at `publicAtConnections` connections. */
  publicMinRatioPct: 50,
  publicAtConnections: 64,
  /** CPU per signed-in read: the app's thread and the PostgreSQL backends. */
  maxAppCpuMs: 0.25,
  maxDbCpuMs: 0.15,
  /** PGlite: every signed-in read at least this many req/s. */
  pgliteMinReqPerSec: 1_000,
} as const;

/** The figures of one measured HTTP run a rule looks at. */
export interface Measured {
  connections: number;
  reqPerSec: number;
  ratioPct: number | null;
  p99Ms: number;
  appCpuMsPerReq: number | null;
  dbCpuMsPerReq: number | null;
}

interface Rule {
  label: string;
  kinds: readonly EndpointKind[];
  /** Databases on which the rule binds (counted in the summary). */
  binds: readonly DbKind[];
  /** Databases on which it is printed for comparison only. */
  shownOn: readonly DbKind[];
  /** The check of one run, or null when the rule does not look at this run (another connection count, no figure). */
  check(m: Measured): { met: boolean; actual: string } | null;
}

const ms = (n: number) => `${n.toFixed(3)} ms`;
const pct = (n: number) => `${n.toFixed(1)}%`;

export const RULES: readonly Rule[] = [
  {
    label: `≥${TARGETS.signedInMinRatioPct}% ceiling`,
    kinds: ['signedIn'],
    binds: ['postgres'],
    shownOn: ['pglite'],
    check: (m) => (m.ratioPct === null ? null : { met: m.ratioPct >= TARGETS.signedInMinRatioPct, actual: pct(m.ratioPct) }),
  },
  {
    label: `p99<${TARGETS.maxP99Ms}ms @${TARGETS.p99AtConnections}`,
    kinds: ['signedIn'],
    binds: ['postgres'],
    shownOn: ['pglite'],
    check: (m) => (m.connections === TARGETS.p99AtConnections ? { met: m.p99Ms < TARGETS.maxP99Ms, actual: `${m.p99Ms} ms` } : null),
  },
  {
    label: `public ≥${TARGETS.publicMinRatioPct}% ceiling @${TARGETS.publicAtConnections}`,
    kinds: ['public'],
    binds: ['postgres'],
    shownOn: ['pglite'],
    check: (m) =>
      m.connections === TARGETS.publicAtConnections && m.ratioPct !== null ? { met: m.ratioPct >= TARGETS.publicMinRatioPct, actual: pct(m.ratioPct) } : null,
  },
  {
    label: `node CPU ≤${TARGETS.maxAppCpuMs} ms/req`,
    kinds: ['signedIn'],
    binds: ['postgres'],
    // On PGlite the database runs in the app's thread: the figure is not comparable.
    shownOn: [],
    check: (m) => (m.appCpuMsPerReq === null ? null : { met: m.appCpuMsPerReq <= TARGETS.maxAppCpuMs, actual: ms(m.appCpuMsPerReq) }),
  },
  {
    label: `PostgreSQL CPU ≤${TARGETS.maxDbCpuMs} ms/req`,
    kinds: ['signedIn'],
    binds: ['postgres'],
    shownOn: [],
    check: (m) => (m.dbCpuMsPerReq === null ? null : { met: m.dbCpuMsPerReq <= TARGETS.maxDbCpuMs, actual: ms(m.dbCpuMsPerReq) }),
  },
  {
    label: `PGlite ≥${TARGETS.pgliteMinReqPerSec.toLocaleString('en-US')} req/s`,
    kinds: ['signedIn'],
    binds: ['pglite'],
    shownOn: [],
    check: (m) => ({ met: m.reqPerSec >= TARGETS.pgliteMinReqPerSec, actual: `${Math.round(m.reqPerSec)} req/s` }),
  },
];

/** The targets of one measured run of an endpoint of `kind` on `db`. */
export function targetsFor(kind: EndpointKind, db: DbKind, m: Measured): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const rule of RULES) {
    if (!rule.kinds.includes(kind)) continue;
    const binding = rule.binds.includes(db);
    if (!binding && !rule.shownOn.includes(db)) continue;
    const c = rule.check(m);
    if (c) out.push({ label: rule.label, ...c, ...(binding ? {} : { reference: true }) });
  }
  return out;
}

/** One line of the summary: a target and what it is about, met when every run it looked at met it. */
export interface SummaryLine {
  label: string;
  subject: string;
  section: string;
  met: boolean;
  actual: string;
}

/**
 * The binding targets of every row of a database, whatever section they come from: one line per target and
 * subject (an endpoint's runs at several connection counts form one line, its measured values joined).
 */
export function summarize(rows: readonly Row[]): SummaryLine[] {
  const lines = new Map<string, SummaryLine>();
  for (const r of rows) {
    for (const t of r.targets) {
      if (t.reference) continue;
      const key = `${r.section}\u0000${r.name}\u0000${t.label}`;
      const actual = r.connections === null ? t.actual : `${t.actual} @${r.connections}`;
      const line = lines.get(key);
      if (line) {
        line.met &&= t.met;
        line.actual += `, ${actual}`;
      } else {
        lines.set(key, { label: t.label, subject: r.name, section: r.section, met: t.met, actual });
      }
    }
  }
  return [...lines.values()];
}

/** Console tables and the JSON results file. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { summarize } from './targets';
import type { CacheSample, DbKind, Row } from './types';

const DB_LABEL: Record<DbKind, string> = { pglite: 'PGlite (embedded)', postgres: 'PostgreSQL' };

export function dbLabel(kind: DbKind): string {
  return DB_LABEL[kind];
}

function fmt(n: number | null, digits = 0): string {
  if (n === null || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(headers: string[], body: string[][], rightAligned: Set<number>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** "hit 98%", "miss 100%", "none" (no header), for tables. */
export function cacheText(c: CacheSample | undefined): string {
  if (!c) return '—';
  const n = c.hit + c.miss;
  if (n === 0) return c.absent > 0 ? 'none' : '—';
  return `hit ${Math.round((100 * c.hit) / n)}%${c.absent > 0 ? ` (+${c.absent} without)` : ''}`;
}

export function targetText(row: Row): string {
  if (row.targets.length === 0) return '—';
  return row.targets.map((t) => `${t.label}: ${t.reference ? 'ref ' : ''}${t.met ? 'met' : 'NOT MET'} (${t.actual})`).join('; ');
}

/** The measured rows of one database as a table, then the rows that are remarks only (e.g. query profiles). */
export function renderRows(kind: DbKind, rows: readonly Row[]): string {
  const measured = rows.filter((r) => r.throughput !== null);
  const remarks = rows.filter((r) => r.throughput === null);
  const out: string[] = [];
  if (measured.length > 0) {
    const headers = ['section', 'endpoint', 'conn', 'rate/s', 'p50 ms', 'p99 ms', '% ceiling', 'CPU ms/op app', 'db', 'cache', 'non-2xx/err', `targets on ${DB_LABEL[kind]} ("ref": binds the other database, shown for comparison)`];
    const body = measured.map((r) => [
      r.section,
      r.name,
      fmt(r.connections),
      fmt(r.throughput),
      fmt(r.p50Ms),
      fmt(r.p99Ms),
      r.ratioPct === null ? '—' : `${fmt(r.ratioPct, 1)}%`,
      fmt(r.appCpuMsPerOp, 3),
      fmt(r.dbCpuMsPerOp, 3),
      cacheText(r.cache),
      `${r.non2xx}/${r.errors}`,
      targetText(r) + (r.note ? `  [${r.note}]` : ''),
    ]);
    out.push(table(headers, body, new Set([2, 3, 4, 5, 6, 7, 8, 10])));
  }
  for (const r of remarks) out.push(`${r.section}: ${r.name}: ${r.note ?? ''}`);
  return out.join('\n');
}

/** Every binding target of a database's rows (whatever section they come from), MET / NOT MET, with a count. */
export function renderSummary(kind: DbKind, rows: readonly Row[]): { text: string; met: number; total: number } {
  const lines = summarize(rows);
  const met = lines.filter((l) => l.met).length;
  const body = lines.map((l) => [l.met ? 'MET' : 'NOT MET', l.label, l.subject, l.section, l.actual]);
  const text =
    lines.length === 0
      ? `Targets on ${DB_LABEL[kind]}: none measured`
      : `Targets on ${DB_LABEL[kind]}: ${met} of ${lines.length} met\n${table(['result', 'target', 'subject', 'section', 'measured'], body, new Set())}`;
  return { text, met, total: lines.length };
}

function range(values: Array<number | null>, digits: number): string {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) return '—';
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return lo.toFixed(digits) === hi.toFixed(digits) ? `${fmt(lo, digits)} ms` : `${fmt(lo, digits)}–${fmt(hi, digits)} ms`;
}

/** Statements one request sends, from the query profiles (rows of section `queries` named like the endpoint). */
function statementsOf(rows: readonly Row[], name: string): string {
  const p = rows.find((r) => r.section === 'queries' && r.name === name);
  const q = p?.details?.queries;
  if (!Array.isArray(q)) return '—';
  // A profiled request the response cache answered sent no SQL of its own: BENCH_CACHE=0 gives the uncached count.
  return p?.details?.cache === 'hit' ? `${q.length} (cache hit)` : String(q.length);
}

/**
 * The issue's table, as Markdown: per endpoint req/s at each connection count, its share of the ceiling,
 * node and PostgreSQL CPU per request (the range over the connection counts), statements per request and
 * the cache's answers.
 */
export function renderIssueTable(kind: DbKind, rows: readonly Row[], connections: readonly number[]): string {
  const http = rows.filter((r) => r.unit === 'req/s' && r.throughput !== null && typeof r.details?.kind === 'string');
  const names = [...new Set(http.map((r) => r.name))];
  const conn = connections.join(' / ');
  const out = [
    `| endpoint (${DB_LABEL[kind]}) | req/s ${conn} conn | share of \`/api/hello\` | node CPU / req | PostgreSQL CPU / req | statements | cache |`,
    '|---|---|---|---|---|---|---|',
  ];
  for (const name of names) {
    const runs = connections.map((c) => http.find((r) => r.name === name && r.connections === c));
    const isCeiling = runs.some((r) => r?.details?.kind === 'ceiling');
    const cache = runs.map((r) => cacheText(r?.cache)).filter((t, i, all) => all.indexOf(t) === i && t !== '—');
    out.push(
      `| \`${name}\` | ${runs.map((r) => fmt(r?.throughput ?? null)).join(' / ')} | ` +
        `${isCeiling ? '100 %' : `${runs.map((r) => fmt(r?.ratioPct ?? null)).join(' / ')} %`} | ` +
        `${range(runs.map((r) => r?.appCpuMsPerOp ?? null), 2)} | ${kind === 'postgres' ? range(runs.map((r) => r?.dbCpuMsPerOp ?? null), 2) : 'in node'} | ` +
        `${isCeiling ? '0' : statementsOf(rows, name)} | ${cache.join(', ') || '—'} |`,
    );
  }
  return out.join('\n');
}

export async function writeResults(dir: string, stamp: string, data: unknown): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${stamp}.json`);
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

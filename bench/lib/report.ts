/** Console tables and the JSON results file. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DbKind, Row } from './types';

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

export function targetText(row: Row): string {
  if (row.targets.length === 0) return '—';
  return row.targets.map((t) => `${t.label}: ${t.met ? 'met' : 'NOT MET'} (${t.actual})`).join('; ');
}

/** The measured rows of one database as a table, then the rows that are remarks only (e.g. query profiles). */
export function renderRows(kind: DbKind, rows: readonly Row[]): string {
  const measured = rows.filter((r) => r.throughput !== null);
  const remarks = rows.filter((r) => r.throughput === null);
  const out: string[] = [];
  if (measured.length > 0) {
    const headers = ['section', 'endpoint', 'conn', 'rate/s', 'p50 ms', 'p99 ms', '% ceiling', 'CPU ms/op app', 'db', 'non-2xx/err', `targets${kind === 'postgres' ? '' : ' (reference only: they apply to PostgreSQL)'}`];
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
      `${r.non2xx}/${r.errors}`,
      targetText(r) + (r.note ? `  [${r.note}]` : ''),
    ]);
    out.push(table(headers, body, new Set([2, 3, 4, 5, 6, 7, 8, 9])));
  }
  for (const r of remarks) out.push(`${r.section}: ${r.name}: ${r.note ?? ''}`);
  return out.join('\n');
}

export async function writeResults(dir: string, stamp: string, data: unknown): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${stamp}.json`);
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

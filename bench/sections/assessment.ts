/**
 * Assessment benchmarks (no database): scoring 10,000 random complete answer sets with the pure engine
 * (validate + score + level), and rendering 100 PDF reports. Target: report p50 < 300 ms.
 */
import { assess, getCatalog, randomCompleteAnswers, seededRng } from '../../src/core/assessment';
import { measureReports } from '../../src/server/modules/reports/measure';
import { emptyRow, type Row, type Section } from '../lib/types';

const SCORED = 10_000;
const REPORTS = 100;

function scoringRow(): Row {
  const catalog = getCatalog('2024');
  const rng = seededRng(2024);
  const sets = Array.from({ length: SCORED }, () => randomCompleteAnswers(catalog, rng));
  for (const a of sets.slice(0, 200)) assess(catalog, a); // warm-up
  const times: number[] = [];
  let invalid = 0;
  const start = performance.now();
  for (const answers of sets) {
    const t0 = performance.now();
    const r = assess(catalog, answers);
    times.push(performance.now() - t0);
    if (!r.valid) invalid += 1;
  }
  const elapsed = performance.now() - start;
  times.sort((a, b) => a - b);
  const row = emptyRow('assessment', `score ${SCORED.toLocaleString('en')} random complete answer sets (validate + score + level)`, 'sets/s');
  return {
    ...row,
    throughput: Math.round((SCORED / elapsed) * 1000),
    p50Ms: times[Math.floor(times.length * 0.5)] ?? null,
    p99Ms: times[Math.floor(times.length * 0.99)] ?? null,
    meanMs: elapsed / SCORED,
    total: SCORED,
    // A generated set that fails validation would be a broken benchmark.
    errors: invalid,
  };
}

async function reportRow(): Promise<Row> {
  const m = await measureReports(REPORTS);
  const row = emptyRow('assessment', `render ${REPORTS} PDF reports (diagnosis and evaluation, all levels)`, 'reports/s');
  return {
    ...row,
    throughput: m.p50 > 0 ? Math.round((1000 / m.p50) * 10) / 10 : null,
    p50Ms: m.p50,
    p99Ms: m.p99,
    appCpuMsPerOp: m.cpuP50,
    total: REPORTS,
    targets: [{ label: 'p50 < 300 ms', met: m.p50 < 300, actual: `${m.p50.toFixed(0)} ms` }],
    note: `mean ${(m.bytes / 1024).toFixed(0)} KB; CPU p50 ${m.cpuP50.toFixed(0)} ms, p99 ${m.cpuP99.toFixed(0)} ms`,
    details: { ...m },
  };
}

export const assessmentSection: Section = {
  name: 'assessment',
  once: true,
  async run() {
    return [scoringRow(), await reportRow()];
  },
};

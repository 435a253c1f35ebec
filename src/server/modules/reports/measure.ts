/**
 * Rendering benchmark: renders `n` sample reports (diagnosis and evaluation, all levels, both locales)
 * one after another and returns the 50th / 99th percentile time per report in milliseconds and the mean
 * size in bytes. Model building is not timed; the first (font-loading) render is a warm-up, not counted.
 *
 *   npx tsx src/server/modules/reports/measure.ts 100
 */
import { pathToFileURL } from 'node:url';
import type { DigitalLevel } from '../../../core/assessment';
import { renderReportPdf } from './pdf';
import type { ReportModel } from './model';
import { buildSampleReportModel } from './sample';

export interface ReportTimings {
  /** Wall-clock milliseconds per report. */
  p50: number;
  p99: number;
  /** Mean PDF size. */
  bytes: number;
  /** CPU milliseconds (user + system) per report: less sensitive than wall time to other load on the machine. */
  cpuP50: number;
  cpuP99: number;
}

const LEVELS: readonly DigitalLevel[] = [0, 1, 2, 3, 4];

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export async function measureReports(n: number): Promise<ReportTimings> {
  const models: ReportModel[] = [];
  for (const kind of ['diagnosis', 'evaluation'] as const) {
    for (const level of LEVELS) models.push(buildSampleReportModel({ kind, level }));
  }
  const first = models[0];
  if (first) await renderReportPdf(first); // warm-up: reads and parses the fonts
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i += 1) {
    const model = models[i % models.length];
    if (!model) continue;
    const locale = i % 4 === 3 ? 'en' : 'zh-CN';
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const pdf = await renderReportPdf(model, { locale });
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    bytes += pdf.length;
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return {
    p50: round(percentile(times, 50)),
    p99: round(percentile(times, 99)),
    bytes: Math.round(bytes / Math.max(1, times.length)),
    cpuP50: round(percentile(cpuTimes, 50)),
    cpuP99: round(percentile(cpuTimes, 99)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 100);
  const timings = await measureReports(Number.isFinite(n) && n > 0 ? n : 100);
  console.log(JSON.stringify(timings));
}

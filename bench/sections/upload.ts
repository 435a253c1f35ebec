/**
 * One large upload into a material slot over a real HTTP connection: an enterprise uploads a generated PDF
 * (BENCH_UPLOAD_MB, default 50 MiB) into `diagnosis.systems` of its project in institutionDiagnosis
 * (POST /api/v1/projects/:id/materials/:slotKey, multipart field `file`), stored by the disk store under this
 * run's FILES_DIR. The client is a child process (bench/lib/upload-client.ts), so this process's memory is the
 * server's: its RSS is sampled every 10 ms before, during and after each upload — the claim checked is that it
 * stays flat (the upload pipeline holds one chunk at a time, whatever the file's size). BENCH_UPLOAD_RUNS
 * uploads (default 2, different content each: the second shows whether every upload leaves memory behind),
 * after a 1 MiB warm-up upload (code loaded on first use).
 * Each is then checked: 201, the size the server recorded, and the blob on disk with the client's SHA-256.
 */
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mainThreadCpuMs } from '../lib/cpu';
import { signIn } from '../lib/server';
import { emptyRow, type Row, type Section, type SignedIn } from '../lib/types';
import { ensureWorkload } from '../lib/workload';
import type { UploadRequest, UploadResponse } from '../lib/upload-client';

const SLOT = 'diagnosis.systems';
const MIB = 1024 * 1024;
const SAMPLE_MS = 10;
const WARMUP_BYTES = 1 * MIB;
const CLIENT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'upload-client.ts');

const run = promisify(execFile);

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number) => Math.round((bytes / MIB) * 10) / 10;

interface MemorySample {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

function memory(): MemorySample {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

/** Peaks of every field while `fn` runs, sampled every SAMPLE_MS on this (the server's) event loop. */
async function withPeaks<T>(fn: () => Promise<T>): Promise<{ value: T; peak: MemorySample; samples: number }> {
  const peak = memory();
  let samples = 0;
  const timer = setInterval(() => {
    const m = memory();
    samples += 1;
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
    peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
  }, SAMPLE_MS);
  try {
    const value = await fn();
    return { value, peak, samples };
  } finally {
    clearInterval(timer);
  }
}

/** One upload from the child process, with this process's memory before, at its peak and 1 s after. */
async function uploadOnce(base: string, uploader: SignedIn, bytes: number, fileName: string) {
  await sleep(500);
  const before = memory();
  const cpu0 = mainThreadCpuMs();
  const request: UploadRequest = { url: `${base}/${encodeURIComponent(SLOT)}`, cookie: uploader.cookie, csrfToken: uploader.csrfToken, bytes, fileName };
  const { value: res, peak, samples } = await withPeaks(async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', CLIENT, JSON.stringify(request)], { maxBuffer: 1024 * 1024 });
    return JSON.parse(stdout.trim()) as UploadResponse;
  });
  const cpuMs = cpu0 === null ? null : (mainThreadCpuMs() ?? cpu0) - cpu0;
  await sleep(1_000);
  return { res, before, peak, after: memory(), samples, cpuMs };
}

export const uploadSection: Section = {
  name: 'upload',
  async run(ctx) {
    const bytes = Math.round(envNumber('BENCH_UPLOAD_MB', 50) * MIB);
    const runs = Math.round(envNumber('BENCH_UPLOAD_RUNS', 2));
    const w = await ensureWorkload(ctx.handle, ctx.seed);
    const uploader = await signIn(ctx.baseUrl, w.uploader.account, w.uploader.password);
    const base = `${ctx.baseUrl}/api/v1/projects/${w.uploader.projectId}/materials`;

    // The slot's limit as the server announces it (the slot's own, capped by UPLOAD_MAX_MB).
    const checklist = (await (await fetch(base, { headers: { cookie: uploader.cookie } })).json()) as { slots?: Array<{ key: string; maxBytes: number }> };
    const slot = checklist.slots?.find((s) => s.key === SLOT);
    if (!slot) throw new Error(`the checklist of the upload project has no slot ${SLOT}: ${JSON.stringify(checklist).slice(0, 300)}`);
    if (bytes > slot.maxBytes) {
      throw new Error(`BENCH_UPLOAD_MB: ${mib(bytes)} MiB is above the slot's limit of ${mib(slot.maxBytes)} MiB (the slot's own, capped by UPLOAD_MAX_MB)`);
    }
    ctx.log(`  ${SLOT}: limit ${mib(slot.maxBytes)} MiB; uploading ${mib(bytes)} MiB × ${runs} from a child process; files in ${ctx.filesDir}`);

    // A small upload first, so that code loaded on first use (multipart, type sniffing) is not counted in the first
    // measured upload. (The first large upload of a process still grows RSS once, by the same amount for 50 and
    // 100 MiB: heap and allocator pools reaching their working size; later uploads add next to nothing.)
    const warm = await uploadOnce(base, uploader, WARMUP_BYTES, 'warm-up.pdf');
    ctx.log(`  warm-up ${mib(WARMUP_BYTES)} MiB: HTTP ${warm.res.status}; server RSS ${mib(warm.before.rss)} → peak ${mib(warm.peak.rss)} → ${mib(warm.after.rss)} MiB after`);
    if (warm.res.status !== 201) throw new Error(`warm-up upload: HTTP ${warm.res.status} ${warm.res.body.slice(0, 300)}`);

    const rows: Row[] = [];
    for (let i = 1; i <= runs; i += 1) {
      const { res, before, peak, after, samples, cpuMs } = await uploadOnce(base, uploader, bytes, `系统设备清单-${i}.pdf`);
      if (res.status !== 201) throw new Error(`upload ${i}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
      const view = JSON.parse(res.body) as { size?: number; kind?: string; fileName?: string };
      if (view.size !== bytes || view.kind !== 'pdf') throw new Error(`upload ${i}: the server recorded ${JSON.stringify(view).slice(0, 300)}, expected a pdf of ${bytes} bytes`);
      const blob = path.join(ctx.filesDir, res.sha256.slice(0, 2), res.sha256.slice(2, 4), res.sha256);
      const onDisk = await stat(blob).catch(() => null);
      if (!onDisk || onDisk.size !== bytes) throw new Error(`upload ${i}: blob ${blob} ${onDisk ? `has ${onDisk.size} bytes` : 'is missing'} (expected ${bytes})`);
      const leftovers = await readdir(path.join(ctx.filesDir, 'tmp')).catch(() => [] as string[]);

      const seconds = res.totalMs / 1000;
      const mbPerSec = bytes / MIB / seconds;
      const growth = peak.rss - before.rss;
      const note = `RSS ${mib(before.rss)} → peak ${mib(peak.rss)} (+${mib(growth)}) → ${mib(after.rss)} MiB after`;
      ctx.log(
        `  upload ${i}: ${mib(bytes)} MiB in ${seconds.toFixed(2)} s = ${mbPerSec.toFixed(1)} MiB/s; server ${note}; ` +
          `heap peak ${mib(peak.heapUsed)} MiB, external peak ${mib(peak.external)} MiB, arrayBuffers peak ${mib(peak.arrayBuffers)} MiB (${samples} samples); ` +
          `server main thread CPU ${cpuMs === null ? '?' : Math.round(cpuMs)} ms; client RSS max ${mib(res.clientMaxRssBytes)} MiB`,
      );
      rows.push({
        ...emptyRow('upload', `POST …/materials/${SLOT} (${mib(bytes)} MiB PDF, #${i})`, 'MiB/s'),
        connections: 1,
        throughput: mbPerSec,
        meanMs: res.totalMs,
        appCpuMsPerOp: cpuMs,
        total: 1,
        note,
        details: {
          bytes,
          seconds,
          sendMs: res.sendMs,
          sha256: res.sha256,
          slotMaxBytes: slot.maxBytes,
          memoryBefore: before,
          memoryPeak: peak,
          memoryAfter: after,
          rssGrowthBytes: growth,
          samples,
          sampleMs: SAMPLE_MS,
          serverCpuMs: cpuMs,
          clientMaxRssBytes: res.clientMaxRssBytes,
          tmpLeftovers: leftovers.length,
          warmupRssBytes: { bytes: WARMUP_BYTES, before: warm.before.rss, peak: warm.peak.rss, after: warm.after.rss },
        },
      });
    }
    return rows;
  },
};

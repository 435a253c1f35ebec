/**
 * Which file store the platform uses, from environment-like options:
 * - nothing set → local disk under `FILES_DIR` (default `DATA_DIR/files`, i.e. `./data/files`);
 * - `S3_ENDPOINT` or `S3_BUCKET` set → an S3-compatible object store; then `S3_BUCKET`, `S3_ACCESS_KEY_ID`
 *   and `S3_SECRET_ACCESS_KEY` are required, `S3_REGION` defaults to us-east-1, path-style addressing is on
 *   unless `S3_FORCE_PATH_STYLE=0`.
 * `UPLOAD_MAX_MB` is the default limit of one upload (50); a material slot may set a smaller one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskFileStore } from './disk-store';
import { S3FileStore, type S3StoreOptions } from './s3-store';
import type { FileStore } from './types';

export interface FileStoreEnv {
  DATA_DIR?: string | undefined;
  FILES_DIR?: string | undefined;
  S3_ENDPOINT?: string | undefined;
  S3_BUCKET?: string | undefined;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
  S3_REGION?: string | undefined;
  S3_FORCE_PATH_STYLE?: string | undefined;
  S3_CREATE_BUCKET?: string | undefined;
  UPLOAD_MAX_MB?: string | undefined;
}

export type FileStoreConfig =
  | { kind: 'disk'; root: string; maxUploadBytes: number }
  | ({ kind: 's3'; maxUploadBytes: number } & Required<S3StoreOptions>);

export const DEFAULT_UPLOAD_MAX_MB = 50;

export class FileStoreConfigError extends Error {
  override name = 'FileStoreConfigError';
}

function flag(v: string | undefined, fallback: boolean): boolean {
  if (v === undefined || v === '') return fallback;
  return v === '1' || v.toLowerCase() === 'true';
}

function set(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export function parseFileStoreEnv(env: FileStoreEnv): FileStoreConfig {
  const rawMax = set(env.UPLOAD_MAX_MB);
  const maxMb = rawMax === undefined ? DEFAULT_UPLOAD_MAX_MB : Number(rawMax);
  if (!Number.isFinite(maxMb) || maxMb <= 0 || maxMb > 4096) throw new FileStoreConfigError('UPLOAD_MAX_MB must be a number of megabytes between 0 and 4096');
  const maxUploadBytes = Math.floor(maxMb * 1024 * 1024);

  if (set(env.S3_ENDPOINT) || set(env.S3_BUCKET)) {
    const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !set(env[k]));
    if (missing.length > 0) throw new FileStoreConfigError(`The S3 file store needs ${missing.join(', ')}`);
    const endpoint = set(env.S3_ENDPOINT);
    if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) throw new FileStoreConfigError('S3_ENDPOINT must be an http(s) URL');
    return {
      kind: 's3',
      endpoint,
      bucket: set(env.S3_BUCKET) as string,
      accessKeyId: set(env.S3_ACCESS_KEY_ID) as string,
      secretAccessKey: set(env.S3_SECRET_ACCESS_KEY) as string,
      region: set(env.S3_REGION) ?? 'us-east-1',
      forcePathStyle: flag(env.S3_FORCE_PATH_STYLE, true),
      createBucket: flag(env.S3_CREATE_BUCKET, false),
      maxUploadBytes,
    };
  }

  const explicit = set(env.FILES_DIR);
  const dataDir = set(env.DATA_DIR) ?? './data';
  // an in-memory database (tests) keeps its files in a fresh temporary directory
  const root = explicit ?? (dataDir.startsWith('memory://') ? mkdtempSync(join(tmpdir(), 'zs-files-')) : join(dataDir, 'files'));
  return { kind: 'disk', root, maxUploadBytes };
}

export function createFileStoreFromConfig(config: FileStoreConfig): FileStore {
  if (config.kind === 'disk') return new DiskFileStore(config.root);
  return new S3FileStore(config);
}

/** The file store the environment asks for (see the top of this file). */
export function createFileStore(env: FileStoreEnv): FileStore {
  return createFileStoreFromConfig(parseFileStoreEnv(env));
}

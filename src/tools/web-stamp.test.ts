import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledInputs, checkStamp, makeStamp, STAMP_FILE } from './web-stamp';

let root: string;
const out = () => path.join(root, 'dist', 'web');
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};
/** A build: index.html in dist/web and the stamp of the given bundled modules. */
const build = (moduleIds: string[]) => {
  write('dist/web/index.html', '<html></html>');
  writeFileSync(path.join(out(), STAMP_FILE), JSON.stringify(makeStamp(root, moduleIds)));
};

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'zs-stamp-'));
  for (const f of ['index.html', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json']) write(f, f);
  write('src/web/main.tsx', 'main');
  write('src/core/money.ts', 'money');
  write('src/core/unused.ts', 'unused');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('web build stamp', () => {
  it('keeps repository files outside src/web, without node_modules, queries or virtual modules', () => {
    const ids = [
      path.join(root, 'src/core/money.ts'),
      `${path.join(root, 'src/core/money.ts')}?used`,
      path.join(root, 'src/web/main.tsx'),
      path.join(root, 'node_modules/antd/es/index.js'),
      '\0vite/preload-helper.js',
      '/elsewhere/file.ts',
    ];
    expect(bundledInputs(root, ids)).toEqual(['src/core/money.ts']);
  });

  it('is missing before a build and without a stamp', () => {
    expect(checkStamp(root, out())).toMatchObject({ upToDate: false, reason: 'no build' });
    write('dist/web/index.html', '<html></html>');
    expect(checkStamp(root, out())).toMatchObject({ upToDate: false, reason: 'no stamp' });
  });

  it('matches after a build while nothing changed', () => {
    build([path.join(root, 'src/core/money.ts')]);
    expect(checkStamp(root, out()).upToDate).toBe(true);
  });

  it.each([
    ['a web source changes', () => write('src/web/main.tsx', 'main 2')],
    ['a new file appears under src/web', () => write('src/web/lib/new.ts', 'new')],
    ['a bundled module outside src/web changes', () => write('src/core/money.ts', 'money 2')],
    ['a bundled module is removed', () => unlinkSync(path.join(root, 'src/core/money.ts'))],
    ['the lockfile changes', () => write('package-lock.json', 'other versions')],
    ['the bundler config changes', () => write('vite.config.ts', 'other config')],
  ])('no longer matches when %s', (_name, change) => {
    build([path.join(root, 'src/core/money.ts')]);
    change();
    expect(checkStamp(root, out())).toMatchObject({ upToDate: false, reason: 'changed' });
  });

  it('ignores files the build did not bundle', () => {
    build([path.join(root, 'src/core/money.ts')]);
    write('src/core/unused.ts', 'unused 2');
    expect(checkStamp(root, out()).upToDate).toBe(true);
  });

  it('treats a corrupt stamp as none', () => {
    build([]);
    writeFileSync(path.join(out(), STAMP_FILE), '{not json');
    expect(checkStamp(root, out())).toMatchObject({ upToDate: false, reason: 'no stamp' });
  });
});

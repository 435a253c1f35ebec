/**
 * Every text a user sees exists in Simplified Chinese and in English: the two dictionaries have exactly the
 * same keys, no value is empty, interpolation placeholders match, and every key the code uses exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { en } from './en';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const zh = flatten(zhCN as Tree);
const english = flatten(en as Tree);

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('i18n parity (zh-CN ↔ en)', () => {
  it('has every zh-CN key in English', () => {
    const missing = [...zh.keys()].filter((k) => !english.has(k));
    expect(missing).toEqual([]);
  });

  it('has every English key in zh-CN', () => {
    const missing = [...english.keys()].filter((k) => !zh.has(k));
    expect(missing).toEqual([]);
  });

  it('has no empty text in either language', () => {
    const empty = [...zh, ...english].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const differ = [...zh.keys()].filter((k) => english.has(k) && placeholders(zh.get(k) ?? '').join() !== placeholders(english.get(k) ?? '').join());
    expect(differ).toEqual([]);
  });

  it('has a translation for every static key the web app uses', () => {
    const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') && !p.includes(`${path.sep}i18n${path.sep}`)) files.push(p);
      }
    };
    walk(webDir);
    const used = new Set<string>();
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) if (m[1]) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    const unknown = [...used].filter((k) => !zh.has(k) || !english.has(k));
    expect(unknown).toEqual([]);
  });
});

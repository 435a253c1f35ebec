/**
 * The 'assessment' namespace exists completely in Simplified Chinese and in English: same keys, no empty
 * text, same {{placeholders}}, and every key the assessment pages use is defined.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessmentZh } from './messages.zh-CN';
import { assessmentEn } from './messages.en';

type Tree = { readonly [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const zh = flatten(assessmentZh);
const en = flatten(assessmentEn);

const placeholders = (s: string): string => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort().join(',');

describe("i18n namespace 'assessment' (zh-CN ↔ en)", () => {
  it('has every zh-CN key in English', () => {
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
  });

  it('has every English key in zh-CN', () => {
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('has no empty text', () => {
    expect([...zh, ...en].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('uses the same {{placeholders}} in both languages', () => {
    expect([...zh.keys()].filter((k) => placeholders(zh.get(k) ?? '') !== placeholders(en.get(k) ?? ''))).toEqual([]);
  });

  it('defines every key the assessment pages use', () => {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const used = new Set<string>();
    for (const name of readdirSync(dir)) {
      if (!/\.tsx?$/.test(name) || name.endsWith('.test.ts') || name.startsWith('messages.')) continue;
      const src = readFileSync(path.join(dir, name), 'utf8');
      for (const m of src.matchAll(/\bat\(\s*'([a-zA-Z0-9_.]+)'/g)) if (m[1]) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((k) => !zh.has(k) || !en.has(k))).toEqual([]);
  });
});

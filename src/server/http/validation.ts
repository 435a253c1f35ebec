/**
 * Field-level validation messages in both languages, from zod issues.
 * A schema can carry its own bilingual message with `bi('中文', 'English')`.
 */
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import en from 'zod/v4/locales/en.js';
import type { Locale, Text } from '../../core/text';

const zh = zhCN();
const english = en();

type Issue = z.core.$ZodIssue;

const MARK = 'i18n:';

/** A bilingual message for any zod check (`.min(1, bi(...))`, `.refine(fn, bi(...))`), carried in the issue's message. */
export function bi(zhText: string, enText: string): { message: string } {
  return { message: MARK + JSON.stringify({ zh: zhText, en: enText }) };
}

function fromMarked(message: string | undefined): Text | null {
  if (!message?.startsWith(MARK)) return null;
  try {
    const v = JSON.parse(message.slice(MARK.length)) as Partial<Text>;
    if (typeof v.zh === 'string' && typeof v.en === 'string') return { zh: v.zh, en: v.en };
  } catch {
    // not ours
  }
  return null;
}

export function issueText(issue: Issue): Text {
  const own = fromMarked(issue.message);
  if (own) return own;
  if (issue.code === 'unrecognized_keys') {
    return { zh: `不允许的字段：${issue.keys.join('、')}`, en: `Unknown field(s): ${issue.keys.join(', ')}` };
  }
  if (issue.code === 'invalid_type') {
    const expected = String(issue.expected);
    return { zh: `类型不正确，应为 ${expected}`, en: `Wrong type: expected ${expected}` };
  }
  const raw = issue as unknown as Parameters<typeof zh.localeError>[0];
  return { zh: localized(zh.localeError, raw, issue.message), en: localized(english.localeError, raw, issue.message) };
}

function localized(fn: (i: never) => string | { message: string } | undefined | null, raw: unknown, fallback: string): string {
  try {
    const m = fn(raw as never);
    return typeof m === 'string' ? m : (m?.message ?? fallback);
  } catch {
    return fallback;
  }
}

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export function fieldErrors(issues: readonly Issue[], locale: Locale, prefix = ''): FieldError[] {
  return issues.map((issue) => {
    const text = issueText(issue);
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return { path, code: issue.code, message: locale === 'en' ? text.en : text.zh };
  });
}

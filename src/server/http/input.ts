/**
 * One rule for all input: text the database cannot store is refused with a 400 before validation.
 *
 * PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate (`"\ud800"` in JSON) is either turned
 * into U+FFFD on the way to the database or rejected by jsonb. Both are refused wherever they appear —
 * body, query string, path parameters, nested values and object keys — with a field-level code.
 * Bodies must be valid UTF-8 (no silent U+FFFD replacement) and URLs well-formed percent-encoding.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Locale, Text } from '../../core/text';
import { AppError } from './errors';
import type { FieldError } from './validation';

export const UNSTORABLE_CHAR = 'UNSTORABLE_CHAR';

const UNSTORABLE_TEXT: Text = {
  zh: '含有无法保存的字符（空字符 U+0000 或不成对的代理字符），请删除后重试',
  en: 'Contains a character that cannot be stored (NUL U+0000 or an unpaired surrogate); remove it and retry',
};

/** NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is refused
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** Shows an unstorable key in a field path without the character itself. */
function printableKey(key: string): string {
  // eslint-disable-next-line no-control-regex -- shows NUL as \u0000
  return key.replace(/[\u0000\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const MAX_REPORTED = 20;

/** Paths (dot-joined, like validation errors) of every string or key that cannot be stored. Iterative: deep JSON is fine. */
export function unstorablePaths(value: unknown, prefix: string[] = []): string[] {
  const found: string[] = [];
  const stack: Array<{ v: unknown; path: string[] }> = [{ v: value, path: prefix }];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableText(v)) found.push(path.join('.'));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, String(i)] });
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        if (!isStorableText(k)) {
          found.push([...path, printableKey(k)].join('.'));
          continue;
        }
        stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
      }
    }
  }
  return found;
}

export function unstorableFieldErrors(paths: readonly string[], locale: Locale): FieldError[] {
  const message = locale === 'en' ? UNSTORABLE_TEXT.en : UNSTORABLE_TEXT.zh;
  return paths.map((path) => ({ path, code: UNSTORABLE_CHAR, message }));
}

/** Throws VALIDATION_FAILED with one UNSTORABLE_CHAR field error per offending value. For input read outside the hook (e.g. multipart fields). */
export function assertStorable(value: unknown, locale: Locale, prefix: string[] = []): void {
  const paths = unstorablePaths(value, prefix);
  if (paths.length > 0) throw new AppError('VALIDATION_FAILED', { details: { fields: unstorableFieldErrors(paths, locale) } });
}

/** The preValidation rule: after parsing, before any schema. Paths follow the validation errors' convention. */
export function checkRequestInput(req: FastifyRequest): void {
  const paths = [
    ...unstorablePaths(req.params, ['params']),
    ...unstorablePaths(req.query, ['querystring']),
    ...unstorablePaths(req.body, []),
  ];
  if (paths.length > 0) throw new AppError('VALIDATION_FAILED', { details: { fields: unstorableFieldErrors(paths, req.locale) } });
}

/**
 * The raw URL must be ASCII with well-formed percent-encoding of UTF-8. The router already refuses
 * a bad path parameter; the query-string parser would otherwise keep malformed escapes as raw text.
 */
export function isWellFormedUrl(url: string): boolean {
  if (/[^\u0021-\u007e]/.test(url)) return false;
  if (!url.includes('%')) return true;
  try {
    decodeURIComponent(url);
    return true;
  } catch {
    return false;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies: checked to be valid UTF-8 before parsing (Fastify would decode invalid bytes as U+FFFD),
 * then parsed by Fastify's own parser (prototype-poisoning protection kept).
 */
export function installJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError('INVALID_ENCODING'), undefined);
      return;
    }
    parse(req, text, done);
  });
}

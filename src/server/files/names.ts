/**
 * File names as users give them are only labels: they are shown and offered on download, never used as a
 * path. `sanitizeFileName` keeps them readable (Chinese stays Chinese) and harmless on every system.
 */

const MAX_NAME_BYTES = 180;
const MAX_EXT_CHARS = 10;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** C0/C1 controls, bidirectional overrides (which can disguise `exe` as `pdf`), zero-width marks, BOM. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const FORBIDDEN = /[<>:"/\\|?*]/g;

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

function truncateBytes(s: string, maxBytes: number): string {
  let out = '';
  for (const ch of s) {
    if (utf8Length(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

export function sanitizeFileName(name: string, fallback = 'file'): string {
  let s = String(name ?? '').normalize('NFC').replace(INVISIBLE, '');
  // the last path segment only, whichever separator the uploading system used
  s = s.split(/[/\\]/).pop() ?? '';
  s = s.replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim();
  // no hidden files or '..', and nothing Windows would silently drop at the end
  s = s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (s === '') return fallback;
  const dot = s.lastIndexOf('.');
  let base = dot > 0 ? s.slice(0, dot) : s;
  let ext = dot > 0 ? s.slice(dot + 1) : '';
  if (Array.from(ext).length > MAX_EXT_CHARS) {
    base = s;
    ext = '';
  }
  const stem = base.split('.')[0] ?? base;
  if (WINDOWS_RESERVED.test(stem.trim())) base = `_${base}`;
  const suffix = ext ? `.${ext}` : '';
  base = truncateBytes(base, MAX_NAME_BYTES - utf8Length(suffix)).trim();
  return base === '' ? fallback + suffix : base + suffix;
}

/**
 * A Content-Disposition header value for `name`: an ASCII fallback plus the UTF-8 name (RFC 6266 / 5987),
 * so browsers save Chinese names correctly.
 */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const safe = sanitizeFileName(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

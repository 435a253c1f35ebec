import { ApiError } from '../api/client';
import { useLang } from '../i18n';
import type { Text } from '../../core/text';

function isText(v: unknown): v is Text {
  return typeof v === 'object' && v !== null && typeof (v as Text).zh === 'string' && typeof (v as Text).en === 'string';
}

/** Pulls a readable list out of an error's details (missing materials, failed conditions, field problems). */
export function detailLines(err: unknown, pick: (t: Text) => string): string[] {
  if (!(err instanceof ApiError)) return [];
  const out: string[] = [];
  const d = err.details;
  if (typeof d !== 'object' || d === null) return out;
  // Only lists meant for people: role ids and other machine details stay out.
  const LISTS = ['fields', 'missing', 'missingMaterials', 'failures', 'reasons', 'problems', 'guards'];
  for (const [key, value] of Object.entries(d as Record<string, unknown>)) {
    if (!LISTS.includes(key) || !Array.isArray(value)) continue;
    for (const item of value) {
      if (typeof item === 'string') out.push(item);
      else if (isText(item)) out.push(pick(item));
      else if (typeof item === 'object' && item !== null) {
        const rec = item as Record<string, unknown>;
        const candidate = rec.message ?? rec.label ?? rec.reason ?? rec.name;
        if (typeof candidate === 'string') out.push(candidate);
        else if (isText(candidate)) out.push(pick(candidate));
      }
    }
  }
  return [...new Set(out)];
}

/** The server's message followed by the specific items it listed. */
export function ErrorDetails({ error }: { error: unknown }) {
  const { tx } = useLang();
  const lines = detailLines(error, tx);
  if (lines.length === 0) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

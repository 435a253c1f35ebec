/**
 * Pure helpers of the project page's parts (no React, no i18n instance): button styles from an action's kind,
 * why an action is disabled, reports grouped by kind, revision values as text. Unit-tested in ProjectActions.test.ts.
 */
import type { ProjectAction, ProjectReport, RevisionItem } from '../api/types';
import { yuanText } from '../lib/money';
import type { Text } from '../../core/text';

/** antd button props for an action's kind (from the table): primary → primary, danger → danger, neutral → default. */
export function buttonPropsOf(kind: ProjectAction['kind']): { type: 'primary' | 'default'; danger: boolean } {
  return { type: kind === 'primary' ? 'primary' : 'default', danger: kind === 'danger' };
}

/**
 * Why an action cannot be taken now: its reasons (the server's materials reason already names the missing materials);
 * the missing materials by name only where no reason came with them.
 */
export function whyNot(a: ProjectAction, tx: (t: Text) => string, materialName: (key: string) => string, t: (key: 'workflow.actions.missingMaterials', o: { list: string }) => string): string[] {
  const out = a.reasons.map((r) => tx(r));
  if (a.missingMaterials.length > 0 && out.length === 0) out.push(t('workflow.actions.missingMaterials', { list: a.missingMaterials.map(materialName).join('、') }));
  return [...new Set(out)];
}

/** The report PDF opened in the browser (the material's inline download). */
export const reportPdfHref = (materialId: string) => `/api/v1/materials/${encodeURIComponent(materialId)}/download?inline=1`;

/** Reports of one kind, newest version first. */
export function reportsByKind(reports: readonly ProjectReport[]): Map<string, ProjectReport[]> {
  const out = new Map<string, ProjectReport[]>();
  for (const r of reports) out.set(r.kind, [...(out.get(r.kind) ?? []), r]);
  for (const list of out.values()) list.sort((a, b) => b.version - a.version);
  return out;
}

/** A revision's value as text: amounts in fen as yuan, empty as 「（空）」, anything else as given. */
export function valueText(field: string, v: unknown, empty: string, yuan: string): string {
  if (v === null || v === undefined || v === '') return empty;
  if (field.endsWith('Fen') && typeof v === 'number') return yuanText(v, yuan);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The edit revisions (changes of a published filing) that changed something, newest first. */
export function editRevisions(list: readonly RevisionItem[]): RevisionItem[] {
  return list.filter((r) => r.kind === 'edit' && r.diff.length > 0).sort((a, b) => b.revision - a.revision);
}

/**
 * The version registry: every workflow object stores the id of the table it runs on (`workflow_version`), and the
 * server looks the table up here — never a constant. A new flowchart version, or a test's alternative table, is
 * registered and served by the same code.
 */
import {
  CATALOG_ENTRY_LIFECYCLE,
  PRODUCT_ENTRY_LIFECYCLE,
  DIAGNOSIS_REPORT_LIFECYCLE,
  EVALUATION_REPORT_LIFECYCLE,
  PROJECT_LIFECYCLE,
  SUBSIDY_REVIEW,
  TRANCHE_LIFECYCLE,
  BENCHMARK_LIFECYCLE,
  validateTable,
  type WorkflowTable,
} from '../../core/workflow';

/** The families of objects that run on a table; each has one current version new objects start on. */
export const OBJECT_KINDS = ['project', 'diagnosisReport', 'evaluationReport', 'catalogEntry', 'productEntry', 'subsidyReview', 'tranche', 'benchmark'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

const tables = new Map<string, { kind: ObjectKind; table: WorkflowTable }>();
const current = new Map<ObjectKind, string>();

/** Registers a table for `kind` (validated first); `makeCurrent` makes new objects of that kind start on it. */
export function registerTable(kind: ObjectKind, table: WorkflowTable, opts: { makeCurrent?: boolean } = {}): void {
  const problems = validateTable(table);
  if (problems.length > 0) throw new Error(`workflow table "${table.id}" is not sound:\n  ${problems.join('\n  ')}`);
  const known = tables.get(table.id);
  if (known && known.table !== table) throw new Error(`workflow table id "${table.id}" is registered twice`);
  tables.set(table.id, { kind, table });
  if (opts.makeCurrent || !current.has(kind)) current.set(kind, table.id);
}

/** The table a stored object runs on. An unknown version is a corrupt row (or a missing registration): it throws. */
export function tableFor(version: string): WorkflowTable {
  const entry = tables.get(version);
  if (!entry) throw new Error(`unknown workflow version "${version}"`);
  return entry.table;
}

export function hasTable(version: string): boolean {
  return tables.has(version);
}

/** The version new objects of `kind` start on. */
export function currentVersion(kind: ObjectKind): string {
  const id = current.get(kind);
  if (!id) throw new Error(`no workflow table registered for "${kind}"`);
  return id;
}

export function currentTable(kind: ObjectKind): WorkflowTable {
  return tableFor(currentVersion(kind));
}

/** Every registered table, for start-up validation and the tests that enumerate effects. */
export function registeredTables(): Array<{ kind: ObjectKind; table: WorkflowTable }> {
  return [...tables.values()];
}

/** Tables of a kind, e.g. to ask which states of every project version are end states. */
export function tablesOf(kind: ObjectKind): WorkflowTable[] {
  return [...tables.values()].filter((e) => e.kind === kind).map((e) => e.table);
}

registerTable('project', PROJECT_LIFECYCLE);
registerTable('diagnosisReport', DIAGNOSIS_REPORT_LIFECYCLE);
registerTable('evaluationReport', EVALUATION_REPORT_LIFECYCLE);
registerTable('catalogEntry', CATALOG_ENTRY_LIFECYCLE);
registerTable('productEntry', PRODUCT_ENTRY_LIFECYCLE);
registerTable('subsidyReview', SUBSIDY_REVIEW);
registerTable('tranche', TRANCHE_LIFECYCLE);
registerTable('benchmark', BENCHMARK_LIFECYCLE);

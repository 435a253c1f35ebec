/**
 * Which writes tell the caches what changed: the mirror of the triggers that migration
 * 0009_cache_change_feed.sql installs (test/integration/cache-tables.test.ts compares the two, and checks
 * that every table of the schema is named here exactly once, so a new table cannot be forgotten).
 *
 * Every write sends `pg_notify('zs_changes', tag)` at commit: `p:<project id>`, `u:<user id>` or `*`
 * (anything may have changed: every cache is dropped). A rolled-back write sends nothing.
 */

/** A tag's kind: `p` a project, `u` a user. */
export type TagPrefix = 'p' | 'u';

export interface RowTagged {
  /** The columns whose values name the tags of a row (old and new row on an update). */
  columns: ReadonlyArray<readonly [TagPrefix, string]>;
  /** A row whose tag columns are all null: `*` (flush everything) or nothing (no cached read shows it). */
  untagged: '*' | 'none';
}

/** Row-level triggers: each written row names the project / user it belongs to. */
export const ROW_TAGGED: Readonly<Record<string, RowTagged>> = {
  projects: { columns: [['p', 'id']], untagged: '*' },
  announcement_items: { columns: [['p', 'project_id']], untagged: '*' },
  assessments: { columns: [['p', 'project_id']], untagged: '*' },
  // The project page shows the project's history; events without a project (sign-ins, account care) are
  // shown only by account care, whose reads are not cached.
  audit_events: { columns: [['p', 'project_id']], untagged: 'none' },
  benchmark_recommendations: { columns: [['p', 'project_id']], untagged: '*' },
  benchmarks: { columns: [['p', 'project_id']], untagged: '*' },
  certificates: { columns: [['p', 'project_id']], untagged: '*' },
  conflict_declarations: { columns: [['p', 'project_id'], ['u', 'user_id']], untagged: '*' },
  contract_revisions: { columns: [['p', 'project_id']], untagged: '*' },
  contracts: { columns: [['p', 'project_id']], untagged: '*' },
  deadlines: { columns: [['p', 'project_id']], untagged: '*' },
  disbursement_tranches: { columns: [['p', 'project_id']], untagged: '*' },
  expert_reviews: { columns: [['p', 'project_id']], untagged: '*' },
  ledger_entries: { columns: [['p', 'project_id']], untagged: '*' },
  material_requests: { columns: [['p', 'project_id']], untagged: '*' },
  materials: { columns: [['p', 'project_id']], untagged: '*' },
  notifications: { columns: [['p', 'project_id'], ['u', 'user_id']], untagged: '*' },
  progress_notes: { columns: [['p', 'project_id']], untagged: '*' },
  project_revisions: { columns: [['p', 'project_id']], untagged: '*' },
  project_targets: { columns: [['p', 'project_id']], untagged: '*' },
  provider_choices: { columns: [['p', 'project_id']], untagged: '*' },
  provider_ratings: { columns: [['p', 'project_id']], untagged: '*' },
  subsidy_applications: { columns: [['p', 'project_id']], untagged: '*' },
  training_sessions: { columns: [['p', 'project_id']], untagged: '*' },
  workflow_objects: { columns: [['p', 'project_id']], untagged: '*' },
  workflow_transitions: { columns: [['p', 'project_id']], untagged: '*' },
  sessions: { columns: [['u', 'user_id']], untagged: '*' },
};

/**
 * The users table has its own trigger: every write sends `u:<id>` (that user's sessions and answers are
 * dropped), and `*` as well unless only these columns changed — the ones no other user's page shows
 * (a sign-in, a password change), so signing in does not flush everyone's caches.
 */
export const USER_PRIVATE_COLUMNS: readonly string[] = ['password_hash', 'password_changed_at', 'last_sign_in_at', 'must_change_password', 'temp_password_until'];

/** Tables without a project or user column: any write flushes everything (statement-level `*`). */
export const FLUSH_ALL: readonly string[] = [
  'announcements',
  'bank_accounts',
  'budget_pools',
  'calendar_years',
  'decision_batches',
  'delegations',
  'disbursement_attempts',
  'files',
  'objections',
  'organizations',
  'products',
  'provider_sanctions',
  'subsidy_invoices',
  'subsidy_payments',
  'subsidy_policies',
];

/** Tables no cached read depends on: their writes send nothing. */
export const NOT_NOTIFIED: Readonly<Record<string, string>> = {
  login_throttle: 'failed sign-ins; read only by sign-in and account care (not cached)',
  idempotency_keys: 'repeated creates; read only by the write path',
  outbox: 'notification fan-out; read only by the delivery job',
  deliveries: 'e-mail / SMS deliveries; read only by the delivery job',
  filing_counters: 'the next filing number; the number itself is stored on the project',
  system_meta: 'demo data markers; read at start-up',
};

/** The channel the triggers notify and the listener listens on. */
export const CHANGE_CHANNEL = 'zs_changes';

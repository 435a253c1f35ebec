/**
 * The relational schema. One schema for PGlite and PostgreSQL (features up to PG 15 only).
 * Money columns are integer fen (`bigint` read as JS number: safe up to 9e15 fen).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    /** 统一社会信用代码; required for enterprises, optional for others. */
    uscc: text('uscc'),
    townCode: text('town_code'),
    industryCode: text('industry_code'),
    employees: integer('employees'),
    annualRevenueFen: bigint('annual_revenue_fen', { mode: 'number' }),
    smeSize: text('sme_size'),
    contactName: text('contact_name'),
    contactMobile: text('contact_mobile'),
    address: text('address'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('organizations_uscc_uq').on(t.uscc),
    index('organizations_type_idx').on(t.type, t.name),
    index('organizations_town_idx').on(t.townCode),
    // 同名企业: enterprises by normalised name (the expression of projects/same-name.ts, written identically).
    index('organizations_enterprise_name_idx')
      .on(sql`lower(translate(${t.name}, '（）\u3000 ', '()'))`)
      .where(sql`${t.type} = 'enterprise'`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    mobile: text('mobile'),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    memberRole: text('member_role').notNull().default('member'),
    bureauRole: text('bureau_role'),
    locale: text('locale').notNull().default('zh-CN'),
    active: boolean('active').notNull().default(true),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /** The last successful sign-in (shown to the bureau admin). */
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    /** Set by an admin's password reset: until the user changes it, the session may only change the password. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** A temporary password signs in once, before this time; null once used (or when there is none). */
    tempPasswordUntil: timestamp('temp_password_until', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_mobile_uq').on(t.mobile),
    uniqueIndex('users_email_uq').on(t.email),
    index('users_org_idx').on(t.orgId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the session token; the token itself is only in the cookie. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Attempt counters shared by every server instance: failed sign-ins per (account, address) and per address,
 * registration attempts per address. `user_id` is set on the rows of a known account (the admin's unlock).
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull().default(0),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    userId: uuid('user_id'),
  },
  (t) => [index('login_throttle_user_idx').on(t.userId), index('login_throttle_last_idx').on(t.lastFailureAt)],
);

/**
 * Idempotent creates: one row per (caller, route, content) for a few minutes. Holds a hash of the request,
 * never its content; the stored answer is encrypted with a key only a caller repeating the same request can derive.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    key: text('key').primaryKey(),
    contentHash: text('content_hash').notNull(),
    /** pending while the first request runs; done once its answer is stored. */
    state: text('state').notNull().default('pending'),
    status: integer('status'),
    answer: text('answer'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('idempotency_expires_idx').on(t.expiresAt)],
);

/** A leading unit authorised by an enterprise to act on its behalf. */
export const delegations = pgTable(
  'delegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => organizations.id),
    agentOrgId: uuid('agent_org_id')
      .notNull()
      .references(() => organizations.id),
    grantedBy: uuid('granted_by')
      .notNull()
      .references(() => users.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('delegations_enterprise_idx').on(t.enterpriseId), index('delegations_agent_idx').on(t.agentOrgId)],
);

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => organizations.id),
    /** 备案号, assigned at submission, e.g. ZSSZ-2026-00001. */
    filingNo: text('filing_no'),
    workflowVersion: text('workflow_version').notNull(),
    state: text('state').notNull(),
    stage: smallint('stage').notNull(),
    title: text('title').notNull(),
    situation: text('situation').notNull().default(''),
    needs: text('needs').notNull().default(''),
    scope: text('scope').notNull().default(''),
    plannedInvestmentFen: bigint('planned_investment_fen', { mode: 'number' }).notNull().default(0),
    plannedStart: date('planned_start', { mode: 'string' }),
    plannedEnd: date('planned_end', { mode: 'string' }),
    diagnosisMode: text('diagnosis_mode').notNull(),
    /** Copied from the enterprise at filing so lists filter without joins. */
    townCode: text('town_code').notNull(),
    industryCode: text('industry_code').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    uscc: text('uscc').notNull(),
    published: boolean('published').notNull().default(false),
    publicationWithdrawnReason: text('publication_withdrawn_reason'),
    returnReason: text('return_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** Assigned institutions and chosen provider (later stages). */
    diagnosisInstitutionId: uuid('diagnosis_institution_id'),
    evaluationInstitutionId: uuid('evaluation_institution_id'),
    providerOrgId: uuid('provider_org_id'),
    /** When the project came under 试点管理 (stage 3 done) and when the enterprise became a 试点企业 (evaluation ≥ 二级). */
    pilotManagedAt: timestamp('pilot_managed_at', { withTimezone: true }),
    pilotEnterpriseAt: timestamp('pilot_enterprise_at', { withTimezone: true }),
    revision: integer('revision').notNull().default(1),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('projects_filing_no_uq').on(t.filingNo),
    index('projects_enterprise_idx').on(t.enterpriseId, t.createdAt),
    // 备案公示: published filings, newest first (submitted_at desc, id desc), alone or by town / industry.
    index('projects_public_idx').on(t.submittedAt, t.id).where(sql`${t.published}`),
    index('projects_public_town_idx').on(t.townCode, t.submittedAt, t.id).where(sql`${t.published}`),
    index('projects_public_industry_idx').on(t.industryCode, t.submittedAt, t.id).where(sql`${t.published}`),
    // Staff lists (bureau, town offices) only ever see filed projects: partial indexes on filed rows. A list is
    // ordered by filing time (submitted_at, id) or by stage then filing time, either direction; every filter
    // alone with every order is an index range scan (a town office's list is the town filter).
    index('projects_filed_submitted_idx').on(t.submittedAt, t.id).where(sql`${t.submittedAt} is not null`),
    index('projects_filed_stage_idx').on(t.stage, t.submittedAt, t.id).where(sql`${t.submittedAt} is not null`),
    index('projects_filed_state_idx').on(t.state, t.submittedAt, t.id).where(sql`${t.submittedAt} is not null`),
    index('projects_filed_town_idx').on(t.townCode, t.submittedAt, t.id).where(sql`${t.submittedAt} is not null`),
    index('projects_filed_town_stage_idx').on(t.townCode, t.stage, t.submittedAt, t.id).where(sql`${t.submittedAt} is not null`),
    index('projects_filed_industry_idx').on(t.industryCode, t.submittedAt, t.id).where(sql`${t.submittedAt} is not null`),
    index('projects_filed_industry_stage_idx').on(t.industryCode, t.stage, t.submittedAt, t.id).where(sql`${t.submittedAt} is not null`),
    index('projects_filed_uscc_idx').on(t.uscc, t.submittedAt, t.id).where(sql`${t.submittedAt} is not null`),
    index('projects_diagnosis_institution_idx').on(t.diagnosisInstitutionId, t.state).where(sql`${t.diagnosisInstitutionId} is not null`),
    index('projects_evaluation_institution_idx').on(t.evaluationInstitutionId, t.state).where(sql`${t.evaluationInstitutionId} is not null`),
    index('projects_pilot_enterprise_idx').on(t.enterpriseId).where(sql`${t.pilotEnterpriseAt} is not null`),
  ],
);

/** Per-year 备案号 sequence: one row per year, incremented inside the submitting transaction (gap-free). */
export const filingCounters = pgTable('filing_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull().default(0),
});

/** Append-only log of every write. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorOrgId: uuid('actor_org_id'),
    onBehalfOfOrgId: uuid('on_behalf_of_org_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    projectId: uuid('project_id'),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_project_idx').on(t.projectId, t.id),
    index('audit_target_idx').on(t.targetType, t.targetId, t.id),
    index('audit_actor_idx').on(t.actorOrgId, t.id),
    index('audit_at_idx').on(t.at),
  ],
);

/** One assessment (self-diagnosis, institution diagnosis, effect evaluation) against a catalog version. */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => organizations.id),
    mode: text('mode').notNull(),
    catalogVersion: text('catalog_version').notNull(),
    status: text('status').notNull().default('draft'),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    result: jsonb('result').$type<Record<string, unknown>>(),
    /** Base score in thousandths of a point (e.g. 37500 = 37.5). */
    baseMilli: integer('base_milli'),
    level: smallint('level'),
    filledByOrgId: uuid('filled_by_org_id')
      .notNull()
      .references(() => organizations.id),
    pledgedAt: timestamp('pledged_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    revision: integer('revision').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('assessments_project_idx').on(t.projectId, t.mode, t.createdAt),
    index('assessments_filler_idx').on(t.filledByOrgId, t.updatedAt),
  ],
);

/** Catalog products (服务商及产品目录), tagged with the assessment scenes and indicators they address. */
export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerOrgId: uuid('provider_org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull().default(''),
    summary: text('summary').notNull().default(''),
    summaryEn: text('summary_en').notNull().default(''),
    scenes: text('scenes').array().notNull().default(sql`'{}'::text[]`),
    indicators: text('indicators').array().notNull().default(sql`'{}'::text[]`),
    priceFen: bigint('price_fen', { mode: 'number' }),
    status: text('status').notNull().default('approved'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('products_status_idx').on(t.status, t.name), index('products_provider_idx').on(t.providerOrgId)],
);

/** Key/value flags for one-off set-up (e.g. demo data loaded). */
export const systemMeta = pgTable(
  'system_meta',
  {
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key] })],
);

/** Immutable snapshot of a project's filing at each submission; a return for revision reopens editing, a resubmission adds a revision. */
export const projectRevisions = pgTable(
  'project_revisions',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    revision: integer('revision').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    /** 'submission' (the filing as submitted) or 'edit' (a change to a published filing the table allowed). */
    kind: text('kind').notNull().default('submission'),
    /** For an edit: the fields that changed. */
    changedFields: text('changed_fields').array().notNull().default(sql`'{}'::text[]`),
    submittedBy: uuid('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.revision] })],
);

// ---- The workflow runtime --------------------------------------------------------------------------------

/**
 * Storage for the smaller workflow tables that run beside a project (institution reports now; catalog entries,
 * recommendation letters, subsidy applications and tranches in their stages). One row per object; `kind` names
 * the table family, `workflow_version` the exact table the row runs on (see server/workflow/registry.ts).
 */
export const workflowObjects = pgTable(
  'workflow_objects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    workflowVersion: text('workflow_version').notNull(),
    state: text('state').notNull(),
    projectId: uuid('project_id').references(() => projects.id),
    /** The organisation expected to work on it (the institution writing a report). */
    assigneeOrgId: uuid('assignee_org_id'),
    /** 1, 2, … per (project, kind): a disputed report is followed by a new version. */
    version: integer('version').notNull().default(1),
    /** The object's structured content (a report's summary: level, pain points, recommendations). */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    revision: integer('revision').notNull().default(1),
    createdBy: uuid('created_by'),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('workflow_objects_version_uq').on(t.projectId, t.kind, t.version),
    index('workflow_objects_assignee_idx').on(t.assigneeOrgId, t.kind, t.state),
  ],
);

/** Every transition of every workflow object: who, for whom, when, from, to, with what input. Append-only. */
export const workflowTransitions = pgTable(
  'workflow_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    objectType: text('object_type').notNull(),
    objectId: uuid('object_id').notNull(),
    projectId: uuid('project_id'),
    workflowVersion: text('workflow_version').notNull(),
    event: text('event').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorOrgId: uuid('actor_org_id'),
    actorRole: text('actor_role').notNull(),
    onBehalfOfOrgId: uuid('on_behalf_of_org_id'),
    input: jsonb('input').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('workflow_transitions_object_idx').on(t.objectType, t.objectId, t.id), index('workflow_transitions_project_idx').on(t.projectId, t.id)],
);

/**
 * A step someone must finish by a date: opened when an object enters a state whose table entry has a deadline,
 * closed when it leaves. Reminders and escalations are sent once each (`reminded_at`, `escalated_at`).
 */
export const deadlines = pgTable(
  'deadlines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    objectType: text('object_type').notNull(),
    objectId: uuid('object_id').notNull(),
    projectId: uuid('project_id'),
    state: text('state').notNull(),
    /** Who must act: an organisation (the assigned institution, the enterprise) and the role it acts in. */
    assigneeOrgId: uuid('assignee_org_id'),
    waitingRole: text('waiting_role').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    remindOn: date('remind_on', { mode: 'string' }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('deadlines_object_idx').on(t.objectType, t.objectId),
    index('deadlines_open_due_idx').on(t.dueOn).where(sql`${t.closedAt} is null`),
    index('deadlines_open_remind_idx').on(t.remindOn).where(sql`${t.closedAt} is null and ${t.remindedAt} is null`),
    index('deadlines_open_assignee_idx').on(t.assigneeOrgId, t.dueOn).where(sql`${t.closedAt} is null`),
    index('deadlines_open_project_idx').on(t.projectId).where(sql`${t.closedAt} is null`),
  ],
);

/** Public holidays and make-up working days of one year (the State Council's notice), entered by the bureau. */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  /** The year's entry as `core/calendar/schema.ts` reads it: holidays and make-up working days. */
  entry: jsonb('entry').$type<Record<string, unknown>>().notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: updatedAt(),
});

// ---- Materials -------------------------------------------------------------------------------------------

/** A stored blob, named by the SHA-256 of its bytes (the file store keeps the bytes). */
export const files = pgTable('files', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  format: text('format').notNull(),
  kind: text('kind').notNull(),
  mime: text('mime').notNull(),
  createdAt: createdAt(),
});

/**
 * A file put into a material slot of a workflow object. Every upload is a row: replacing a file adds a row and
 * the older ones stay as versions (`superseded_at`); removing one marks it (`removed_at`), never deletes it.
 */
export const materials = pgTable(
  'materials',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    objectType: text('object_type').notNull(),
    objectId: uuid('object_id').notNull(),
    projectId: uuid('project_id'),
    slotKey: text('slot_key').notNull(),
    fileSha256: text('file_sha256')
      .notNull()
      .references(() => files.sha256),
    fileName: text('file_name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    mime: text('mime').notNull(),
    /** The state the object was in when the file was uploaded. */
    state: text('state').notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploaderOrgId: uuid('uploader_org_id').notNull(),
    onBehalfOfOrgId: uuid('on_behalf_of_org_id'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by'),
  },
  (t) => [
    index('materials_object_idx').on(t.objectType, t.objectId, t.slotKey, t.id),
    index('materials_project_idx').on(t.projectId, t.slotKey, t.id),
  ],
);

/** An institution's request for evidence: which slots it asks the enterprise to fill, with a note and a date. */
export const materialRequests = pgTable(
  'material_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    slotKeys: text('slot_keys').array().notNull(),
    note: text('note').notNull().default(''),
    dueOn: date('due_on', { mode: 'string' }),
    requestedBy: uuid('requested_by').notNull(),
    requestedByOrgId: uuid('requested_by_org_id').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('material_requests_project_idx').on(t.projectId, t.id)],
);

// ---- Notifications ---------------------------------------------------------------------------------------

/**
 * The transactional outbox: what a transaction wants the outside world to hear (notifications, e-mail, SMS) is
 * written here in that transaction and delivered after commit by whichever instance claims it first
 * (`FOR UPDATE SKIP LOCKED`). `dedupe_key` makes a message that must go once (a reminder) go once.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    dedupeKey: text('dedupe_key'),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey), index('outbox_pending_idx').on(t.availableAt, t.id).where(sql`${t.doneAt} is null`)],
);

/** One in-app notification for one user; `outbox_id` + `user_id` is unique, so a delivery never repeats. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    orgId: uuid('org_id').notNull(),
    outboxId: bigint('outbox_id', { mode: 'number' }),
    projectId: uuid('project_id'),
    kind: text('kind').notNull(),
    title: jsonb('title').$type<{ zh: string; en: string }>().notNull(),
    body: jsonb('body').$type<{ zh: string; en: string }>().notNull(),
    /** The page where the action is, e.g. /workbench/projects/<id>. */
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notifications_delivery_uq').on(t.outboxId, t.userId),
    index('notifications_user_idx').on(t.userId, t.id),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

/** Messages sent outside the platform (e-mail, SMS), one row per message and channel: what was sent, never twice. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
    userId: uuid('user_id').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    error: text('error'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('deliveries_uq').on(t.outboxId, t.userId, t.channel)],
);

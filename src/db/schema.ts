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
  numeric,
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
    /** 所属集团/上级单位: organisations with the same group count as one party in conflict-of-interest checks. */
    parentGroup: text('parent_group'),
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
    /** How the provider was chosen (leadingUnit · catalog · market) and the product, from stage 3 on. */
    providerRoute: text('provider_route'),
    productId: uuid('product_id'),
    /** 内部验收日期: the date of the internal acceptance report (stage 5). */
    acceptedOn: date('accepted_on', { mode: 'string' }),
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
    index('projects_provider_idx').on(t.providerOrgId, t.state).where(sql`${t.providerOrgId} is not null`),
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
    /** Price range in fen (priceFen is the typical price). */
    priceMinFen: bigint('price_min_fen', { mode: 'number' }),
    priceMaxFen: bigint('price_max_fen', { mode: 'number' }),
    /** Industry codes (GB/T 4754 divisions) the product is made for; empty = any. */
    industries: text('industries').array().notNull().default(sql`'{}'::text[]`),
    deliveryDays: integer('delivery_days'),
    /** 小快轻准: how the product is small, fast, light and precise. */
    description: text('description').notNull().default(''),
    references: text('references').notNull().default(''),
    /** draft · underReview · returned · approved · rejected · withdrawn (the catalog entry's state mirrored). */
    status: text('status').notNull().default('approved'),
    /** The catalog entry (workflow object) under which the product was last reviewed. */
    entryId: uuid('entry_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('products_status_idx').on(t.status, t.name),
    index('products_provider_idx').on(t.providerOrgId),
    index('products_scenes_idx').using('gin', t.scenes),
    index('products_industries_idx').using('gin', t.industries),
    index('products_price_idx').on(t.priceMinFen).where(sql`${t.status} = 'approved'`),
  ],
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
    /** For a slot of repeating items (a training session's sign-in sheet and photos): the item the file belongs to. */
    itemId: uuid('item_id'),
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

// ---- Stages 3–6 ------------------------------------------------------------------------------------------

/** Every provider choice of a project (stage 3), newest last; a change of provider clears the previous one. */
export const providerChoices = pgTable(
  'provider_choices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    /** leadingUnit · catalog · market */
    route: text('route').notNull(),
    providerOrgId: uuid('provider_org_id').references(() => organizations.id),
    productId: uuid('product_id').references(() => products.id),
    /** Market route: the provider and product as the enterprise names them, and the leading unit asked to recommend. */
    marketProviderName: text('market_provider_name'),
    marketProductName: text('market_product_name'),
    recommenderOrgId: uuid('recommender_org_id').references(() => organizations.id),
    catalogEntryId: uuid('catalog_entry_id'),
    note: text('note').notNull().default(''),
    chosenBy: uuid('chosen_by').notNull(),
    chosenAt: timestamp('chosen_at', { withTimezone: true }).notNull().defaultNow(),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
  },
  (t) => [index('provider_choices_project_idx').on(t.projectId, t.chosenAt), index('provider_choices_recommender_idx').on(t.recommenderOrgId).where(sql`${t.clearedAt} is null`)],
);

/** 项目签约: the project's contract as currently entered (one per project); each submission is a contract_revisions row. */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    contractNo: text('contract_no').notNull().default(''),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    amountExTaxFen: bigint('amount_ex_tax_fen', { mode: 'number' }),
    signedOn: date('signed_on', { mode: 'string' }),
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    /** [{ role: 'enterprise' | 'provider' | 'other', orgId?, name, uscc?, duties }] */
    parties: jsonb('parties').$type<Array<Record<string, unknown>>>().notNull().default([]),
    /** Products and services with their price lines: [{ item, productId?, quantity, unit, unitPriceFen, amountFen }] */
    lines: jsonb('lines').$type<Array<Record<string, unknown>>>().notNull().default([]),
    measures: text('measures').notNull().default(''),
    targetsText: text('targets_text').notNull().default(''),
    /** Why the period ends after the filing's planned end (required then). */
    lateReason: text('late_reason'),
    revision: integer('revision').notNull().default(0),
    updatedBy: uuid('updated_by'),
    onBehalfOfOrgId: uuid('on_behalf_of_org_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('contracts_project_uq').on(t.projectId)],
);

/** An immutable copy of a contract as submitted (1, 2, … per project); a return reopens the contract, not these. */
export const contractRevisions = pgTable(
  'contract_revisions',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    revision: integer('revision').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    changedFields: text('changed_fields').array().notNull().default(sql`'{}'::text[]`),
    submittedBy: uuid('submitted_by'),
    onBehalfOfOrgId: uuid('on_behalf_of_org_id'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.revision] })],
);

/** 一企一档: a figure the transformation should move, its value before, the target, and the value the evaluation measured. */
export const projectTargets = pgTable(
  'project_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    /** A stable key: 'cncRate', 'networkRate', or an assessment indicator code. */
    key: text('key').notNull(),
    label: text('label').notNull(),
    unit: text('unit').notNull().default('%'),
    baseline: numeric('baseline', { precision: 14, scale: 2 }),
    target: numeric('target', { precision: 14, scale: 2 }),
    measured: numeric('measured', { precision: 14, scale: 2 }),
    measuredBy: uuid('measured_by'),
    measuredAt: timestamp('measured_at', { withTimezone: true }),
    sort: integer('sort').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('project_targets_key_uq').on(t.projectId, t.key)],
);

/** 改造实施: a training session the provider held (several per project); sign-in sheets and photos are materials of its item. */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    topic: text('topic').notNull(),
    trainer: text('trainer').notNull(),
    trainees: integer('trainees').notNull(),
    traineeNames: text('trainee_names').notNull().default(''),
    createdBy: uuid('created_by').notNull(),
    createdByOrgId: uuid('created_by_org_id').notNull(),
    onBehalfOfOrgId: uuid('on_behalf_of_org_id'),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [index('training_sessions_project_idx').on(t.projectId, t.heldOn)],
);

/** 改造实施: progress notes by the enterprise or its provider. */
export const progressNotes = pgTable(
  'progress_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    body: text('body').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    authorOrgId: uuid('author_org_id').notNull(),
    onBehalfOfOrgId: uuid('on_behalf_of_org_id'),
    createdAt: createdAt(),
  },
  (t) => [index('progress_notes_project_idx').on(t.projectId, t.id)],
);

/** An assessor's declaration of no conflict of interest, made before the case opens to the institution. */
export const conflictDeclarations = pgTable(
  'conflict_declarations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    institutionOrgId: uuid('institution_org_id').notNull(),
    userId: uuid('user_id').notNull(),
    phase: text('phase').notNull(),
    statement: text('statement').notNull().default(''),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('conflict_declarations_project_idx').on(t.projectId, t.institutionOrgId)],
);

/** The enterprise's rating of its provider when it declares implementation complete (one per project). */
export const providerRatings = pgTable(
  'provider_ratings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    providerOrgId: uuid('provider_org_id').notNull(),
    timeliness: smallint('timeliness').notNull(),
    quality: smallint('quality').notNull(),
    service: smallint('service').notNull(),
    price: smallint('price').notNull(),
    comment: text('comment').notNull().default(''),
    ratedBy: uuid('rated_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('provider_ratings_project_uq').on(t.projectId), index('provider_ratings_provider_idx').on(t.providerOrgId, t.createdAt)],
);

/** The bureau's measures against a provider: a warning, a correction due by a date, or a suspension from new choices. */
export const providerSanctions = pgTable(
  'provider_sanctions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    providerOrgId: uuid('provider_org_id')
      .notNull()
      .references(() => organizations.id),
    /** warning · correction · suspension */
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    response: text('response'),
    respondedBy: uuid('responded_by'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: uuid('lifted_by'),
    liftReason: text('lift_reason'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('provider_sanctions_provider_idx').on(t.providerOrgId, t.createdAt),
    index('provider_sanctions_suspended_idx').on(t.providerOrgId).where(sql`${t.kind} = 'suspension' and ${t.liftedAt} is null`),
  ],
);

/** An institution's recommendation of a project as a 数字化车间 / 智能车间 benchmark (the bureau decides in stage 7). */
export const benchmarkRecommendations = pgTable(
  'benchmark_recommendations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    reportObjectId: uuid('report_object_id'),
    institutionOrgId: uuid('institution_org_id').notNull(),
    /** workshop (数字化车间) · smart (智能车间) */
    kind: text('kind').notNull(),
    reasons: text('reasons').notNull(),
    status: text('status').notNull().default('recommended'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('benchmark_recommendations_project_idx').on(t.projectId), index('benchmark_recommendations_status_idx').on(t.status, t.createdAt)],
);

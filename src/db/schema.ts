/**
 * The relational schema. One schema for PGlite and PostgreSQL (features up to PG 15 only).
 * Money columns are integer fen (`bigint` read as JS number: safe up to 9e15 fen).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
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
    /** 规上企业 (above designated size), as the enterprise states it in its profile. */
    aboveScale: boolean('above_scale'),
    /** 专精特新 grade: innovative (创新型中小企业) · specialized (专精特新中小企业) · littleGiant (专精特新“小巨人”). */
    sptsGrade: text('spts_grade'),
    /** The year the 专精特新 grade was recognised. */
    sptsYear: integer('spts_year'),
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
    index('workflow_objects_kind_state_idx').on(t.kind, t.state, t.stateChangedAt),
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

// ---- Stages 7–8: subsidy policy, application, review, budget and money -----------------------------------

/**
 * A subsidy policy version (政策配置): the rules of src/core/subsidy as data, with the dates it is in force. A
 * project is judged by the version in force on the day it applied; a published version is never edited (a change
 * is a new version).
 */
export const subsidyPolicies = pgTable(
  'subsidy_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The policy family (e.g. the special-fund rules 中工信规字〔2024〕5号); versions 1, 2, … within it. */
    code: text('code').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    /** `SubsidyPolicyRules` (src/core/subsidy/policy.ts), validated by its zod schema on every write. */
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    /** draft · active · retired */
    status: text('status').notNull().default('draft'),
    note: text('note'),
    createdBy: uuid('created_by'),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('subsidy_policies_version_uq').on(t.code, t.version), index('subsidy_policies_effective_idx').on(t.status, t.effectiveFrom)],
);

/**
 * A budget pool: the money of one year from one fund source (central · provincial · city), tracked apart.
 * `committed_fen` counts every commitment not released (paid ones included); `paid_fen` what has been paid out of
 * it. The check constraints make over-commitment impossible whatever arrives concurrently.
 */
export const budgetPools = pgTable(
  'budget_pools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    /** central · provincial · city */
    fundSource: text('fund_source').notNull(),
    name: text('name').notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    committedFen: bigint('committed_fen', { mode: 'number' }).notNull().default(0),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('budget_pools_year_source_uq').on(t.year, t.fundSource),
    check('budget_pools_within_total', sql`${t.committedFen} >= 0 and ${t.committedFen} <= ${t.totalFen}`),
    check('budget_pools_paid_within_committed', sql`${t.paidFen} >= 0 and ${t.paidFen} <= ${t.committedFen}`),
  ],
);

/** Every movement of money against a pool: commit, release, pay. Append-only; the pool's totals are its sums. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    poolId: uuid('pool_id')
      .notNull()
      .references(() => budgetPools.id),
    projectId: uuid('project_id'),
    /** commit · release · pay */
    kind: text('kind').notNull(),
    /** pre (预奖补) · final (完工奖补) · benchmark (标杆奖励) */
    line: text('line').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** What caused it: 'application', 'tranche', 'benchmark' and its id. */
    refType: text('ref_type').notNull(),
    refId: text('ref_id').notNull(),
    reason: text('reason'),
    actorUserId: uuid('actor_user_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ledger_entries_pool_idx').on(t.poolId, t.at),
    index('ledger_entries_project_idx').on(t.projectId, t.at),
    index('ledger_entries_ref_idx').on(t.refType, t.refId),
  ],
);

/**
 * A completion-subsidy application (完工奖补申请): one row per project and round (a returned application is
 * followed by a new round). The draft is edited in place; submitting freezes it (`submitted_at`) with the policy
 * in force that day and the computed suggestion (`calculation`: each step in words).
 */
export const subsidyApplications = pgTable(
  'subsidy_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    round: integer('round').notNull().default(1),
    policyId: uuid('policy_id'),
    /** The subsidy-review workflow object of this round (once submitted). */
    reviewObjectId: uuid('review_object_id'),
    /** 真实性承诺 and the other declarations: `{ noDishonesty, noViolation3y, aboveScale, otherFunding… }`. */
    declarations: jsonb('declarations').$type<Record<string, unknown>>().notNull().default({}),
    /** Other central / provincial funding for the same project, in fen (0 when none). */
    otherFundingFen: bigint('other_funding_fen', { mode: 'number' }).notNull().default(0),
    otherFundingNote: text('other_funding_note'),
    /** The computation (`SubsidyComputation` of src/core/subsidy) frozen at submission. */
    calculation: jsonb('calculation').$type<Record<string, unknown>>(),
    verifiedInvestmentFen: bigint('verified_investment_fen', { mode: 'number' }),
    suggestedFen: bigint('suggested_fen', { mode: 'number' }),
    /** Set by the decision (局党组审议): ≤ suggested. */
    approvedFen: bigint('approved_fen', { mode: 'number' }),
    poolId: uuid('pool_id'),
    batchId: uuid('batch_id'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by'),
    onBehalfOfOrgId: uuid('on_behalf_of_org_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('subsidy_applications_round_uq').on(t.projectId, t.round),
    index('subsidy_applications_submitted_idx').on(t.submittedAt),
    index('subsidy_applications_batch_idx').on(t.batchId),
    index('subsidy_applications_review_idx').on(t.reviewObjectId),
    check('subsidy_applications_approved_within_suggested', sql`${t.approvedFen} is null or (${t.approvedFen} >= 0 and ${t.approvedFen} <= ${t.suggestedFen})`),
  ],
);

/** An invoice of an application (number, date, amount with tax, tax, cost class). */
export const subsidyInvoices = pgTable(
  'subsidy_invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => subsidyApplications.id),
    number: text('number').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    /** Amount with tax (价税合计). */
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    taxFen: bigint('tax_fen', { mode: 'number' }).notNull().default(0),
    /** software · cloud · hardware · services · officePc · embeddedSoftware · wiring · other (src/core/subsidy). */
    costClass: text('cost_class').notNull(),
    seller: text('seller'),
    description: text('description'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('subsidy_invoices_number_uq').on(t.applicationId, t.number), index('subsidy_invoices_application_idx').on(t.applicationId, t.position)],
);

/** A payment proof of an application (date, amount, payee). */
export const subsidyPayments = pgTable(
  'subsidy_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => subsidyApplications.id),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    payee: text('payee'),
    reference: text('reference'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('subsidy_payments_application_idx').on(t.applicationId, t.position)],
);

/** An expert's review of one application (评审专家): declaration, rubric scores, recommended amount. */
export const expertReviews = pgTable(
  'expert_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => subsidyApplications.id),
    projectId: uuid('project_id').notNull(),
    expertUserId: uuid('expert_user_id').notNull(),
    assignedBy: uuid('assigned_by'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the expert declared no conflict of interest (null: not yet); `recused` when they declared one. */
    declaredAt: timestamp('declared_at', { withTimezone: true }),
    recused: boolean('recused').notNull().default(false),
    recusalReason: text('recusal_reason'),
    /** Rubric item id → score. */
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    totalScore: integer('total_score'),
    recommendedFen: bigint('recommended_fen', { mode: 'number' }),
    opinion: text('opinion'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** Set when the bureau withdraws the assignment (the row stays for the record). */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('expert_reviews_assignment_uq').on(t.applicationId, t.expertUserId),
    index('expert_reviews_expert_idx').on(t.expertUserId, t.submittedAt),
  ],
);

/** A decision batch (局党组审议 of a list of applications, or of benchmark awards, or of pre-subsidies). */
export const decisionBatches = pgTable(
  'decision_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** subsidy · benchmark · pre */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** The meeting minutes reference (会议纪要 / 议题编号). */
    minutesRef: text('minutes_ref'),
    poolId: uuid('pool_id'),
    /** draft · decided */
    status: text('status').notNull().default('draft'),
    /** Per-item results once decided: `[{ applicationId, approvedFen, ok, code?, message? }]`. */
    results: jsonb('results').$type<Array<Record<string, unknown>>>().notNull().default([]),
    announcementId: uuid('announcement_id'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('decision_batches_kind_idx').on(t.kind, t.createdAt)],
);

/**
 * A benchmark (标杆): from the institution's recommendation to the bureau's designation as 数字化车间 / 智能车间
 * and its award (≤ the policy's maximum, on its own line and approval). A later, higher award for the same
 * enterprise pays only the difference (`payable_fen`).
 */
export const benchmarks = pgTable(
  'benchmarks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    enterpriseOrgId: uuid('enterprise_org_id').notNull(),
    recommendationId: bigint('recommendation_id', { mode: 'number' }),
    /** workshop (数字化车间) · smart (智能车间) */
    kind: text('kind').notNull(),
    /** The workflow object (kind 'benchmark', zs-benchmark-v1) that holds its state. */
    objectId: uuid('object_id').notNull(),
    reviewOpinion: text('review_opinion'),
    awardFen: bigint('award_fen', { mode: 'number' }),
    /** What the enterprise already received as benchmark awards before this one. */
    previousAwardFen: bigint('previous_award_fen', { mode: 'number' }).notNull().default(0),
    payableFen: bigint('payable_fen', { mode: 'number' }),
    poolId: uuid('pool_id'),
    policyId: uuid('policy_id'),
    designatedBy: uuid('designated_by'),
    designatedAt: timestamp('designated_at', { withTimezone: true }),
    awardApprovedBy: uuid('award_approved_by'),
    awardApprovedAt: timestamp('award_approved_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('benchmarks_recommendation_uq').on(t.recommendationId),
    uniqueIndex('benchmarks_object_uq').on(t.objectId),
    index('benchmarks_created_idx').on(t.createdAt),
    index('benchmarks_enterprise_idx').on(t.enterpriseOrgId),
    index('benchmarks_kind_idx').on(t.kind, t.createdAt),
    index('benchmarks_published_idx').on(t.publishedAt),
  ],
);

/**
 * A disbursement tranche: pre (预奖补) · final (完工奖补, minus pre-subsidy paid) · benchmark. pending → paid |
 * failed → (retry) pending. Paying is idempotent: see `disbursement_attempts`.
 */
export const disbursementTranches = pgTable(
  'disbursement_tranches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    line: text('line').notNull(),
    applicationId: uuid('application_id'),
    benchmarkId: uuid('benchmark_id'),
    poolId: uuid('pool_id')
      .notNull()
      .references(() => budgetPools.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** How the amount came about (steps in words), e.g. approved − pre-subsidy paid. */
    basis: jsonb('basis').$type<Record<string, unknown>>().notNull().default({}),
    /** The workflow object (kind 'tranche', zs-tranche-v1) that holds its state: pending · paid · failed · cancelled. */
    objectId: uuid('object_id').notNull(),
    attempts: integer('attempts').notNull().default(0),
    failureReason: text('failure_reason'),
    /** The bank's voucher number of the payment (回单号). */
    voucherNo: text('voucher_no'),
    /** The bank account the money went to (the encrypted record's id). */
    bankAccountId: uuid('bank_account_id'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paidBy: uuid('paid_by'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('disbursement_tranches_object_uq').on(t.objectId),
    index('disbursement_tranches_line_idx').on(t.line, t.createdAt),
    index('disbursement_tranches_project_idx').on(t.projectId),
    index('disbursement_tranches_pool_idx').on(t.poolId, t.createdAt),
    index('disbursement_tranches_paid_idx').on(t.paidAt),
    // One final tranche per application and one per benchmark award.
    uniqueIndex('disbursement_tranches_line_uq').on(t.line, t.applicationId, t.benchmarkId),
    check('disbursement_tranches_positive', sql`${t.amountFen} > 0`),
  ],
);

/** Each pay request, by its idempotency key: a repeated key answers the stored outcome and pays nothing. */
export const disbursementAttempts = pgTable(
  'disbursement_attempts',
  {
    idempotencyKey: text('idempotency_key').primaryKey(),
    trancheId: uuid('tranche_id')
      .notNull()
      .references(() => disbursementTranches.id),
    /** paid · failed · refused */
    outcome: text('outcome').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    actorUserId: uuid('actor_user_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('disbursement_attempts_tranche_idx').on(t.trancheId, t.at)],
);

/**
 * An enterprise's bank account (企业银行账户): bank, account name and number encrypted together at rest
 * (AES-256-GCM, `key_id` names the key so keys can rotate); only the last four digits are kept in clear, for the
 * masked display. A change adds a row and supersedes the old one.
 */
export const bankAccounts = pgTable(
  'bank_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    keyId: text('key_id').notNull(),
    /** base64 of iv ‖ tag ‖ ciphertext of the JSON `{ bankName, accountName, accountNumber }`. */
    cipher: text('cipher').notNull(),
    last4: text('last4').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('bank_accounts_current_uq').on(t.orgId).where(sql`${t.supersededAt} is null`)],
);

/**
 * A public announcement (公示): a list (funded projects, pilot enterprises, benchmarks, payments…) with its
 * objection window and the office that receives objections. Final only when the window is over and every
 * objection is closed.
 */
export const announcements = pgTable(
  'announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** funded · pilot · benchmark · payment · catalog · pre */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    /** The office objections go to (may be a supervisory office) and how to reach it. */
    officeName: text('office_name').notNull(),
    officeContact: text('office_contact'),
    officeOrgId: uuid('office_org_id'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    workingDays: integer('working_days').notNull().default(7),
    /** open · final · withdrawn */
    status: text('status').notNull().default('open'),
    finalAt: timestamp('final_at', { withTimezone: true }),
    batchId: uuid('batch_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('announcements_kind_idx').on(t.kind, t.startsOn), index('announcements_status_idx').on(t.status, t.endsOn)],
);

/** One line of an announcement (a project with its amount, where it has one). */
export const announcementItems = pgTable(
  'announcement_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    announcementId: uuid('announcement_id')
      .notNull()
      .references(() => announcements.id),
    projectId: uuid('project_id'),
    enterpriseName: text('enterprise_name').notNull(),
    projectName: text('project_name'),
    townCode: text('town_code'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    note: text('note'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('announcement_items_announcement_idx').on(t.announcementId, t.position), index('announcement_items_project_idx').on(t.projectId)],
);

/** An objection lodged during an announcement's window (real name and contact; evidence files). */
export const objections = pgTable(
  'objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    announcementId: uuid('announcement_id')
      .notNull()
      .references(() => announcements.id),
    itemId: uuid('item_id'),
    objectorName: text('objector_name').notNull(),
    contact: text('contact').notNull(),
    /** An organisation's objection (marked as such, with its name). */
    isOrganisation: boolean('is_organisation').notNull().default(false),
    organisationName: text('organisation_name'),
    facts: text('facts').notNull(),
    /** sha256 of the evidence files (rows of `files`). */
    evidence: text('evidence').array().notNull().default(sql`'{}'::text[]`),
    /** open · closed */
    status: text('status').notNull().default('open'),
    /** upheld · partlyUpheld · dismissed */
    outcome: text('outcome'),
    finding: text('finding'),
    handledBy: uuid('handled_by'),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    /** A keyed hash of the sender's address, for rate limiting (never the address itself). */
    senderHash: text('sender_hash'),
    createdAt: createdAt(),
  },
  (t) => [index('objections_announcement_idx').on(t.announcementId, t.status), index('objections_status_idx').on(t.status, t.createdAt)],
);

/** The 试点企业 honour certificate: a PDF whose verification code the public page checks. */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    code: text('code').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    projectName: text('project_name').notNull(),
    filingNo: text('filing_no'),
    level: integer('level').notNull(),
    funded: boolean('funded').notNull().default(false),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('certificates_code_uq').on(t.code), uniqueIndex('certificates_project_uq').on(t.projectId)],
);

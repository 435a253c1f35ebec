/**
 * Fuzz test driven by the OpenAPI document: every operation, as a signed-out caller and as each role, with malformed
 * parameters and with valid bodies mutated one field at a time. No response may be a 5xx, and every 4xx has the
 * platform's error shape { code, message, details } with a JSON content type.
 *
 * Deterministic (seeded) and bounded: per operation, the first caller whose valid request reaches the use-case sends
 * every member of every value class (the deep paths); every other caller sends one member per class, chosen by the
 * seeded generator (they stop at the same gates whatever the value). The signed-out caller runs last and sends every
 * member for the operations no role reached, so each operation gets the full set once.
 *
 * Two bounds keep the whole file near two minutes (11 callers × ~200 operations): operations that build a file or a
 * report on every request (HEAVY: spreadsheets, ZIP packs, PDFs, open data, dashboards) get one member of every
 * class, parameters included, even from the deep caller; operations with large bodies (LARGE_BODIES) get every
 * member for their parameters but one member of every class per body field. Every class still reaches every
 * parameter and field of every operation; only the repetitions within a class are cut there. The other callers
 * (who stop at the same gates whatever the value) each send at most SAMPLED_BUDGET requests per operation
 * (HEAVY_SAMPLED_BUDGET for the file and report operations), the valid request first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, or, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { enqueueNotification } from '../../src/server/notifications/outbox';
import { deliverPending } from '../../src/server/notifications/deliver';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, completeFiling, enterpriseWithUser, mobileFor, orgWithUser } from '../support/fixtures';
import { TEST_DB_KIND } from '../support/db';
import { makePolicy, makePool, makeProject, makeProjectReadyToApply, type OrgRow } from '../../src/db/factories';
import { assessments, notifications, organizations, projects, users } from '../../src/db/schema';
import { getCatalog } from '../../src/core/assessment';
import { randomCompleteAnswers, seededRng } from '../../src/core/assessment/fixtures';
import { makeUscc } from '../../src/core/identity/uscc';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../src/server/modules/auth/sessions';
import { Rng } from '../support/fuzz/random';
import { fillPath, operationsOf, type Operation } from '../support/fuzz/openapi';
import { EXTRA_KEYS, exampleOf, fieldsOf, isRecordSchema, mutatedBody, queryClasses, relevantClasses, valueClasses, type Mutation } from '../support/fuzz/schema';

const SEED = 20_261_201;

interface Caller {
  name: string;
  account: string | null;
  password: string;
  ip: string;
  session: { sid: string; csrf: string } | null;
  /** Every member of every class (true) or one member per class picked by the generator. */
  exhaustive: boolean;
}

interface Violation {
  caller: string;
  op: string;
  where: string;
  cls: string;
  status: number;
  problem: string;
  sample: string;
}

let t: TestApp;
let ops: Operation[] = [];
const callers: Caller[] = [];
const violations: Violation[] = [];
const counts = { total: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 } as Record<string, number>;
let elapsedMs = 0;
/** Operations whose every value class has been sent in full by some caller. */
const exhausted = new Set<string>();
const notes: string[] = [];
/** Requests and time per operation (printed with FUZZ_PROFILE=1). */
const profile = new Map<string, { n: number; ms: number }>();

/** Objects the requests point at: the enterprise A's own, and B's (another enterprise). */
const world = {
  a: { draft: '', diag: '', assessment: '', delegation: '', org: '', user: '', notification: '', ready: '', policy: '', pool: '' },
  b: { draft: '', diag: '', assessment: '', delegation: '', org: '', user: '', notification: '', ready: '', policy: '', pool: '' },
  leadingUnitId: '',
  loginTarget: '',
  taken: [] as string[],
  catalogVersion: '',
};

let seq = 700_000;
function fresh(): number {
  seq += 1;
  return seq;
}
let ipCounter = 1;
function nextIp(): string {
  ipCounter += 1;
  return `10.77.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

async function signIn(account: string, password: string): Promise<{ sid: string; csrf: string }> {
  // A fresh address each time: fuzzed sign-ins from the callers' own addresses may have throttled those.
  const res = await new Client(t.app, nextIp()).login(account, password);
  const cookie = (name: string) => res.raw.cookies.find((c) => c.name === name)?.value ?? '';
  return { sid: cookie(SESSION_COOKIE), csrf: cookie(CSRF_COOKIE) };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sends one request with the caller's session. Not `Client`: a fuzzed sign-in or registration that succeeds would
 * replace the Client's session cookie; here each caller keeps its own session (and CSRF token) for the whole run.
 */
async function send(
  caller: Caller,
  method: Operation['method'],
  url: string,
  payload?: string,
  contentType = 'application/json',
  lang = 'zh-CN',
  change?: HeaderChange,
): Promise<LightMyRequestResponse> {
  let headers: Record<string, string> = { 'x-lang': lang };
  if (caller.session) {
    headers.cookie = `${SESSION_COOKIE}=${caller.session.sid}; ${CSRF_COOKIE}=${caller.session.csrf}`;
    if (UNSAFE.has(method)) headers[CSRF_HEADER] = caller.session.csrf;
  }
  if (payload !== undefined && contentType) headers['content-type'] = contentType;
  if (change) headers = change(headers);
  return t.app.inject({ method, url, headers, remoteAddress: caller.ip, ...(payload === undefined ? {} : { payload }) });
}

type HeaderChange = (h: Record<string, string>) => Record<string, string>;

/**
 * Headers are input too, though the document does not list them: the session and language cookies, the CSRF token,
 * the idempotency key of creates, the language headers and the request id. Values are what HTTP can carry
 * (visible ASCII and obs-text bytes; a real server refuses control characters before the application sees them).
 */
const HEADER_CHANGES: Array<{ cls: string; change: HeaderChange }> = [
  { cls: 'session-garbage', change: (h) => ({ ...h, cookie: `${SESSION_COOKIE}=garbage; ${CSRF_COOKIE}=x` }) },
  { cls: 'session-huge', change: (h) => ({ ...h, cookie: `${SESSION_COOKIE}=${'a'.repeat(6000)}` }) },
  { cls: 'session-encoded', change: (h) => ({ ...h, cookie: `${SESSION_COOKIE}=%00%ED%A0%80; ${SESSION_COOKIE}=%zz` }) },
  { cls: 'session-injection', change: (h) => ({ ...h, cookie: `${SESSION_COOKIE}='%20OR%20'1'='1` }) },
  { cls: 'cookie-malformed', change: (h) => ({ ...h, cookie: `${h.cookie ?? ''}; ;;=; =x; zs_lang=${'ÿ'.repeat(50)}` }) },
  { cls: 'csrf-wrong', change: (h) => ({ ...h, [CSRF_HEADER]: 'wrong' }) },
  { cls: 'csrf-huge', change: (h) => ({ ...h, [CSRF_HEADER]: 'c'.repeat(8000) }) },
  { cls: 'idempotency-huge', change: (h) => ({ ...h, 'idempotency-key': 'k'.repeat(6000) }) },
  { cls: 'idempotency-odd', change: (h) => ({ ...h, 'idempotency-key': "' OR '1'='1' --ÿ" }) },
  { cls: 'idempotency-empty', change: (h) => ({ ...h, 'idempotency-key': '' }) },
  { cls: 'idempotency-reused', change: (h) => ({ ...h, 'idempotency-key': 'fuzz-reused-key' }) },
  { cls: 'lang-odd', change: (h) => ({ ...h, 'x-lang': 'xx-ÿÿ', 'accept-language': 'en;q=abc, zh;q=1e400, *;q=-1' }) },
  { cls: 'lang-huge', change: (h) => ({ ...h, 'x-lang': 'e'.repeat(5000), 'accept-language': ','.repeat(5000) }) },
  { cls: 'request-id-odd', change: (h) => ({ ...h, 'x-request-id': `${'r'.repeat(3000)}' OR 1=1` }) },
  { cls: 'forwarded-odd', change: (h) => ({ ...h, 'x-forwarded-for': 'not-an-ip, 999.999.999.999, ::ffff:zz', 'x-forwarded-host': 'ÿ' }) },
];

function record(caller: Caller, op: Operation, where: string, cls: string, sample: string, res: LightMyRequestResponse): void {
  counts.total = (counts.total ?? 0) + 1;
  const klass = `${Math.floor(res.statusCode / 100)}xx`;
  counts[klass] = (counts[klass] ?? 0) + 1;
  const v = (problem: string): void => {
    violations.push({ caller: caller.name, op: op.key, where, cls, status: res.statusCode, problem, sample: sample.length > 80 ? `${sample.slice(0, 80)}…(${sample.length})` : sample });
  };
  if (res.statusCode >= 500) {
    let code = '';
    try {
      code = String((res.json() as { code?: unknown }).code);
    } catch {
      code = res.body.slice(0, 60);
    }
    v(`status ${res.statusCode} ${code}`);
    return;
  }
  if (res.statusCode >= 400) {
    if (!String(res.headers['content-type'] ?? '').includes('application/json')) return v(`4xx without JSON content type (${String(res.headers['content-type'])})`);
    let body: unknown;
    try {
      body = res.json();
    } catch {
      return v('4xx body is not JSON');
    }
    const b = body as Record<string, unknown>;
    if (typeof b !== 'object' || b === null || typeof b.code !== 'string' || typeof b.message !== 'string' || !('details' in b)) v(`4xx not in the error shape: ${res.body.slice(0, 80)}`);
  }
}

/** After a request: keep the caller's session and password in step with what the request did. */
async function after(caller: Caller, op: Operation, payload: string | undefined, res: LightMyRequestResponse): Promise<void> {
  if (!caller.account || res.statusCode >= 300) return;
  if (op.key === 'POST /api/v1/auth/logout') {
    // Logout is fuzzed like every operation; it ends the caller's session, so the caller signs in again.
    caller.session = await signIn(caller.account, caller.password);
  } else if (op.key === 'POST /api/v1/auth/change-password' && payload) {
    caller.password = (JSON.parse(payload) as { newPassword: string }).newPassword;
  }
}

// ----- what the valid requests look like -----

const TARGETS: Record<string, keyof (typeof world)['a']> = {
  '/api/v1/projects/{id}/assessments': 'diag',
  '/api/v1/projects/{id}': 'draft',
  '/api/v1/projects/{id}/transitions': 'draft',
  '/api/v1/projects/{id}/withdraw-publication': 'diag',
  '/api/v1/projects/{id}/timeline': 'draft',
  '/api/v1/projects/{id}/reports': 'diag',
  '/api/v1/projects/{id}/evaluations': 'diag',
  '/api/v1/projects/{id}/revisions': 'diag',
  '/api/v1/projects/{id}/materials': 'diag',
  '/api/v1/projects/{id}/materials/{slotKey}': 'diag',
  '/api/v1/projects/{id}/materials/{slotKey}/versions': 'diag',
  '/api/v1/projects/{id}/contract': 'diag',
  '/api/v1/projects/{id}/contract/revisions': 'diag',
  '/api/v1/projects/{id}/targets': 'diag',
  '/api/v1/projects/{id}/targets/measured': 'diag',
  '/api/v1/projects/{id}/implementation': 'diag',
  '/api/v1/projects/{id}/training-sessions': 'diag',
  '/api/v1/projects/{id}/training-sessions/{sessionId}': 'diag',
  '/api/v1/projects/{id}/progress-notes': 'diag',
  '/api/v1/projects/{id}/acceptance': 'diag',
  '/api/v1/projects/{id}/provider-options': 'diag',
  '/api/v1/projects/{id}/provider-choice': 'diag',
  // Recommendation letters are addressed by uuid: a project's id names none of them (404 paths).
  '/api/v1/letters/{id}': 'draft',
  '/api/v1/letters/{id}/transitions': 'draft',
  '/api/v1/letters/{id}/materials/{slotKey}': 'draft',
  '/api/v1/letters/{id}/files/{fileId}': 'draft',
  '/api/v1/assessments/{id}': 'assessment',
  '/api/v1/assessments/{id}/answers': 'assessment',
  '/api/v1/assessments/{id}/submit': 'assessment',
  '/api/v1/assessments/{id}/report': 'assessment',
  '/api/v1/assessments/{id}/report.pdf': 'assessment',
  '/api/v1/delegations/{id}/revoke': 'delegation',
  // Provider oversight names a provider organisation (the care's organisation is none: 404) and numbered measures.
  '/api/v1/providers/{id}': 'org',
  '/api/v1/providers/{id}/measures': 'org',
  '/api/v1/providers/{id}/measures/{measureId}/lift': 'org',
  '/api/v1/provider/standing/measures/{id}/response': 'notification',
  // The bureau admin's account care acts on an organisation and member made for it (never on a caller's own:
  // deactivating those would end the callers' sessions).
  '/api/v1/admin/organizations/{id}': 'org',
  '/api/v1/admin/organizations/{id}/timeline': 'org',
  '/api/v1/admin/organizations/{id}/members': 'org',
  '/api/v1/admin/organizations/{id}/deactivate': 'org',
  '/api/v1/admin/organizations/{id}/reactivate': 'org',
  '/api/v1/admin/members/{userId}/deactivate': 'user',
  '/api/v1/admin/members/{userId}/reactivate': 'user',
  '/api/v1/admin/members/{userId}/reset-password': 'user',
  '/api/v1/admin/members/{userId}/unlock': 'user',
  '/api/v1/notifications/{id}/read': 'notification',
  // Materials are numbered like notifications: a well-formed id of nothing the caller may see (404 paths).
  '/api/v1/materials/{id}/download': 'notification',
  '/api/v1/materials/{id}': 'notification',
  // Catalog products and entries are addressed by uuid: a project's id names none of them (404 paths).
  '/api/v1/catalog/my-products/{id}': 'draft',
  '/api/v1/catalog/my-products/{id}/submit': 'draft',
  '/api/v1/catalog/my-products/{id}/withdraw': 'draft',
  '/api/v1/catalog/entries/{id}': 'draft',
  '/api/v1/catalog/entries/{id}/decision': 'draft',
  // Stages 7–8. Project routes name a project of A's that passed its evaluation (a subsidy application can be opened
  // for it); policies and budget pools are real (a draft policy and a pool made for the run, the other pair is B's).
  '/api/v1/projects/{id}/subsidy-application': 'ready',
  '/api/v1/projects/{id}/bank-account': 'ready',
  '/api/v1/projects/{id}/certificate': 'ready',
  '/api/v1/projects/{id}/certificate.pdf': 'ready',
  '/api/v1/projects/{id}/certificate/revoke': 'ready',
  '/api/v1/projects/{id}/application-pack.zip': 'ready',
  '/api/v1/pre-subsidies/candidates/{id}/suggestion': 'ready',
  '/api/v1/policies/{id}': 'policy',
  '/api/v1/policies/{id}/publish': 'policy',
  '/api/v1/policies/{id}/retire': 'policy',
  '/api/v1/policies/{id}/new-version': 'policy',
  '/api/v1/budget/pools/{id}': 'pool',
  // Reviews, batches, expert assignments, tranches, benchmarks, announcements and objections are addressed by their
  // own uuids: a project's id names none of them (the 404 paths; their deep paths are in their modules' own tests).
  '/api/v1/subsidy-reviews/{id}': 'draft',
  '/api/v1/subsidy-reviews/{id}/events/{event}': 'draft',
  '/api/v1/subsidy-reviews/{id}/experts': 'draft',
  '/api/v1/subsidy-reviews/{id}/experts/{assignmentId}/withdraw': 'draft',
  '/api/v1/decision-batches/{id}': 'draft',
  '/api/v1/decision-batches/{id}/decide': 'draft',
  '/api/v1/decision-batches/{id}/pack.zip': 'draft',
  '/api/v1/expert-reviews/{id}': 'draft',
  '/api/v1/expert-reviews/{id}/declaration': 'draft',
  '/api/v1/expert-reviews/{id}/review': 'draft',
  '/api/v1/expert-reviews/{id}/materials/{materialId}/download': 'draft',
  '/api/v1/disbursements/{id}': 'draft',
  '/api/v1/disbursements/{id}/pay': 'draft',
  '/api/v1/disbursements/{id}/fail': 'draft',
  '/api/v1/disbursements/{id}/retry': 'draft',
  '/api/v1/benchmarks/{id}': 'draft',
  '/api/v1/benchmarks/{id}/award-preview': 'draft',
  '/api/v1/benchmarks/{id}/events/{event}': 'draft',
  '/api/v1/announcements/{id}': 'draft',
  '/api/v1/announcements/{id}/finalise': 'draft',
  '/api/v1/objections/{id}/finding': 'draft',
  '/api/v1/objections/{id}/evidence/{sha256}': 'draft',
  '/api/v1/public/announcements/{id}': 'draft',
  '/api/v1/public/announcements/{id}/evidence': 'draft',
  '/api/v1/public/announcements/{id}/objections': 'draft',
};

function targetKind(op: Operation): keyof (typeof world)['a'] {
  const kind = TARGETS[op.path];
  if (!kind) throw new Error(`the fuzz test does not know which object ${op.path} addresses: add it to TARGETS`);
  return kind;
}

function validPathValues(op: Operation, rng: Rng): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of op.params.filter((x) => x.in === 'path')) {
    if (p.name === 'id' || p.name === 'userId') out[p.name] = world.a[targetKind(op)];
    else if (p.name === 'version') out.version = world.catalogVersion;
    else out[p.name] = String(exampleOf(p.schema, rng));
  }
  return out;
}

async function revisionOf(table: 'projects' | 'assessments', id: string): Promise<number> {
  if (table === 'projects') return (await t.db.select({ r: projects.revision }).from(projects).where(eq(projects.id, id)))[0]?.r ?? 1;
  return (await t.db.select({ r: assessments.revision }).from(assessments).where(eq(assessments.id, id)))[0]?.r ?? 1;
}

/** Semantic values the JSON schema cannot express (checksums, reference codes, unique accounts, current revisions). */
async function semanticOverlay(op: Operation, caller: Caller, rng: Rng): Promise<Record<string, unknown>> {
  const n = fresh();
  switch (op.key) {
    case 'POST /api/v1/auth/login':
      return { account: world.loginTarget, password: rng.pick([PASSWORD, 'Wrong0pass']) };
    case 'POST /api/v1/auth/change-password':
      return { currentPassword: caller.password, newPassword: `Fz${n}pass` };
    case 'POST /api/v1/auth/register':
      return {
        uscc: makeUscc(n),
        name: `中山市模糊测试${n}有限公司`,
        townCode: 'guzhen',
        industryCode: '38',
        employees: 80,
        annualRevenueFen: 12_000_000_00,
        address: '中山市古镇镇测试路1号',
        contactName: '王小明',
        contactMobile: mobileFor(n),
        email: `reg${n}@example.com`,
        password: PASSWORD,
      };
    case 'POST /api/v1/projects':
      return { ...completeFiling };
    case 'PATCH /api/v1/projects/{id}':
      return { ...completeFiling, revision: await revisionOf('projects', world.a.draft) };
    case 'POST /api/v1/projects/{id}/transitions':
      return { reason: '模糊测试的原因说明' };
    case 'POST /api/v1/projects/{id}/withdraw-publication':
      return { reason: '模糊测试撤回公示原因' };
    case 'POST /api/v1/admin/organizations':
      return {
        type: 'institution_comprehensive',
        name: `模糊测试机构${n}`,
        nameEn: `Fuzz institution ${n}`,
        uscc: makeUscc(n),
        townCode: 'guzhen',
        contactName: '李联系',
        contactMobile: mobileFor(n),
        member: { name: '机构账号人', mobile: mobileFor(n + 500_000), email: `org${n}@example.com`, password: PASSWORD },
      };
    case 'POST /api/v1/projects/{id}/assessments':
      return { mode: 'self' };
    case 'PUT /api/v1/assessments/{id}/answers':
      return { answers: { catalogVersion: world.catalogVersion, questions: {}, scenes: {}, inputs: {} }, revision: await revisionOf('assessments', world.a.assessment) };
    case 'POST /api/v1/assessments/{id}/submit':
      return { pledge: true, revision: await revisionOf('assessments', world.a.assessment) };
    case 'POST /api/v1/delegations':
      return { agentOrgId: world.leadingUnitId };
    case 'POST /api/v1/admin/organizations/{id}/members':
      return { name: '新增成员', mobile: mobileFor(n), email: `member${n}@example.com`, memberRole: 'member', bureauRole: undefined };
    default:
      return {};
  }
}

async function validBody(op: Operation, caller: Caller, rng: Rng): Promise<Record<string, unknown> | null> {
  if (!op.body) return null;
  const generated = exampleOf(op.body, rng) as Record<string, unknown>;
  return { ...generated, ...(await semanticOverlay(op, caller, rng)) };
}

// ----- the requests -----

/**
 * How deep one caller goes on one part (parameters or body) of one operation: every member of every relevant class,
 * one member of every class, or one member of a few classes picked by the generator.
 */
type Depth = 'every' | 'per-class' | 'sampled';

/**
 * Operations whose every request builds a whole file or report (spreadsheets, ZIP packs, PDFs, open data,
 * dashboards): each costs tens of milliseconds on an empty database, so their parameters get one member of every
 * class (not every member) even from the deep caller. Their handlers parse the same zod query schemas as the lists.
 */
const HEAVY = /\.(xlsx|zip|pdf|csv)$|\/open-data\/|\/dashboards\/|\/exports\//;

/**
 * Operations with large bodies (dozens of nested fields, each field tried with ~75 values by the deep caller) whose
 * valid request runs a computation or many statements: the deep caller sends every member for their parameters but
 * one member of every class for each body field (every field is still tried with every class).
 */
const LARGE_BODIES = new Set<string>([
  'POST /api/v1/admin/organizations',
  'POST /api/v1/auth/register',
  'PATCH /api/v1/budget/pools/{id}',
  'PUT /api/v1/projects/{id}/subsidy-application',
  'POST /api/v1/policies',
  'PATCH /api/v1/policies/{id}',
  'PATCH /api/v1/enterprise/profile',
]);

function depthOf(op: Operation, all: boolean): { params: Depth; body: Depth } {
  if (!all) return { params: 'sampled', body: 'sampled' };
  if (HEAVY.test(op.path)) return { params: 'per-class', body: 'per-class' };
  if (LARGE_BODIES.has(op.key)) return { params: 'every', body: 'per-class' };
  return { params: 'every', body: 'every' };
}

/** Every member of a short list (each member is its own class), or one picked by the generator. */
function chosen<T>(depth: Depth, rng: Rng, values: readonly T[]): readonly T[] {
  return depth === 'sampled' ? [rng.pick(values)] : values;
}

/** What a caller that does not go deep may send per operation (the valid request included). */
const SAMPLED_BUDGET = 16;
const HEAVY_SAMPLED_BUDGET = 4;

/** Thrown when a sampling caller has spent its budget on an operation: the rest of that operation is skipped. */
class OutOfBudget extends Error {}

/** How many value classes a caller that is not the exhaustive one tries per field (picked by the generator). */
const SAMPLED_CLASSES = 5;

/**
 * The members of the value classes to send to one field: the exhaustive caller sends every member of the classes
 * relevant to the field's type and one of each other class; other callers send one member of a few classes.
 */
function plan<T>(depth: Depth, rng: Rng, classes: ReadonlyArray<{ cls: string; values: readonly T[] }>, relevant: ReadonlySet<string>): T[] {
  if (depth === 'every') return classes.flatMap((c) => (relevant.has(c.cls) ? [...c.values] : [rng.pick(c.values)]));
  if (depth === 'per-class') return classes.map((c) => rng.pick(c.values));
  const pool = [...classes];
  const out: T[] = [];
  for (let i = 0; i < SAMPLED_CLASSES && pool.length > 0; i += 1) {
    const [c] = pool.splice(rng.int(0, pool.length - 1), 1);
    if (c) out.push(rng.pick(c.values));
  }
  return out;
}

/** The valid request got past the session and role gates into the use-case (so mutations reach it too). */
function reachedHandler(status: number): boolean {
  return status < 400 || status === 409 || status === 422;
}

const WHOLE_BODY: Array<{ cls: string; payload: string; contentType: string }> = [
  { cls: 'body-not-json', payload: 'not json', contentType: 'application/json' },
  { cls: 'body-truncated', payload: '{"a":', contentType: 'application/json' },
  { cls: 'body-array', payload: '[]', contentType: 'application/json' },
  { cls: 'body-null', payload: 'null', contentType: 'application/json' },
  { cls: 'body-string', payload: '"str"', contentType: 'application/json' },
  { cls: 'body-number', payload: '1e400', contentType: 'application/json' },
  { cls: 'body-proto', payload: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', contentType: 'application/json' },
  { cls: 'body-deep', payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' },
  { cls: 'body-empty', payload: '', contentType: 'application/json' },
  { cls: 'content-type-text', payload: '{"a":1}', contentType: 'text/plain' },
  { cls: 'content-type-form', payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
  { cls: 'content-type-multipart', payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', contentType: 'multipart/form-data; boundary=x' },
  { cls: 'content-type-charset', payload: '{"a":1}', contentType: 'application/json; charset=latin1' },
  { cls: 'content-type-missing', payload: '{"a":1}', contentType: '' },
];

/** Extra members of the value classes for free-form JSON (records): keys and nesting a JSON column must survive. */
function recordValues(): Mutation[] {
  // Deeper than JSON.stringify can write: sent as text.
  const deep = `${'{"d":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
  return [
    { kind: 'set', cls: 'record-content', value: { '\u0000': 1 } },
    { kind: 'set', cls: 'record-content', value: { questions: { q1: 'a\u0000b' } } },
    { kind: 'set', cls: 'record-content', value: { questions: { q1: '\ud800' } } },
    { kind: 'set', cls: 'record-content', value: { ['k'.repeat(20_000)]: 1 } },
    { kind: 'set', cls: 'record-content', value: { questions: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`q${i}`, i])) } },
    { kind: 'raw', cls: 'record-content', raw: deep },
    { kind: 'set', cls: 'record-content', value: { catalogVersion: 'x'.repeat(5000), questions: [], scenes: 'x', inputs: null } },
    { kind: 'raw', cls: 'record-content', raw: '{"questions":{"q1":1e400}}' },
  ];
}

async function fuzzOperation(caller: Caller, op: Operation, rng: Rng): Promise<void> {
  try {
    await fuzzOperationWithin(caller, op, rng);
  } catch (e) {
    if (!(e instanceof OutOfBudget)) throw e;
  }
}

async function fuzzOperationWithin(caller: Caller, op: Operation, rng: Rng): Promise<void> {
  const lang = rng.pick(['zh-CN', 'en']);
  let budget = Number.POSITIVE_INFINITY;
  let spent = 0;
  const pathValues = validPathValues(op, rng);
  const url = fillPath(op.path, pathValues);
  const queryParams = op.params.filter((p) => p.in === 'query');
  const go = async (where: string, cls: string, sample: string, method: Operation['method'], u: string, payload?: string, contentType?: string, change?: HeaderChange) => {
    spent += 1;
    if (spent > budget) throw new OutOfBudget();
    const t0 = performance.now();
    const res = await send(caller, method, u, payload, contentType, lang, change);
    const prof = profile.get(op.key) ?? { n: 0, ms: 0 };
    prof.n += 1;
    prof.ms += performance.now() - t0;
    profile.set(op.key, prof);
    record(caller, op, where, cls, sample, res);
    await after(caller, op, payload, res);
    return res;
  };

  // The valid request itself (query: every parameter at a valid value).
  const base = await validBody(op, caller, rng);
  const validQuery = queryParams.map((p) => `${p.name}=${encodeURIComponent(String(exampleOf(p.schema, rng)))}`).join('&');
  const valid = await go('valid', 'valid', validQuery, op.method, validQuery ? `${url}?${validQuery}` : url, base ? JSON.stringify(base) : undefined);
  // A caller whose valid request reaches the use-case sends every member of every class (the deep paths);
  // the others send one member per class (they stop at the same gate whatever the value).
  if (caller.account && valid.statusCode === 401 && op.key !== 'POST /api/v1/auth/login') {
    // The caller's session ended although nothing it sent should have ended it: say so, then sign in again.
    notes.push(`${caller.name}: session ended before ${op.key} (${valid.body.slice(0, 80)})`);
    caller.session = await signIn(caller.account, caller.password);
  }
  const all = (caller.exhaustive && !exhausted.has(op.key)) || (reachedHandler(valid.statusCode) && !exhausted.has(op.key));
  if (all) exhausted.add(op.key);
  else budget = HEAVY.test(op.path) ? HEAVY_SAMPLED_BUDGET : SAMPLED_BUDGET;
  const depth = depthOf(op, all);
  const ids = [world.b.draft, world.b.assessment, world.a.diag, world.leadingUnitId];

  // (a) Headers, on the otherwise valid request.
  // Each header change is its own class: the deep caller sends them all, the others one.
  for (const h of chosen(depth.params, rng, HEADER_CHANGES)) {
    const body = await validBody(op, caller, rng);
    await go(`header`, h.cls, h.cls, op.method, url, body ? JSON.stringify(body) : undefined, undefined, h.change);
  }

  // (a) Path parameters: random, malformed, and real ids of another enterprise's objects.
  for (const p of op.params.filter((x) => x.in === 'path')) {
    const real = pathValues[p.name] ?? '';
    const foreign = p.name === 'id' || p.name === 'userId' ? Object.values(world.b) : [];
    const variants: Array<[string, string]> = [
      ['random-uuid', rng.uuid()],
      ['nil-uuid', '00000000-0000-0000-0000-000000000000'],
      ['invalid-uuid', 'not-a-uuid'],
      ['uppercase', real.toUpperCase()],
      ['suffix', `${real}x`],
      ['nul', '%00'],
      ['traversal', '..%2F..%2Fetc%2Fpasswd'],
      ['injection', encodeURIComponent("1' OR '1'='1")],
      ['huge-string', 'a'.repeat(3000)],
      ['unicode', encodeURIComponent('😀𠮷')],
      ...foreign.map((id): [string, string] => ['other-enterprise', id]),
      ...Object.values(world.a).filter((id) => id !== real).map((id): [string, string] => ['other-kind-id', id]),
    ];
    // Others: a random uuid, the same kind of object of the other enterprise, and three more picked by the generator.
    // Parameters that name no object (a catalog version, a calendar year, a slot key) get a well-formed other value.
    const otherValue =
      p.name === 'id' || p.name === 'userId'
        ? world.b[targetKind(op)]
        : p.name === 'version'
          ? 'v0'
          : p.name === 'year'
            ? '2099'
            : p.name === 'slotKey'
              ? 'contract.contract'
              : p.name === 'code'
                ? 'ZSCERT-2099-00000'
                : String(exampleOf(p.schema, rng));
    const sameKind: [string, string] = ['other-enterprise', otherValue];
    const sampled = [variants[0] as [string, string], sameKind, rng.pick(variants), rng.pick(variants), rng.pick(variants)];
    for (const [cls, v] of depth.params === 'sampled' ? sampled : variants) {
      await go(`path:${p.name}`, cls, v, op.method, fillPath(op.path, { ...pathValues, [p.name]: v }), base ? JSON.stringify(await validBody(op, caller, rng)) : undefined);
    }
  }

  // (a) Query parameters, one at a time, and unknown ones.
  for (const p of queryParams) {
    const classes = queryClasses(p.schema);
    for (const v of plan(depth.params, rng, classes.flatMap((c) => ({ cls: c.cls, values: c.values.map((value) => ({ cls: c.cls, value })) })), relevantClasses(p.schema))) {
      await go(`query:${p.name}`, v.cls, v.value, op.method, `${url}?${p.name}=${v.value}`);
    }
    for (const v of chosen(depth.params, rng, ['1', 'x'])) await go(`query:${p.name}`, 'repeated', v, op.method, `${url}?${p.name}=${v}&${p.name}=${v}`);
    await go(`query:${p.name}`, 'bracket', 'x', op.method, `${url}?${p.name}[]=x&${p.name}[a]=y`);
  }
  for (const extra of chosen(depth.params, rng, ['unexpected=1', '__proto__=x', 'constructor[prototype]=x', `${'k'.repeat(2000)}=v`])) {
    await go('query:(extra)', 'extra-param', extra, op.method, `${url}?${extra}`);
  }

  if (!op.body) {
    // No body in the contract: a body sent anyway must not confuse the operation.
    if (op.method !== 'GET') for (const w of chosen(depth.body, rng, WHOLE_BODY)) await go('body', w.cls, w.payload, op.method, url, w.payload, w.contentType);
    return;
  }

  // (b) Whole-body malformations.
  for (const w of chosen(depth.body, rng, WHOLE_BODY)) await go('body', w.cls, w.payload, op.method, url, w.payload, w.contentType);

  // (b) The valid body mutated one field at a time (nested objects too), plus unknown fields on every object.
  const fields = fieldsOf(op.body);
  for (const f of fields) {
    const classes = valueClasses(f.schema, f.schema.format === 'uuid' ? ids : []);
    // Values already held by someone (unique columns: accounts, credit codes, names).
    if (f.schema.type === 'string' && !f.schema.enum) classes.push({ cls: 'taken', values: world.taken.map((value): Mutation => ({ kind: 'set', cls: 'taken', value })) });
    if (isRecordSchema(f.schema)) classes.push({ cls: 'record-content', values: recordValues() });
    for (const m of plan(depth.body, rng, classes, relevantClasses(f.schema))) {
      const body = await validBody(op, caller, rng);
      const payload = mutatedBody(body, f.path, m);
      await go(`body:${f.path.join('.')}`, m.cls, m.kind === 'set' ? JSON.stringify(m.value) ?? 'undefined' : m.kind === 'raw' ? m.raw : '(missing)', op.method, url, payload);
    }
  }
  const objects: string[][] = [[], ...fields.filter((f) => f.schema.properties).map((f) => f.path)];
  for (const at of objects) {
    for (const key of chosen(depth.body, rng, EXTRA_KEYS)) {
      const body = await validBody(op, caller, rng);
      await go(`body:${[...at, key].join('.')}`, 'extra-field', key, op.method, url, mutatedBody(body, [...at, key], { kind: 'set', cls: 'extra-field', value: { injected: true } }));
    }
  }
}

// ----- set-up -----

async function addCaller(name: string, made: { account: string } | null, exhaustive = false): Promise<void> {
  const caller: Caller = { name, account: made?.account ?? null, password: PASSWORD, ip: nextIp(), session: null, exhaustive };
  if (made) caller.session = await signIn(made.account, PASSWORD);
  callers.push(caller);
}

async function postAs(account: string, url: string, body: unknown): Promise<{ id: string }> {
  const c = new Client(t.app, nextIp());
  await c.login(account, PASSWORD);
  const res = await c.post<{ id: string }>(url, body);
  if (res.status >= 300) throw new Error(`set-up ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function userIdOf(account: string): Promise<string> {
  const [u] = await t.db.select({ id: users.id }).from(users).where(or(eq(users.mobile, account), eq(users.email, account)));
  if (!u) throw new Error(`no user ${account}`);
  return u.id;
}

async function enterpriseWorld(org: OrgRow, account: string, into: (typeof world)['a']): Promise<void> {
  into.draft = (await makeProject(t.db, { enterprise: org, state: 'draft' })).id;
  into.diag = (await makeProject(t.db, { enterprise: org, state: 'selfDiagnosis', diagnosisMode: 'self' })).id;
  into.assessment = (await postAs(account, `/api/v1/projects/${into.diag}/assessments`, { mode: 'self' })).id;
  into.delegation = (await postAs(account, '/api/v1/delegations', { agentOrgId: world.leadingUnitId })).id;
  await enqueueNotification(t.db, { to: [{ orgId: org.id }], projectId: into.draft, kind: 'fuzz', title: { zh: '通知', en: 'Notice' }, body: { zh: '正文', en: 'Text' }, link: null, email: false });
  await deliverPending(t.db, { channels: t.app.channels });
  const [n] = await t.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.orgId, org.id));
  into.notification = String(n?.id ?? '');
  into.ready = (await makeProjectReadyToApply(t.db, { enterprise: org, userId: await userIdOf(account) })).id;
  into.policy = (await makePolicy(t.db, { status: 'draft', effectiveFrom: '2027-01-01', effectiveTo: null })).id;
  poolYear += 1;
  into.pool = (await makePool(t.db, { year: poolYear, totalFen: 1_000_000_00 })).id;
}
let poolYear = 2090;

beforeAll(async () => {
  t = await startTestApp();
  const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  ops = operationsOf(doc.json());
  world.catalogVersion = (await t.app.inject({ method: 'GET', url: '/api/v1/assessment-catalogs' })).json<{ latest: string }>().latest;

  const a = await enterpriseWithUser(t.db);
  const b = await enterpriseWithUser(t.db);
  const lu = await orgWithUser(t.db, 'leading_unit');
  world.leadingUnitId = lu.org.id;
  const target = await enterpriseWithUser(t.db);
  world.loginTarget = target.account;
  world.taken = [target.account, target.org.uscc ?? '', target.org.name, lu.account, lu.org.name];
  await enterpriseWorld(a.org, a.account, world.a);
  await enterpriseWorld(b.org, b.account, world.b);
  const careTarget = await orgWithUser(t.db, 'institution_diagnostic');
  world.a.org = careTarget.org.id;
  world.a.user = await userIdOf(careTarget.account);
  world.b.org = b.org.id;
  world.b.user = await userIdOf(b.account);

  await addCaller('enterprise owner', a);
  await addCaller('bureau admin', await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' }));
  await addCaller('bureau reviewer', await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' }));
  await addCaller('bureau finance', await orgWithUser(t.db, 'bureau', { bureauRole: 'finance' }));
  await addCaller('comprehensive institution', await orgWithUser(t.db, 'institution_comprehensive'));
  await addCaller('diagnostic institution', await orgWithUser(t.db, 'institution_diagnostic'));
  await addCaller('leading unit', lu);
  await addCaller('town office', await orgWithUser(t.db, 'town', { townCode: a.org.townCode ?? 'xiaolan' }));
  await addCaller('expert', await orgWithUser(t.db, 'expert'));
  await addCaller('catalog provider', await orgWithUser(t.db, 'catalog_provider'));
  await addCaller('signed-out', null, true);
});

afterAll(async () => {
  const seconds = (elapsedMs / 1000).toFixed(1);
  if (violations.length > 0) console.log(`fuzz violations:\n${summary(violations).join('\n')}`);
  console.log(
    `fuzz (${TEST_DB_KIND}): ${counts.total} requests over ${ops.length} operations × ${callers.length} callers in ${seconds} s — ` +
      `2xx ${counts['2xx'] ?? 0}, 3xx ${counts['3xx'] ?? 0}, 4xx ${counts['4xx'] ?? 0}, 5xx ${counts['5xx'] ?? 0}; ${violations.length} violations`,
  );
  if (process.env.FUZZ_PROFILE) {
    const rows = [...profile.entries()].sort((x, y) => y[1].ms - x[1].ms);
    console.log(rows.map(([k, p]) => `${k}: ${p.n} requests, ${Math.round(p.ms)} ms, ${(p.ms / p.n).toFixed(1)} ms each`).join('\n'));
  }
  if (notes.length) console.log(`fuzz notes:\n${notes.join('\n')}`);
  await t?.close();
});

function summary(list: Violation[]): string[] {
  const grouped = new Map<string, { n: number; v: Violation }>();
  for (const v of list) {
    const key = `${v.op} ${v.where} ${v.cls}: ${v.problem}`;
    const g = grouped.get(key);
    if (g) g.n += 1;
    else grouped.set(key, { n: 1, v });
  }
  return [...grouped.entries()].map(([k, g]) => `${k} ×${g.n} (e.g. ${g.v.caller}, ${g.v.sample})`);
}

describe('OpenAPI-driven fuzz', () => {
  it('covers every operation of the document', () => {
    expect(ops.length).toBeGreaterThan(25);
    // Every operation with an {id} is known to the generator (throws otherwise).
    for (const op of ops) if (op.params.some((p) => p.in === 'path' && p.name === 'id')) targetKind(op);
  });

  const CALLERS = [
    'enterprise owner',
    'bureau admin',
    'bureau reviewer',
    'bureau finance',
    'comprehensive institution',
    'diagnostic institution',
    'leading unit',
    'town office',
    'expert',
    'catalog provider',
    'signed-out',
  ];
  CALLERS.forEach((name, i) => {
    it(`as ${name}: no 5xx and every 4xx in the error shape`, { timeout: 200_000 }, async () => {
      const caller = callers.find((c) => c.name === name);
      if (!caller) throw new Error(`no caller ${name}`);
      const rng = new Rng(SEED + i);
      const started = performance.now();
      for (const op of ops) await fuzzOperation(caller, op, rng);
      elapsedMs += performance.now() - started;
      const mine = violations.filter((v) => v.caller === name);
      expect(summary(mine)).toEqual([]);
    });
  });

  it('complete answers with extreme numeric inputs are kept or refused, and score, submit and report without a 5xx', { timeout: 120_000 }, async () => {
    // The generic mutations reach the answers' JSON but not its catalog codes: here every input of a complete,
    // valid answer set takes the same extreme value, then the set is saved, submitted and reported.
    const catalog = getCatalog(world.catalogVersion as Parameters<typeof getCatalog>[0]);
    const owner = callers.find((c) => c.name === 'enterprise owner');
    if (!owner?.account) throw new Error('no enterprise owner');
    const [org] = await t.db.select().from(organizations).where(eq(organizations.id, (await t.db.select({ o: users.orgId }).from(users).where(eq(users.id, await userIdOf(owner.account))))[0]?.o ?? ''));
    if (!org) throw new Error('no enterprise');
    const extremes: Array<number | null> = [null, 0, -1, -0.5, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 0.1 + 0.2, 1e-300];
    const seen: string[] = [];
    for (const [i, value] of extremes.entries()) {
      const project = await makeProject(t.db, { enterprise: org, state: 'selfDiagnosis', diagnosisMode: 'self' });
      const start = await send(owner, 'POST', `/api/v1/projects/${project.id}/assessments`, JSON.stringify({ mode: 'self' }));
      expect(start.statusCode, `start ${value}`).toBe(201);
      const { id } = start.json<{ id: string }>();
      const answers = randomCompleteAnswers(catalog, seededRng(SEED + i));
      // null: the generated set as it is (the control case).
      const inputs = value === null ? answers.inputs : Object.fromEntries(catalog.inputs.map((d) => [d.code, value]));
      const save = await send(owner, 'PUT', `/api/v1/assessments/${id}/answers`, JSON.stringify({ answers: { ...answers, inputs }, revision: 1 }));
      const submit = await send(owner, 'POST', `/api/v1/assessments/${id}/submit`, JSON.stringify({ pledge: true, revision: await revisionOf('assessments', id) }));
      const report = await send(owner, 'GET', `/api/v1/assessments/${id}/report`);
      const pdf = await send(owner, 'GET', `/api/v1/assessments/${id}/report.pdf`);
      seen.push(`${String(value)}: save ${save.statusCode}, submit ${submit.statusCode}, report ${report.statusCode}, pdf ${pdf.statusCode}`);
      for (const res of [save, submit, report, pdf]) expect(res.statusCode, seen[seen.length - 1]).toBeLessThan(500);
    }
    // The generated set goes all the way through; negative inputs are never submitted.
    expect(seen.find((x) => x.startsWith('null:'))).toMatch(/save 200, submit 200, report 200, pdf 200/);
    expect(seen.find((x) => x.startsWith('-1:'))).toMatch(/submit 4\d\d/);
    console.log(`extreme inputs: ${seen.join('; ')}`);
  });

  it('the same create or change sent six times at once: one wins, the others get a 4xx in the error shape, never a 5xx', { timeout: 120_000 }, async () => {
    // Unique and revision races only show where requests truly overlap (PostgreSQL's pool; PGlite runs them in turn).
    const owner = callers.find((c) => c.name === 'enterprise owner');
    const admin = callers.find((c) => c.name === 'bureau admin');
    if (!owner?.account || !admin?.account) throw new Error('callers missing');
    const ownerOrg = (await t.db.select().from(organizations).where(eq(organizations.id, (await t.db.select({ o: users.orgId }).from(users).where(eq(users.id, await userIdOf(owner.account))))[0]?.o ?? '')))[0];
    if (!ownerOrg) throw new Error('no enterprise');
    const n = fresh();
    const register = JSON.stringify({ uscc: makeUscc(n), name: `中山市并发注册${n}有限公司`, townCode: 'guzhen', industryCode: '38', employees: 80, annualRevenueFen: 12_000_000_00, contactName: '王小明', contactMobile: mobileFor(n), password: PASSWORD });
    const org = JSON.stringify({ type: 'expert', name: `并发机构${n}`, contactName: '李联系', contactMobile: mobileFor(n + 1), member: { name: '并发成员', mobile: mobileFor(n + 2), password: PASSWORD } });
    const member = JSON.stringify({ name: '并发新增', mobile: mobileFor(n + 3) });
    const draft = await makeProject(t.db, { enterprise: ownerOrg, state: 'draft' });
    await send(owner, 'PATCH', `/api/v1/projects/${draft.id}`, JSON.stringify({ ...completeFiling, revision: draft.revision }));
    const diag = await makeProject(t.db, { enterprise: ownerOrg, state: 'selfDiagnosis', diagnosisMode: 'self' });
    const filing = JSON.stringify({ ...completeFiling, title: `并发备案${n}` });
    const races: Array<[string, () => Promise<LightMyRequestResponse>]> = [
      ['register', () => send({ ...callers.find((c) => c.name === 'signed-out')!, ip: nextIp() }, 'POST', '/api/v1/auth/register', register)],
      ['create organisation', () => send(admin, 'POST', '/api/v1/admin/organizations', org)],
      ['add member', () => send(admin, 'POST', `/api/v1/admin/organizations/${world.a.org}/members`, member)],
      ['create project', () => send(owner, 'POST', '/api/v1/projects', filing)],
      ['edit project', async () => send(owner, 'PATCH', `/api/v1/projects/${draft.id}`, JSON.stringify({ title: `并发修改${n}`, revision: draft.revision + 1 }))],
      ['submit filing', () => send(owner, 'POST', `/api/v1/projects/${draft.id}/transitions`, JSON.stringify({ event: 'submitFiling' }))],
      ['start assessment', () => send(owner, 'POST', `/api/v1/projects/${diag.id}/assessments`, JSON.stringify({ mode: 'self' }))],
      ['grant delegation', () => send(owner, 'POST', '/api/v1/delegations', JSON.stringify({ agentOrgId: world.leadingUnitId }))],
    ];
    const outcome: string[] = [];
    for (const [name, run] of races) {
      const results = await Promise.all(Array.from({ length: 6 }, () => run()));
      outcome.push(`${name}: ${results.map((r) => r.statusCode).join(' ')}`);
      for (const res of results) {
        expect(res.statusCode, `${name}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json(), name).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }
      expect(results.filter((r) => r.statusCode < 300).length, name).toBeGreaterThanOrEqual(name === 'grant delegation' ? 0 : 1);
    }
    console.log(`races (${TEST_DB_KIND}): ${outcome.join('; ')}`);
    // However the six were answered, each thing exists once.
    const once = async (q: ReturnType<typeof sql>) => Number((await t.db.execute<{ n: number }>(q)).rows[0]?.n);
    expect(await once(sql`select count(*)::int as n from organizations where name = ${`并发机构${n}`}`), 'organisations').toBe(1);
    expect(await once(sql`select count(*)::int as n from users where mobile = ${mobileFor(n + 2)}`), 'organisation members').toBe(1);
    expect(await once(sql`select count(*)::int as n from users where mobile = ${mobileFor(n + 3)}`), 'added members').toBe(1);
    expect(await once(sql`select count(*)::int as n from projects where title = ${`并发备案${n}`}`), 'projects').toBe(1);
    expect(await once(sql`select count(*)::int as n from assessments where project_id = ${diag.id}`), 'assessments').toBe(1);
  });

  it('sent every value class in full for every operation (by one caller or another; one member per class where bounded)', () => {
    expect(ops.map((o) => o.key).filter((k) => !exhausted.has(k))).toEqual([]);
  });
});

/**
 * The demo data as `npm start` loads it into an empty database: the base data, then the stage 2b situations made
 * through the use-cases: a 机构诊断 project waiting for assignment, one with an open evidence request, one whose
 * report awaits the enterprise's confirmation, one overdue at the institution. Loading twice adds nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { DiskFileStore } from '../../src/server/files';
import { ensureDemoData } from '../../src/db/demo';
import { DEMO_EVIDENCE_REQUEST, DEMO_REPORT_SUMMARY, STAGE2B_DEMO_FLAG, STAGE2B_ENTERPRISES, ensureStage2bDemo } from '../../src/server/demo/stage2b';

interface Summary {
  id: string;
  enterpriseName: string;
  state: string;
  stage: number;
  dueOn: string | null;
  overdue: boolean;
}
interface Page {
  items: Summary[];
  total: number;
}
interface Detail extends Summary {
  diagnosisInstitution: { id: string; name: string } | null;
  deadline: { dueOn: string; overdue: boolean } | null;
  actions: Array<{ event: string; allowed: boolean }>;
}
interface Checklist {
  slots: Array<{ key: string; requested: { note: string } | null; present: boolean; canUpload: boolean; files: Array<{ id: string; fileName: string; mime: string }> }>;
}
interface Report {
  kind: string;
  version: number;
  state: string;
  institutionName: string | null;
  data: Record<string, unknown>;
}

const PASSWORD = 'Demo2026';
const [FOODS, PLASTICS, TEXTILES] = STAGE2B_ENTERPRISES;
let t: TestApp;
let filesDir: string;
let store: DiskFileStore;

async function signIn(account: string): Promise<Client> {
  const c = new Client(t.app);
  await c.login(account, PASSWORD);
  return c;
}

/** The enterprise's only project, as the enterprise sees it. */
async function projectOf(c: Client): Promise<Detail> {
  const list = await c.get<Page>('/api/v1/projects');
  expect(list.status).toBe(200);
  expect(list.body.items).toHaveLength(1);
  const d = await c.get<Detail>(`/api/v1/projects/${list.body.items[0]?.id}`);
  expect(d.status).toBe(200);
  return d.body;
}

beforeAll(async () => {
  filesDir = mkdtempSync(join(tmpdir(), 'zs-demo-files-'));
  store = new DiskFileStore(filesDir);
  t = await startTestApp({}, { files: store });
  expect(await ensureDemoData(t.db)).toBe(true);
  expect(await ensureStage2bDemo(t.db, store, t.app.uploadMaxBytes)).toBe(true);
}, 120_000);
afterAll(async () => {
  await t.close();
  rmSync(filesDir, { recursive: true, force: true });
});

describe('demo data: stage 2b situations', () => {
  it('keeps the base 机构诊断 project waiting for assignment, in the bureau queue', async () => {
    const ent = await signIn('13800000002');
    const p = await projectOf(ent);
    expect(p.state).toBe('awaitingDiagnosisAssignment');
    const bureau = await signIn('reviewer@zs-pilot.cn');
    const queue = await bureau.get<Page>('/api/v1/projects?state=awaitingDiagnosisAssignment');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i) => i.id)).toContain(p.id);
  });

  it('(a) an accepted diagnosis with an open evidence request on the enterprise checklist', async () => {
    const ent = await signIn(FOODS.mobile);
    const p = await projectOf(ent);
    expect(p.state).toBe('institutionDiagnosis');
    expect(p.diagnosisInstitution?.name).toBe('北京机械工业自动化研究所有限公司');
    expect(p.deadline?.overdue).toBe(false);
    const list = await ent.get<Checklist>(`/api/v1/projects/${p.id}/materials`);
    expect(list.status).toBe(200);
    const requested = list.body.slots.filter((s) => s.requested).map((s) => s.key);
    expect(requested.sort()).toEqual([...DEMO_EVIDENCE_REQUEST.slots].sort());
    for (const s of list.body.slots.filter((x) => x.requested)) {
      expect(s.requested?.note).toBe(DEMO_EVIDENCE_REQUEST.note);
      expect(s.present).toBe(false);
      expect(s.canUpload).toBe(true);
    }
    // the institution has it in progress
    const inst = await signIn('riamb@zs-pilot.cn');
    const tasks = await inst.get<{ items: Array<{ id: string }> }>('/api/v1/tasks?bucket=inProgress');
    expect(tasks.body.items.map((i) => i.id)).toEqual([p.id]);
  });

  it('(b) a report awaiting the enterprise confirmation, its PDFs downloadable', async () => {
    const ent = await signIn(PLASTICS.mobile);
    const p = await projectOf(ent);
    expect(p.state).toBe('diagnosisConfirmation');
    expect(p.diagnosisInstitution?.name).toBe('中国信息通信研究院');
    expect(p.actions.find((a) => a.event === 'confirmDiagnosisReport')?.allowed).toBe(true);
    const reports = await ent.get<Report[]>(`/api/v1/projects/${p.id}/reports`);
    expect(reports.status).toBe(200);
    expect(reports.body).toHaveLength(1);
    const r = reports.body[0];
    expect(r).toMatchObject({ kind: 'diagnosis', version: 1, state: 'uploaded', institutionName: '中国信息通信研究院' });
    expect(r?.data).toMatchObject(DEMO_REPORT_SUMMARY);

    const list = await ent.get<Checklist>(`/api/v1/projects/${p.id}/materials`);
    const withFiles = list.body.slots.filter((s) => s.files.length > 0).map((s) => s.key);
    expect(withFiles.sort()).toEqual(['diagnosis.financials', 'diagnosis.policies', 'diagnosis.report', 'diagnosis.systems']);
    const reportFile = list.body.slots.find((s) => s.key === 'diagnosis.report')?.files[0];
    expect(reportFile?.mime).toBe('application/pdf');
    const dl = await ent.get<string>(`/api/v1/materials/${reportFile?.id}/download`);
    expect(dl.status).toBe(200);
    expect(dl.raw.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(dl.raw.rawPayload.subarray(-6).toString('latin1')).toContain('%%EOF');

    const inst = await signIn('caict@zs-pilot.cn');
    const tasks = await inst.get<{ items: Array<{ id: string }> }>('/api/v1/tasks?bucket=awaitingConfirmation');
    expect(tasks.body.items.map((i) => i.id)).toEqual([p.id]);
  });

  it('(c) an assignment not accepted past its due date: overdue in the bureau list', async () => {
    const ent = await signIn(TEXTILES.mobile);
    const p = await projectOf(ent);
    expect(p.state).toBe('diagnosisAssigned');
    expect(p.diagnosisInstitution?.name).toBe('广东省电信规划设计院有限公司');

    const bureau = await signIn('reviewer@zs-pilot.cn');
    const overdue = await bureau.get<Page>('/api/v1/projects?overdue=1');
    expect(overdue.status).toBe(200);
    expect(overdue.body.items.map((i) => i.id)).toEqual([p.id]);
    const row = overdue.body.items[0];
    expect(row?.overdue).toBe(true);
    expect(row?.dueOn && row.dueOn < new Date().toISOString().slice(0, 10)).toBe(true);
    const detail = await bureau.get<Detail>(`/api/v1/projects/${p.id}`);
    expect(detail.body.deadline?.overdue).toBe(true);

    const inst = await signIn('gdtpri@zs-pilot.cn');
    const tasks = await inst.get<{ items: Array<{ id: string }> }>('/api/v1/tasks?bucket=toAccept');
    expect(tasks.body.items.map((i) => i.id)).toEqual([p.id]);
    // the other institutions do not see it
    expect((await (await signIn('riamb@zs-pilot.cn')).get(`/api/v1/projects/${p.id}`)).status).toBe(404);
  });

  it("shows each town office its own town's new filing, with the overdue flag", async () => {
    for (const [e, state, overdue] of [
      [FOODS, 'institutionDiagnosis', false],
      [PLASTICS, 'diagnosisConfirmation', false],
      [TEXTILES, 'diagnosisAssigned', true],
    ] as const) {
      const town = await signIn(`town-${e.town}@zs-pilot.cn`);
      const list = await town.get<Page>('/api/v1/projects');
      expect(list.status).toBe(200);
      expect(list.body.items.map((i) => [i.enterpriseName, i.state, i.overdue])).toEqual([[e.name, state, overdue]]);
    }
  });

  it('was built through the use-cases: the audit trail holds each step, by the acting organisation', async () => {
    const rows = await t.db.execute<{ name: string; actions: string }>(sql`
      select p.enterprise_name as name, string_agg(a.action, ',' order by a.id) as actions
      from projects p join audit_events a on a.project_id = p.id
      where p.enterprise_name in (${FOODS.name}, ${PLASTICS.name}, ${TEXTILES.name})
      group by p.enterprise_name`);
    const by = Object.fromEntries(rows.rows.map((r) => [r.name, r.actions.split(',')]));
    expect(by[FOODS.name]).toEqual(expect.arrayContaining(['project.created', 'project.updated', 'project.submitFiling', 'project.assignDiagnosisInstitution', 'project.acceptDiagnosisTask', 'project.requestEvidence']));
    expect(by[PLASTICS.name]).toEqual(expect.arrayContaining(['material.uploaded', 'project.submitDiagnosisReport']));
    expect(by[PLASTICS.name]?.filter((a) => a === 'material.uploaded')).toHaveLength(4);
    expect(by[TEXTILES.name]).toContain('project.assignDiagnosisInstitution');
    expect(by[TEXTILES.name]).not.toContain('project.acceptDiagnosisTask');
  });

  it('loads once: a second start adds nothing', async () => {
    const count = async () => {
      const r = await t.db.execute<{ orgs: number; projects: number; materials: number; audits: number }>(
        sql`select (select count(*)::int from organizations) as orgs, (select count(*)::int from projects) as projects, (select count(*)::int from materials) as materials, (select count(*)::int from audit_events) as audits`,
      );
      return r.rows[0];
    };
    const before = await count();
    expect(await ensureDemoData(t.db)).toBe(false);
    expect(await ensureStage2bDemo(t.db, store, t.app.uploadMaxBytes)).toBe(false);
    expect(await count()).toEqual(before);
    const flag = await t.db.execute<{ value: string }>(sql`select value from system_meta where key = ${STAGE2B_DEMO_FLAG}`);
    expect(flag.rows[0]?.value).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe('demo data: stage 2b needs the base demo', () => {
  it('does nothing on a database without the base demo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zs-demo-files-'));
    const other = await startTestApp({}, { files: new DiskFileStore(dir) });
    try {
      expect(await ensureStage2bDemo(other.db, other.app.files, other.app.uploadMaxBytes)).toBe(false);
      const r = await other.db.execute<{ n: number }>(sql`select count(*)::int as n from organizations`);
      expect(Number(r.rows[0]?.n)).toBe(0);
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

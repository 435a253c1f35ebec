import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from 'unpdf';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { eq } from 'drizzle-orm';
import { makeProject } from '../../src/db/factories';
import { assessments } from '../../src/db/schema';
import { answersForTargetLevel, getCatalog } from '../../src/core/assessment';
import { ensureDemoData } from '../../src/db/demo';

interface Detail {
  id: string;
  mode: string;
  status: string;
  revision: number;
  base: number | null;
  level: number | null;
  answers: Record<string, unknown>;
  live: { base: number; level: number; problems: Array<{ path: string; code: string }>; complete: boolean; progress: { questionsAnswered: number } };
  abilities: { edit: boolean; submit: boolean; report: boolean };
}
interface Err {
  code: string;
  message: string;
  details: { problems?: Array<{ path: string; code: string; message: { zh: string } }> };
}

const catalog = getCatalog('2024');
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await ensureDemoData(t.db); // catalog products for recommendations
});
afterAll(async () => {
  await t?.close();
});

async function enterpriseAt(state: string, extra: Parameters<typeof makeProject>[1] extends infer P ? Partial<P & object> : never = {}) {
  const e = await enterpriseWithUser(t.db, { name: `中山市评测测试${Math.floor(Math.random() * 1e6)}灯饰有限公司` });
  const project = await makeProject(t.db, { enterprise: e.org, state, ...extra });
  const c = new Client(t.app);
  await c.login(e.account, PASSWORD);
  return { ...e, project, c };
}

describe('self-diagnosis (stage 2a)', () => {
  it('saves a draft, resumes it, submits with the pledge, moves the project on, and gives the report', async () => {
    const { c, project, org } = await enterpriseAt('selfDiagnosis');
    const start = await c.post<Detail>(`/api/v1/projects/${project.id}/assessments`, { mode: 'self' });
    expect(start.status).toBe(201);
    const again = await c.post<Detail>(`/api/v1/projects/${project.id}/assessments`, { mode: 'self' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(start.body.id);

    const partial = { questions: { network: { choices: ['B', 'C'] } }, scenes: { quality: 2 } };
    const saved = await c.request<Detail>('PUT', `/api/v1/assessments/${start.body.id}/answers`, { answers: partial, revision: start.body.revision });
    expect(saved.status).toBe(200);
    expect(saved.body.live.progress.questionsAnswered).toBe(1);
    expect(saved.body.live.complete).toBe(false);
    expect(saved.body.abilities.submit).toBe(false);

    const resumed = await c.get<Detail>(`/api/v1/assessments/${start.body.id}`);
    expect(resumed.body.answers).toMatchObject(partial);

    const incomplete = await c.post<Err>(`/api/v1/assessments/${start.body.id}/submit`, { pledge: true, revision: resumed.body.revision });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.code).toBe('ASSESSMENT_INVALID');
    expect(incomplete.body.details.problems?.some((p) => p.code === 'MISSING_ANSWER')).toBe(true);

    const full = answersForTargetLevel(catalog, 2);
    const complete = await c.request<Detail>('PUT', `/api/v1/assessments/${start.body.id}/answers`, { answers: full, revision: resumed.body.revision });
    expect(complete.body.live.complete).toBe(true);
    expect(complete.body.live.level).toBe(2);

    const noPledge = await c.post<Err>(`/api/v1/assessments/${start.body.id}/submit`, { pledge: false, revision: complete.body.revision });
    expect(noPledge.body.code).toBe('PLEDGE_REQUIRED');

    const submitted = await c.post<Detail>(`/api/v1/assessments/${start.body.id}/submit`, { pledge: true, revision: complete.body.revision });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.level).toBe(2);
    expect(submitted.body.abilities.report).toBe(true);

    // A read of the submitted assessment shows the score frozen at submission, the same as the complete draft's,
    // and does not score the stored answers again (emptied here behind the platform's back: the result stays).
    const read = await c.get<Detail>(`/api/v1/assessments/${start.body.id}`);
    expect(read.body.live).toEqual({ ...complete.body.live, problems: [] });
    await t.db.update(assessments).set({ answers: { catalogVersion: catalog.version, questions: {}, scenes: {}, inputs: {} } }).where(eq(assessments.id, start.body.id));
    t.app.cacheBus.invalidate(['*']);
    const frozen = await c.get<Detail>(`/api/v1/assessments/${start.body.id}`);
    expect(frozen.headers['x-cache']).toBe('miss');
    expect(frozen.body.live.level).toBe(2);
    expect(frozen.body.live.complete).toBe(true);

    const twice = await c.post<Err>(`/api/v1/assessments/${start.body.id}/submit`, { pledge: true, revision: submitted.body.revision });
    expect(twice.status).toBe(409);
    const edit = await c.request<Err>('PUT', `/api/v1/assessments/${start.body.id}/answers`, { answers: partial, revision: submitted.body.revision });
    expect(edit.status).toBe(409);

    const p = await c.get<{ state: string; stage: number }>(`/api/v1/projects/${project.id}`);
    expect(p.body.state).toBe('diagnosed');
    expect(p.body.stage).toBe(3);

    const report = await c.get<{ enterprise: { name: string }; result: { level: { level: number; next: { missingSummary: { zh: string } } } }; recommendations: unknown[] }>(
      `/api/v1/assessments/${start.body.id}/report`,
    );
    expect(report.body.enterprise.name).toBe(org.name);
    expect(report.body.result.level.level).toBe(2);
    expect(report.body.result.level.next.missingSummary.zh).toContain('三级');
    expect(report.body.recommendations.length).toBeGreaterThan(0);

    const pdf = await c.request('GET', `/api/v1/assessments/${start.body.id}/report.pdf`);
    expect(pdf.status).toBe(200);
    expect(String(pdf.headers['content-type'])).toContain('application/pdf');
    const text = (await extractText(new Uint8Array(pdf.raw.rawPayload), { mergePages: true })).text;
    expect(text).toContain(org.name);
    expect(text).toContain('二级');
  });

  it('keeps contradictory answers as a draft and lists every problem', async () => {
    const { c, project } = await enterpriseAt('selfDiagnosis');
    const a = await c.post<Detail>(`/api/v1/projects/${project.id}/assessments`, { mode: 'self' });
    const bad = {
      questions: { network: { choices: ['A', 'B'] }, equipmentDigitalRate: { choice: 'E' } },
      inputs: { productionEquipment: 100, digitalEquipment: 35, networkedEquipment: 150 },
      scenes: {},
    };
    const saved = await c.request<Detail>('PUT', `/api/v1/assessments/${a.body.id}/answers`, { answers: bad, revision: a.body.revision });
    expect(saved.status).toBe(200);
    const codes = saved.body.live.problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['EXCLUSIVE_COMBINED', 'BAND_CONTRADICTS_INPUTS', 'RATIO_OVER_100']));
    const malformed = await c.request<Err>('PUT', `/api/v1/assessments/${a.body.id}/answers`, { answers: { scenes: { quality: 7 } }, revision: saved.body.revision });
    expect(malformed.status).toBe(422);
    expect(malformed.body.details.problems?.[0]?.code).toBe('SCENE_LEVEL_INVALID');
    const still = await c.get<Detail>(`/api/v1/assessments/${a.body.id}`);
    expect(still.body.answers).toMatchObject({ questions: bad.questions });
    const stale = await c.request<Err>('PUT', `/api/v1/assessments/${a.body.id}/answers`, { answers: bad, revision: a.body.revision });
    expect(stale.body.code).toBe('CONFLICT');
  });

  it('refuses the self-diagnosis outside its stage and to other roles; other enterprises get 404', async () => {
    const filedInstitution = await enterpriseAt('awaitingDiagnosisAssignment', { diagnosisMode: 'institution' });
    const wrongStage = await filedInstitution.c.post<Err>(`/api/v1/projects/${filedInstitution.project.id}/assessments`, { mode: 'self' });
    expect(wrongStage.status).toBe(409);
    expect(wrongStage.body.code).toBe('STAGE_NOT_ALLOWED');

    const { c, project } = await enterpriseAt('selfDiagnosis');
    const evalByEnterprise = await c.post<Err>(`/api/v1/projects/${project.id}/assessments`, { mode: 'evaluation' });
    expect(evalByEnterprise.status).toBe(403);
    const a = await c.post<Detail>(`/api/v1/projects/${project.id}/assessments`, { mode: 'self' });

    const other = await enterpriseAt('selfDiagnosis');
    expect((await other.c.get(`/api/v1/assessments/${a.body.id}`)).status).toBe(404);
    expect((await other.c.request('PUT', `/api/v1/assessments/${a.body.id}/answers`, { answers: {}, revision: 1 })).status).toBe(404);
    expect((await other.c.get(`/api/v1/assessments/${a.body.id}/report.pdf`)).status).toBe(404);
    expect((await other.c.post(`/api/v1/projects/${project.id}/assessments`, { mode: 'self' })).status).toBe(404);

    const reviewer = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
    const r = new Client(t.app);
    await r.login(reviewer.account, PASSWORD);
    expect((await r.post<Err>(`/api/v1/projects/${project.id}/assessments`, { mode: 'self' })).status).toBe(403);
    // The enterprise's own draft is not the bureau's to read.
    expect((await r.get(`/api/v1/assessments/${a.body.id}`)).status).toBe(404);
  });
});

describe('institution diagnosis and effect evaluation', () => {
  it('only the assigned institution fills the institution diagnosis; its draft stays private until submitted', async () => {
    const inst = await orgWithUser(t.db, 'institution_diagnostic');
    const otherInst = await orgWithUser(t.db, 'institution_diagnostic');
    const { c, project } = await enterpriseAt('institutionDiagnosis', { diagnosisMode: 'institution', diagnosisInstitutionId: inst.org.id });
    const ic = new Client(t.app);
    await ic.login(inst.account, PASSWORD);
    const oc = new Client(t.app);
    await oc.login(otherInst.account, PASSWORD);
    expect((await oc.post(`/api/v1/projects/${project.id}/assessments`, { mode: 'institution' })).status).toBe(404);
    expect((await c.post<Err>(`/api/v1/projects/${project.id}/assessments`, { mode: 'institution' })).status).toBe(403);
    const a = await ic.post<Detail>(`/api/v1/projects/${project.id}/assessments`, { mode: 'institution' });
    expect(a.status).toBe(201);
    expect((await c.get(`/api/v1/assessments/${a.body.id}`)).status).toBe(404);
    const filled = await ic.request<Detail>('PUT', `/api/v1/assessments/${a.body.id}/answers`, { answers: answersForTargetLevel(catalog, 1), revision: a.body.revision });
    const done = await ic.post<Detail>(`/api/v1/assessments/${a.body.id}/submit`, { pledge: true, revision: filled.body.revision });
    expect(done.body.level).toBe(1);
    expect((await c.get<Detail>(`/api/v1/assessments/${a.body.id}`)).status).toBe(200);
  });

  it('the effect evaluation is for the assigned comprehensive institution only, and its report compares before and after', async () => {
    const comp = await orgWithUser(t.db, 'institution_comprehensive');
    const diag = await orgWithUser(t.db, 'institution_diagnostic');
    const { c, project } = await enterpriseAt('selfDiagnosis');
    const self = await c.post<Detail>(`/api/v1/projects/${project.id}/assessments`, { mode: 'self' });
    const filled = await c.request<Detail>('PUT', `/api/v1/assessments/${self.body.id}/answers`, { answers: answersForTargetLevel(catalog, 1), revision: self.body.revision });
    await c.post(`/api/v1/assessments/${self.body.id}/submit`, { pledge: true, revision: filled.body.revision });

    // Stage 6 assignment screens come later: place the project at the evaluation with an institution assigned.
    await t.db.execute(`update projects set state = 'evaluationInProgress', stage = 6, evaluation_institution_id = '${diag.org.id}' where id = '${project.id}'`);
    const dc = new Client(t.app);
    await dc.login(diag.account, PASSWORD);
    const byDiagnostic = await dc.post<Err>(`/api/v1/projects/${project.id}/assessments`, { mode: 'evaluation' });
    expect(byDiagnostic.status).toBe(403);
    expect(byDiagnostic.body.message).toContain('综合型');

    await t.db.execute(`update projects set evaluation_institution_id = '${comp.org.id}' where id = '${project.id}'`);
    const cc = new Client(t.app);
    await cc.login(comp.account, PASSWORD);
    const ev = await cc.post<Detail>(`/api/v1/projects/${project.id}/assessments`, { mode: 'evaluation' });
    expect(ev.status).toBe(201);
    const evFilled = await cc.request<Detail>('PUT', `/api/v1/assessments/${ev.body.id}/answers`, { answers: answersForTargetLevel(catalog, 3), revision: ev.body.revision });
    const evDone = await cc.post<Detail>(`/api/v1/assessments/${ev.body.id}/submit`, { pledge: true, revision: evFilled.body.revision });
    expect(evDone.body.level).toBe(3);
    const report = await c.get<{ kind: string; comparison: { level: { before: number; after: number } } }>(`/api/v1/assessments/${ev.body.id}/report`);
    expect(report.body.kind).toBe('evaluation');
    expect(report.body.comparison.level).toMatchObject({ before: 1, after: 3 });
    const guard = await c.get<{ actions: Array<{ event: string }> }>(`/api/v1/projects/${project.id}`);
    expect(guard.status).toBe(200);
  });
});

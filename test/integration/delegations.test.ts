import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { and, eq } from 'drizzle-orm';
import { makeProject, makeUser } from '../../src/db/factories';
import { auditEvents, materials, projects, workflowTransitions } from '../../src/db/schema';
import { pdf } from '../support/sample-files';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('delegation to a leading unit', () => {
  it('an enterprise authorises a leading unit, which then sees its filed projects; revoking ends it', async () => {
    const e = await enterpriseWithUser(t.db);
    const lu = await orgWithUser(t.db, 'leading_unit');
    const other = await orgWithUser(t.db, 'institution_diagnostic');
    const ec = new Client(t.app);
    await ec.login(e.account, PASSWORD);
    const lc = new Client(t.app);
    await lc.login(lu.account, PASSWORD);
    const project = await makeProject(t.db, { enterprise: e.org, state: 'selfDiagnosis' });

    expect((await lc.get(`/api/v1/projects/${project.id}`)).status).toBe(404);
    const wrong = await ec.post<{ code: string }>('/api/v1/delegations', { agentOrgId: other.org.id });
    expect(wrong.status).toBe(400);
    const granted = await ec.post<{ id: string; agentName: string }>('/api/v1/delegations', { agentOrgId: lu.org.id });
    expect(granted.status).toBe(201);
    const twice = await ec.post<{ id: string }>('/api/v1/delegations', { agentOrgId: lu.org.id });
    expect(twice.body.id).toBe(granted.body.id);

    const seen = await lc.get<{ id: string }>(`/api/v1/projects/${project.id}`);
    expect(seen.status).toBe(200);
    // Holding one enterprise's authorisation does not make the unit a delegate of another enterprise it serves.
    const served = await enterpriseWithUser(t.db);
    const servedProject = await makeProject(t.db, { enterprise: served.org, state: 'contracting', providerOrgId: lu.org.id });
    const asProvider = await lc.get<{ actions: Array<{ event: string }> }>(`/api/v1/projects/${servedProject.id}`);
    expect(asProvider.status).toBe(200);
    expect(asProvider.body.actions.map((x) => x.event)).not.toContain('submitContract');
    const submitAsDelegate = await lc.post<{ code: string }>(`/api/v1/projects/${servedProject.id}/transitions`, { event: 'submitContract' });
    expect(submitAsDelegate.status).toBe(403);
    const held = await lc.get<Array<{ enterpriseId: string }>>('/api/v1/delegations');
    expect(held.body.map((d) => d.enterpriseId)).toContain(e.org.id);
    expect((await lc.post('/api/v1/delegations', { agentOrgId: lu.org.id })).status).toBe(403);
    expect((await lc.post(`/api/v1/delegations/${granted.body.id}/revoke`)).status).toBe(403);

    const revoked = await ec.post<{ revokedAt: string | null }>(`/api/v1/delegations/${granted.body.id}/revoke`);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await lc.get(`/api/v1/projects/${project.id}`)).status).toBe(404);
    const someoneElse = await enterpriseWithUser(t.db);
    const sc = new Client(t.app);
    await sc.login(someoneElse.account, PASSWORD);
    expect((await sc.post(`/api/v1/delegations/${granted.body.id}/revoke`)).status).toBe(404);
  });
});

describe('authorisations are the owner’s, delegated actions are recorded for both parties', () => {
  async function signIn(account: string): Promise<Client> {
    const c = new Client(t.app);
    await c.login(account, PASSWORD);
    return c;
  }

  it('a member account of the enterprise may not grant or revoke (OWNER_ONLY); the owner may', async () => {
    const e = await enterpriseWithUser(t.db);
    const lu = await orgWithUser(t.db, 'leading_unit');
    const seq = Date.now() % 100_000_000;
    const memberAccount = `13${String(seq).padStart(9, '0')}`;
    await makeUser(t.db, { orgId: e.org.id, name: '普通成员', mobile: memberAccount, password: PASSWORD, memberRole: 'member' });
    const member = await signIn(memberAccount);
    const owner = await signIn(e.account);
    const refused = await member.post<{ code: string; message: string }>('/api/v1/delegations', { agentOrgId: lu.org.id });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('OWNER_ONLY');
    expect(refused.body.message).toMatch(/主账号/);
    const granted = await owner.post<{ id: string; grantedByName: string | null }>('/api/v1/delegations', { agentOrgId: lu.org.id });
    expect(granted.status).toBe(201);
    expect(granted.body.grantedByName).toBe('测试联系人');
    // The member sees the list but may not revoke.
    expect((await member.get<unknown[]>('/api/v1/delegations')).body).toHaveLength(1);
    const revoke = await member.post<{ code: string }>(`/api/v1/delegations/${granted.body.id}/revoke`);
    expect(revoke.body.code).toBe('OWNER_ONLY');
    expect((await owner.post(`/api/v1/delegations/${granted.body.id}/revoke`)).status).toBe(200);
    // Revoking twice answers the same revoked authorisation.
    const again = await owner.post<{ revokedAt: string | null }>(`/api/v1/delegations/${granted.body.id}/revoke`);
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).not.toBeNull();
    // Bad input: not a uuid → 400 with a Chinese message.
    const bad = await owner.post<{ code: string; message: string }>('/api/v1/delegations', { agentOrgId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('the enterprise’s chosen leading unit is suggested in the list of leading units', async () => {
    const e = await enterpriseWithUser(t.db);
    const lu = await orgWithUser(t.db, 'leading_unit');
    const otherLu = await orgWithUser(t.db, 'leading_unit');
    await makeProject(t.db, { enterprise: e.org, state: 'contracting', providerOrgId: lu.org.id });
    const ec = await signIn(e.account);
    const list = await ec.get<Array<{ id: string; suggested: boolean }>>('/api/v1/leading-units');
    expect(list.body.find((x) => x.id === lu.org.id)?.suggested).toBe(true);
    expect(list.body.find((x) => x.id === otherLu.org.id)?.suggested).toBe(false);
  });

  it('an authorised leading unit requests the evaluation: the transition and the audit name the person and the enterprise', async () => {
    const e = await enterpriseWithUser(t.db);
    const lu = await orgWithUser(t.db, 'leading_unit');
    const project = await makeProject(t.db, { enterprise: e.org, state: 'implemented', providerOrgId: lu.org.id });
    const ec = await signIn(e.account);
    const lc = await signIn(lu.account);
    // As the provider only (no authorisation): it sees the project but the guard refuses.
    const without = await lc.post<{ code: string; message: string }>(`/api/v1/projects/${project.id}/transitions`, { event: 'requestEvaluation' });
    expect(without.status).toBeGreaterThanOrEqual(400);
    expect(without.status).toBeLessThan(500);
    expect(['ROLE_NOT_ALLOWED', 'GUARD_FAILED']).toContain(without.body.code);

    const granted = await ec.post<{ id: string }>('/api/v1/delegations', { agentOrgId: lu.org.id });
    expect(granted.status).toBe(201);
    const done = await lc.post<{ state: string }>(`/api/v1/projects/${project.id}/transitions`, { event: 'requestEvaluation' });
    expect(done.status).toBe(200);
    expect(done.body.state).toBe('awaitingEvaluationAssignment');
    const me = await lc.get<{ user: { id: string } }>('/api/v1/auth/me');
    const [tr] = await t.db.select().from(workflowTransitions).where(and(eq(workflowTransitions.projectId, project.id), eq(workflowTransitions.event, 'requestEvaluation')));
    expect(tr?.actorUserId).toBe(me.body.user.id);
    expect(tr?.actorOrgId).toBe(lu.org.id);
    expect(tr?.actorRole).toBe('leadingUnitDelegate');
    expect(tr?.onBehalfOfOrgId).toBe(e.org.id);
    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.projectId, project.id));
    expect(audits.some((a) => a.actorUserId === me.body.user.id && a.onBehalfOfOrgId === e.org.id)).toBe(true);
  });

  it('a delegate uploads evaluation evidence: the material records the enterprise it acts for', async () => {
    const e = await enterpriseWithUser(t.db);
    const lu = await orgWithUser(t.db, 'leading_unit');
    const project = await makeProject(t.db, { enterprise: e.org, state: 'evaluationInProgress', providerOrgId: lu.org.id });
    const ec = await signIn(e.account);
    const lc = await signIn(lu.account);
    await ec.post('/api/v1/delegations', { agentOrgId: lu.org.id });
    const up = await lc.upload<{ id: string }>(`/api/v1/projects/${project.id}/materials/evaluation.policies`, pdf(), '制度文件.pdf');
    expect(up.status).toBe(201);
    const rows = await t.db.select().from(materials).where(eq(materials.projectId, project.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]?.onBehalfOfOrgId).toBe(e.org.id);
  });

  it('a delegate may never confirm a report; without or after the authorisation it is refused', async () => {
    const e = await enterpriseWithUser(t.db);
    const lu = await orgWithUser(t.db, 'leading_unit');
    const diag = await makeProject(t.db, { enterprise: e.org, state: 'diagnosisConfirmation', diagnosisMode: 'institution' });
    const evalP = await makeProject(t.db, { enterprise: e.org, state: 'evaluationConfirmation', providerOrgId: lu.org.id });
    const implemented = await makeProject(t.db, { enterprise: e.org, state: 'implemented' });
    const ec = await signIn(e.account);
    const lc = await signIn(lu.account);
    // Not authorised and not its provider: it cannot even see the project.
    expect((await lc.post(`/api/v1/projects/${implemented.id}/transitions`, { event: 'requestEvaluation' })).status).toBe(404);
    const granted = await ec.post<{ id: string }>('/api/v1/delegations', { agentOrgId: lu.org.id });
    for (const [p, event] of [
      [diag, 'confirmDiagnosisReport'],
      [evalP, 'confirmEvaluationReport'],
    ] as const) {
      const r = await lc.post<{ code: string }>(`/api/v1/projects/${p.id}/transitions`, { event });
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('ROLE_NOT_ALLOWED');
      const [row] = await t.db.select({ state: projects.state }).from(projects).where(eq(projects.id, p.id));
      expect(row?.state).toBe(p.state);
    }
    await ec.post(`/api/v1/delegations/${granted.body.id}/revoke`);
    // Revoked: the project it only saw by the authorisation is gone again.
    expect((await lc.post(`/api/v1/projects/${implemented.id}/transitions`, { event: 'requestEvaluation' })).status).toBe(404);
    const [row] = await t.db.select({ state: projects.state }).from(projects).where(eq(projects.id, implemented.id));
    expect(row?.state).toBe('implemented');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { makeProject } from '../../src/db/factories';

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

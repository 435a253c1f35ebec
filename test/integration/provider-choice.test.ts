/**
 * Stage 3 through the API: the enterprise chooses a leading unit, a catalog product or a market provider; for a
 * market provider the leading unit writes the 推荐函 with its sealed PDF, the bureau approves it into the
 * catalog and the project goes on to the contract with the new provider and product. And the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { pdf } from '../support/sample-files';
import { makeProduct, makeProject } from '../../src/db/factories';
import { makeUscc } from '../../src/core/identity/uscc';
import { catalogScenes, getCatalog } from '../../src/core/assessment';
import { projects, providerSanctions, users } from '../../src/db/schema';

interface Detail {
  id: string;
  state: string;
  stage: number;
  pilotManagedAt?: string | null;
  actions: Array<{ event: string; allowed: boolean }>;
}
interface Err {
  code: string;
  message: string;
  details: { fields?: Array<{ path: string }>; missingMaterials?: string[]; failures?: Array<{ guard: string; message: { zh: string } }> };
}
interface Letter {
  id: string;
  state: string;
  writable: boolean;
  missing: Array<{ zh: string }>;
  actions: Array<{ event: string; allowed: boolean; missingMaterials: string[] }>;
  slots: Array<{ key: string; files: unknown[] }>;
}

let t: TestApp;
let bureau: Client;
let unit: { id: string; client: Client };
let otherUnit: { id: string; client: Client };
let catalogProvider: { id: string };
let productId: string;

async function signIn(account: string): Promise<Client> {
  const c = new Client(t.app);
  const res = await c.login(account, PASSWORD);
  expect(res.status).toBe(200);
  return c;
}

/** An enterprise with a project diagnosed (report confirmed), waiting for its provider choice. */
async function diagnosedProject(): Promise<{ id: string; client: Client }> {
  const e = await enterpriseWithUser(t.db);
  const p = await makeProject(t.db, { enterprise: e.org, state: 'diagnosed', confirmedDiagnosis: true });
  return { id: p.id, client: await signIn(e.account) };
}

const choose = (c: Client, id: string, input: Record<string, unknown>) => c.post<Detail & Err>(`/api/v1/projects/${id}/transitions`, { event: 'chooseProvider', input });

const completeLetter = {
  providerName: '中山市新锐智造科技有限公司',
  providerUscc: makeUscc(987_654),
  contactName: '陈工',
  contactPhone: '13800138000',
  productName: '注塑车间设备联网系统',
  scenes: [] as string[],
  industries: ['38'],
  priceMinFen: 3_000_000,
  priceMaxFen: 12_000_000,
  deliveryDays: 45,
  description: '小：单车间部署；快：45天上线；轻：按设备订阅；准：聚焦设备联网与OEE。',
  reasons: '该产品已在本市多家注塑企业落地，效果良好。',
  experience: '本单位与其合作实施过三个项目。',
};

beforeAll(async () => {
  t = await startTestApp();
  bureau = await signIn((await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' })).account);
  const u = await orgWithUser(t.db, 'leading_unit');
  const o = await orgWithUser(t.db, 'leading_unit');
  unit = { id: u.org.id, client: await signIn(u.account) };
  otherUnit = { id: o.org.id, client: await signIn(o.account) };
  const cp = await orgWithUser(t.db, 'catalog_provider');
  catalogProvider = { id: cp.org.id };
  productId = (await makeProduct(t.db, { providerOrgId: cp.org.id })).id;
});
afterAll(async () => t.close());

describe('stage 3: choosing a provider', () => {
  it('a catalog product: the project goes on to the contract under pilot management', async () => {
    const { id, client } = await diagnosedProject();
    const opts = await client.get<{ products: Array<{ id: string }>; leadingUnits: Array<{ id: string }> }>(`/api/v1/projects/${id}/provider-options`);
    expect(opts.status).toBe(200);
    expect(opts.body.products.map((p) => p.id)).toContain(productId);
    const res = await choose(client, id, { route: 'catalog', productId });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('contracting');
    expect(res.body.pilotManagedAt).toBeTruthy();
    const [row] = await t.db.select().from(projects).where(eq(projects.id, id));
    expect(row?.providerOrgId).toBe(catalogProvider.id);
    expect(row?.productId).toBe(productId);
    const card = await client.get<{ choice: { route: string; product: { id: string } } }>(`/api/v1/projects/${id}/provider-choice`);
    expect(card.body.choice.route).toBe('catalog');
    expect(card.body.choice.product.id).toBe(productId);
    // A second click is refused as already done.
    const again = await choose(client, id, { route: 'catalog', productId });
    expect(again.status).toBe(409);
  });

  it('a leading unit: the project goes on to the contract with it as provider', async () => {
    const { id, client } = await diagnosedProject();
    const res = await choose(client, id, { route: 'leadingUnit', providerOrgId: unit.id });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('contracting');
    const [row] = await t.db.select().from(projects).where(eq(projects.id, id));
    expect(row?.providerOrgId).toBe(unit.id);
    expect(row?.providerRoute).toBe('leadingUnit');
  });

  it('refuses bad input with field paths, business refusals with a reason, and other callers', async () => {
    const { id, client } = await diagnosedProject();
    const noProduct = await choose(client, id, { route: 'catalog' });
    expect(noProduct.status).toBe(400);
    expect(noProduct.body.code).toBe('INPUT_INVALID');
    expect(noProduct.body.details.fields?.map((f) => f.path)).toContain('input.productId');
    const malformed = await choose(client, id, { route: 'catalog', productId: 'not-a-uuid' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.details.fields?.map((f) => f.path)).toContain('input.productId');
    const market = await choose(client, id, { route: 'market' });
    expect(market.status).toBe(400);
    expect(market.body.details.fields?.map((f) => f.path)).toEqual(['input.marketProviderName', 'input.marketProductName', 'input.recommenderOrgId']);
    const notUnit = await choose(client, id, { route: 'leadingUnit', providerOrgId: catalogProvider.id });
    expect(notUnit.status).toBe(422);
    const mismatch = await choose(client, id, { route: 'catalog', productId, providerOrgId: unit.id });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.message).toContain('不一致');
    // Another enterprise's project is not there; the leading unit cannot choose for the enterprise.
    const stranger = await diagnosedProject();
    expect((await choose(stranger.client, id, { route: 'catalog', productId })).status).toBe(404);
    expect((await stranger.client.get(`/api/v1/projects/${id}/provider-options`)).status).toBe(404);
    expect((await choose(unit.client, id, { route: 'catalog', productId })).status).toBe(404);
  });

  it('a suspended provider is refused and left out of the options', async () => {
    const s = await orgWithUser(t.db, 'catalog_provider');
    const p = await makeProduct(t.db, { providerOrgId: s.org.id, name: '被暂停的产品' });
    const [u] = await t.db.select().from(users).limit(1);
    await t.db.insert(providerSanctions).values({ providerOrgId: s.org.id, kind: 'suspension', reason: '多个项目逾期', createdBy: u!.id });
    const { id, client } = await diagnosedProject();
    const opts = await client.get<{ products: Array<{ id: string }> }>(`/api/v1/projects/${id}/provider-options`);
    expect(opts.body.products.map((x) => x.id)).not.toContain(p.id);
    const res = await choose(client, id, { route: 'catalog', productId: p.id });
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('该服务商已被暂停承接新项目，请选择其他服务商');
  });

  it('a market provider waits for its 推荐函: written, submitted with the PDF, approved into the catalog', async () => {
    const { id, client } = await diagnosedProject();
    const res = await choose(client, id, { route: 'market', marketProviderName: '中山市新锐智造科技有限公司', marketProductName: '注塑车间设备联网系统', recommenderOrgId: unit.id });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('awaitingCatalogEntry');
    // A market product before its letter is approved: the project cannot go on.
    const early = await client.post<Err>(`/api/v1/projects/${id}/transitions`, { event: 'resumeAfterCatalogApproval' });
    expect(early.status).toBe(422);

    const list = await unit.client.get<{ items: Array<{ id: string; projectId: string }> }>('/api/v1/letters');
    const entry = list.body.items.find((i) => i.projectId === id);
    expect(entry).toBeTruthy();
    const letterId = entry!.id;
    // Another leading unit's letter is not there; an enterprise has no letters.
    expect((await otherUnit.client.get(`/api/v1/letters/${letterId}`)).status).toBe(404);
    expect((await otherUnit.client.request('PUT', `/api/v1/letters/${letterId}`, completeLetter)).status).toBe(404);
    expect((await client.get('/api/v1/letters')).status).toBe(403);
    expect((await client.get(`/api/v1/letters/${letterId}`)).status).toBe(404);

    // Bad values are refused by field; the letter is incomplete until every part is there.
    const bad = await unit.client.request<Err>('PUT', `/api/v1/letters/${letterId}`, { providerUscc: '12345', priceMinFen: 5, priceMaxFen: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields?.map((f) => f.path).sort()).toEqual(['priceMaxFen', 'providerUscc']);
    const scenes = (await unit.client.get<Letter>(`/api/v1/letters/${letterId}`)).body;
    expect(scenes.writable).toBe(true);
    expect(scenes.missing.length).toBeGreaterThan(0);
    const code = catalogScenes(getCatalog())[0]!.code;
    const saved = await unit.client.request<Letter>('PUT', `/api/v1/letters/${letterId}`, { ...completeLetter, scenes: [code] });
    expect(saved.status).toBe(200);
    expect(saved.body.missing).toEqual([]);
    // Submitting without the sealed PDF names the missing material.
    const noPdf = await unit.client.post<Err>(`/api/v1/letters/${letterId}/transitions`, { event: 'submit' });
    expect(noPdf.status).toBe(422);
    expect(noPdf.body.details.missingMaterials).toContain('catalog.recommendationLetter');
    // The bureau cannot upload the leading unit's letter; the leading unit can.
    expect((await bureau.upload(`/api/v1/letters/${letterId}/materials/catalog.recommendationLetter`, pdf(), '推荐函.pdf')).status).toBe(403);
    const up = await unit.client.upload<{ id: string }>(`/api/v1/letters/${letterId}/materials/catalog.recommendationLetter`, pdf(), '推荐函.pdf');
    expect(up.status).toBe(201);
    const file = await bureau.get(`/api/v1/letters/${letterId}/files/${up.body.id}`);
    expect(file.status).toBe(200);
    // The bureau cannot submit; the leading unit submits once.
    expect((await bureau.post(`/api/v1/letters/${letterId}/transitions`, { event: 'submit' })).status).toBe(403);
    const submitted = await unit.client.post<Letter>(`/api/v1/letters/${letterId}/transitions`, { event: 'submit' });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('underReview');
    expect((await unit.client.post(`/api/v1/letters/${letterId}/transitions`, { event: 'submit' })).status).toBe(409);
    expect((await unit.client.request('PUT', `/api/v1/letters/${letterId}`, { contactName: '改' })).status).toBeGreaterThanOrEqual(400);
    // The leading unit cannot approve its own letter; a return needs a reason.
    expect((await unit.client.post(`/api/v1/letters/${letterId}/transitions`, { event: 'approve' })).status).toBe(403);
    expect((await bureau.post(`/api/v1/letters/${letterId}/transitions`, { event: 'returnForRevision' })).status).toBe(422);
    const queue = await bureau.get<{ items: Array<{ id: string }> }>('/api/v1/letters?state=underReview');
    expect(queue.body.items.map((i) => i.id)).toContain(letterId);

    const approved = await bureau.post<Letter>(`/api/v1/letters/${letterId}/transitions`, { event: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');
    const [row] = await t.db.select().from(projects).where(eq(projects.id, id));
    expect(row?.state).toBe('contracting');
    expect(row?.providerOrgId).toBeTruthy();
    expect(row?.productId).toBeTruthy();
    expect(row?.pilotManagedAt).toBeTruthy();
    const card = await client.get<{ choice: { provider: { name: string }; product: { name: string } }; letter: { state: string } }>(`/api/v1/projects/${id}/provider-choice`);
    expect(card.body.choice.provider.name).toBe('中山市新锐智造科技有限公司');
    expect(card.body.choice.product.name).toBe('注塑车间设备联网系统');
    expect(card.body.letter.state).toBe('approved');
  });

  it('choosing another provider withdraws the open letter', async () => {
    const { id, client } = await diagnosedProject();
    await choose(client, id, { route: 'market', marketProviderName: '某市场服务商', marketProductName: '某产品', recommenderOrgId: unit.id });
    const card = await client.get<{ letter: { id: string; state: string } }>(`/api/v1/projects/${id}/provider-choice`);
    expect(card.body.letter.state).toBe('draft');
    const changed = await client.post<Detail>(`/api/v1/projects/${id}/transitions`, { event: 'changeProvider' });
    expect(changed.status).toBe(200);
    expect(changed.body.state).toBe('diagnosed');
    const letter = await unit.client.get<Letter>(`/api/v1/letters/${card.body.letter.id}`);
    expect(letter.body.state).toBe('withdrawn');
    const [row] = await t.db.select().from(projects).where(eq(projects.id, id));
    expect(row?.providerRoute).toBeNull();
    expect((await unit.client.post(`/api/v1/letters/${card.body.letter.id}/transitions`, { event: 'submit' })).status).toBe(409);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, orgWithUser } from '../support/fixtures';
import { auditEvents, outbox, products, providerSanctions, workflowObjects, workflowTransitions } from '../../src/db/schema';
import { setPublicCacheTtl } from '../../src/server/modules/public/cache';
import { productForChoice, searchCatalog } from '../../src/server/modules/catalog/service';
import { missingStandaloneHandlers } from '../../src/server/workflow/standalone';
import { productEntryHandlers } from '../../src/server/modules/catalog/entry';
import { PRODUCT_ENTRY_LIFECYCLE } from '../../src/core/workflow';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  setPublicCacheTtl(0);
});
afterAll(async () => {
  await t?.close();
});

let n = 0;
function product(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    name: `测试轻量MES${n}-${Math.random().toString(36).slice(2, 8)}`,
    summary: '工单报工与生产看板，适合中小企业。',
    scenes: ['productionControl', 'quality'],
    industries: ['38'],
    priceMinFen: 1_000_000,
    priceMaxFen: 5_000_000,
    deliveryDays: 30,
    description: '小：按工位订阅；快：两周上线；轻：云端部署；准：针对报工痛点。',
    references: '某五金企业，上线后报工效率提升30%。',
    ...overrides,
  };
}

async function signIn(account: string): Promise<Client> {
  const c = new Client(t.app);
  await c.login(account, PASSWORD);
  return c;
}

interface Mine {
  id: string;
  status: string;
  entryId: string | null;
  returnReason: string | null;
  decisionReason: string | null;
  actions: Array<{ event: string; allowed: boolean }>;
}
interface Entry {
  id: string;
  state: string;
  productId: string;
  diff: Array<{ field: string; before: unknown; after: unknown }>;
  submissions: number;
  changedFields: string[];
  actions: Array<{ event: string }>;
}
interface CatalogPage {
  items: Array<{ id: string; name: string; provider: { id: string; name: string; type: string }; priceMinFen: number }>;
  total: number;
  page: number;
  pageSize: number;
}

describe('catalog products', () => {
  it('the product-entry handlers cover every effect of the table', () => {
    expect(missingStandaloneHandlers([PRODUCT_ENTRY_LIFECYCLE], productEntryHandlers)).toEqual([]);
  });

  it('a provider creates, submits; the bureau returns, sees the change, approves; the public catalog lists it', async () => {
    const lu = await orgWithUser(t.db, 'leading_unit');
    const bureau = await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' });
    const pc = await signIn(lu.account);
    const bc = await signIn(bureau.account);
    const anon = new Client(t.app);

    const created = await pc.post<Mine>('/api/v1/catalog/my-products', product());
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    expect(created.body.actions.map((a) => a.event)).toEqual(['submit']);
    const id = created.body.id;

    const submitted = await pc.post<Mine>(`/api/v1/catalog/my-products/${id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('underReview');
    const entryId = submitted.body.entryId!;
    const [obj] = await t.db.select().from(workflowObjects).where(eq(workflowObjects.id, entryId));
    expect(obj).toMatchObject({ kind: 'productEntry', workflowVersion: 'zs-product-entry-v1', projectId: null, assigneeOrgId: lu.org.id, state: 'underReview' });
    expect(obj!.data).toMatchObject({ productId: id, submitterOrgId: lu.org.id });
    const again = await pc.post<{ code: string }>(`/api/v1/catalog/my-products/${id}/submit`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_SUBMITTED');
    // under review: frozen
    const frozen = await pc.request<{ code: string }>('PUT', `/api/v1/catalog/my-products/${id}`, product());
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('FIELD_NOT_EDITABLE');

    const queue = await bc.get<{ items: Array<{ id: string }>; total: number }>('/api/v1/catalog/entries?state=underReview&pageSize=100');
    expect(queue.body.items.map((e) => e.id)).toContain(entryId);
    const noReason = await bc.post<{ code: string }>(`/api/v1/catalog/entries/${entryId}/decision`, { event: 'returnForRevision' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('GUARD_FAILED');
    const returned = await bc.post<Entry>(`/api/v1/catalog/entries/${entryId}/decision`, { event: 'returnForRevision', reason: '请补充价格说明' });
    expect(returned.status).toBe(200);
    expect(returned.body.state).toBe('returned');
    const mine = await pc.get<Mine>(`/api/v1/catalog/my-products/${id}`);
    expect(mine.body).toMatchObject({ status: 'returned', returnReason: '请补充价格说明' });
    expect(mine.body.actions.map((a) => a.event).sort()).toEqual(['submit', 'withdraw']);

    const edited = await pc.request<Mine>('PUT', `/api/v1/catalog/my-products/${id}`, product({ name: created.body.id.slice(0, 4) + '轻量MES改', priceMaxFen: 6_000_000 }));
    expect(edited.status).toBe(200);
    expect((await pc.post<Mine>(`/api/v1/catalog/my-products/${id}/submit`)).body.status).toBe('underReview');
    const detail = await bc.get<Entry>(`/api/v1/catalog/entries/${entryId}`);
    expect(detail.body.submissions).toBe(2);
    expect(detail.body.diff.map((d) => d.field).sort()).toEqual(['name', 'priceMaxFen']);
    expect(detail.body.diff.find((d) => d.field === 'priceMaxFen')).toEqual({ field: 'priceMaxFen', before: 5_000_000, after: 6_000_000 });
    expect(detail.body.actions.map((a) => a.event)).toEqual(['approve', 'returnForRevision', 'reject']);

    expect((await anon.get<CatalogPage>('/api/v1/public/catalog?pageSize=50&q=轻量MES改')).body.items.map((i) => i.id)).not.toContain(id);
    const approved = await bc.post<Entry>(`/api/v1/catalog/entries/${entryId}/decision`, { event: 'approve' });
    expect(approved.body.state).toBe('approved');
    expect((await pc.get<Mine>(`/api/v1/catalog/my-products/${id}`)).body.status).toBe('approved');
    const pub = await anon.get<CatalogPage>(`/api/v1/public/catalog?q=${encodeURIComponent('轻量MES改')}&scene=quality&industry=38&priceMax=1000000&providerType=leading_unit`);
    expect(pub.status).toBe(200);
    expect(pub.body.items.map((i) => i.id)).toContain(id);
    expect(pub.body.items.find((i) => i.id === id)?.provider).toMatchObject({ id: lu.org.id, type: 'leading_unit' });
    expect((await anon.get<CatalogPage>('/api/v1/public/catalog?q=轻量MES改&scene=energy')).body.items.map((i) => i.id)).not.toContain(id);
    expect((await anon.get<CatalogPage>('/api/v1/public/catalog?q=轻量MES改&priceMax=999999')).body.items.map((i) => i.id)).not.toContain(id);
    expect((await anon.get<CatalogPage>('/api/v1/public/catalog?q=轻量MES改&providerType=catalog_provider')).body.items.map((i) => i.id)).not.toContain(id);
    const providers = await anon.get<{ items: Array<{ id: string; productCount: number }> }>('/api/v1/public/catalog/providers');
    expect(providers.body.items.find((p) => p.id === lu.org.id)?.productCount).toBe(1);

    // history, audit and notifications
    const history = await t.db.select().from(workflowTransitions).where(and(eq(workflowTransitions.objectType, 'productEntry'), eq(workflowTransitions.objectId, entryId)));
    expect(history.map((h) => h.event)).toEqual(['submit', 'returnForRevision', 'submit', 'approve']);
    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, entryId));
    expect(audits.map((a) => a.action)).toContain('productEntry.approve');
    const notes = await t.db.select().from(outbox).where(sql`${outbox.payload} ->> 'kind' like 'productEntry.%' and ${outbox.payload} ->> 'link' = '/workbench/products'`);
    expect(notes.length).toBeGreaterThan(0);

    // the choice helper's view
    expect(await productForChoice(t.db, id)).toEqual({ id, providerOrgId: lu.org.id, status: 'approved', providerActive: true, providerType: 'leading_unit' });
    expect(await productForChoice(t.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    const signed = await pc.get<CatalogPage>(`/api/v1/catalog/products?ids=${id}&providerOrgId=${lu.org.id}`);
    expect(signed.body.items.map((i) => i.id)).toEqual([id]);

    // editing an approved product takes it out of the catalog until approved again
    const changed = await pc.request<Mine>('PUT', `/api/v1/catalog/my-products/${id}`, product({ name: '轻量MES改二' + n }));
    expect(changed.body.status).toBe('draft');
    expect((await anon.get<CatalogPage>(`/api/v1/catalog/products?ids=${id}`)).status).toBe(401);
    expect((await pc.get<CatalogPage>(`/api/v1/catalog/products?ids=${id}`)).body.items).toEqual([]);
    const second = await pc.post<Mine>(`/api/v1/catalog/my-products/${id}/submit`);
    expect(second.body.entryId).not.toBe(entryId);
    const secondDetail = await bc.get<Entry>(`/api/v1/catalog/entries/${second.body.entryId}`);
    expect(secondDetail.body.diff.map((d) => d.field).sort()).toEqual(['name', 'priceMaxFen']);
  });

  it('refuses the wrong role, another provider, bad input and an empty rejection reason', async () => {
    const cp = await orgWithUser(t.db, 'catalog_provider');
    const other = await orgWithUser(t.db, 'catalog_provider');
    const e = await enterpriseWithUser(t.db);
    const bureau = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
    const finance = await orgWithUser(t.db, 'bureau', { bureauRole: 'finance' });
    const cc = await signIn(cp.account);
    const oc = await signIn(other.account);
    const ec = await signIn(e.account);
    const bc = await signIn(bureau.account);
    const fc = await signIn(finance.account);

    const byEnterprise = await ec.post<{ code: string }>('/api/v1/catalog/my-products', product());
    expect(byEnterprise.status).toBe(403);
    expect(byEnterprise.body.code).toBe('FORBIDDEN_ROLE');
    expect((await ec.get<{ code: string }>('/api/v1/catalog/my-products')).body.code).toBe('FORBIDDEN_ROLE');

    const bad = await cc.post<{ code: string; details: { fields: Array<{ path: string; message: string }> } }>('/api/v1/catalog/my-products', product({ priceMinFen: 900, priceMaxFen: 100 }));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.fields).toEqual([expect.objectContaining({ path: 'priceMaxFen', message: '最高价格不能低于最低价格' })]);
    const bad2 = await cc.post<{ details: { fields: Array<{ path: string; message: string }> } }>('/api/v1/catalog/my-products', product({ scenes: ['nope'], industries: ['99'], deliveryDays: 0, priceMinFen: 1.5, description: '短' }));
    expect(bad2.body.details.fields.map((f) => f.path).sort()).toEqual(['deliveryDays', 'description', 'industries.0', 'priceMinFen', 'scenes.0']);
    expect(bad2.body.details.fields.find((f) => f.path === 'scenes.0')?.message).toBe('适用场景不在评测场景目录中');
    expect((await cc.post<{ status: number }>('/api/v1/catalog/my-products', { ...product(), extra: 1 })).status).toBe(400);

    const mine = await cc.post<Mine>('/api/v1/catalog/my-products', product());
    const id = mine.body.id;
    expect((await oc.get(`/api/v1/catalog/my-products/${id}`)).status).toBe(404);
    expect((await oc.request('PUT', `/api/v1/catalog/my-products/${id}`, product())).status).toBe(404);
    expect((await oc.post(`/api/v1/catalog/my-products/${id}/submit`)).status).toBe(404);
    expect((await cc.get('/api/v1/catalog/my-products/not-a-uuid')).status).toBe(400);
    const noEntry = await cc.post<{ code: string }>(`/api/v1/catalog/my-products/${id}/withdraw`);
    expect(noEntry.body.code).toBe('STAGE_NOT_ALLOWED');

    const sub = await cc.post<Mine>(`/api/v1/catalog/my-products/${id}/submit`);
    const entryId = sub.body.entryId!;
    expect((await cc.get(`/api/v1/catalog/entries/${entryId}`)).status).toBe(403);
    expect((await fc.get(`/api/v1/catalog/entries/${entryId}`)).status).toBe(403);
    expect((await cc.post(`/api/v1/catalog/entries/${entryId}/decision`, { event: 'approve' })).status).toBe(403);
    expect((await bc.get(`/api/v1/catalog/entries/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const badEvent = await bc.post<{ code: string }>(`/api/v1/catalog/entries/${entryId}/decision`, { event: 'withdraw' });
    expect(badEvent.status).toBe(400);
    const emptyReject = await bc.post<{ code: string }>(`/api/v1/catalog/entries/${entryId}/decision`, { event: 'reject', reason: '   ' });
    expect(emptyReject.status).toBe(422);
    const rejected = await bc.post<Entry>(`/api/v1/catalog/entries/${entryId}/decision`, { event: 'reject', reason: '与申报材料不符' });
    expect(rejected.body.state).toBe('rejected');
    const twice = await bc.post<{ code: string }>(`/api/v1/catalog/entries/${entryId}/decision`, { event: 'reject', reason: '与申报材料不符' });
    expect(twice.body.code).toBe('ALREADY_SUBMITTED');
    const after = await cc.get<Mine>(`/api/v1/catalog/my-products/${id}`);
    expect(after.body).toMatchObject({ status: 'rejected', decisionReason: '与申报材料不符' });

    // withdraw an open entry; twice → already done
    const m2 = await cc.post<Mine>('/api/v1/catalog/my-products', product());
    await cc.post(`/api/v1/catalog/my-products/${m2.body.id}/submit`);
    expect((await cc.post<Mine>(`/api/v1/catalog/my-products/${m2.body.id}/withdraw`)).body.status).toBe('withdrawn');
    expect((await cc.post<{ code: string }>(`/api/v1/catalog/my-products/${m2.body.id}/withdraw`)).body.code).toBe('ALREADY_SUBMITTED');

    // bad public filters: 400, not 500
    const anon = new Client(t.app);
    expect((await anon.get<{ code: string }>('/api/v1/public/catalog?scene=nope')).status).toBe(400);
    expect((await anon.get('/api/v1/public/catalog?priceMax=-1')).status).toBe(400);
    expect((await anon.get('/api/v1/public/catalog?providerType=enterprise')).status).toBe(400);
    expect((await anon.get('/api/v1/public/catalog?ids=x')).status).toBe(400);
    expect((await cc.get('/api/v1/catalog/products?ids=x,y')).status).toBe(400);
    expect((await anon.get('/api/v1/public/catalog?q=%25_')).status).toBe(200);
  });

  it('the public catalog leaves out unapproved products and suspended or inactive providers, and pages', async () => {
    const tag = `分页标签${Math.random().toString(36).slice(2, 8)}`;
    const a = await orgWithUser(t.db, 'catalog_provider');
    const s = await orgWithUser(t.db, 'catalog_provider');
    const base = { summary: '测试', scenes: ['energy'], indicators: [], industries: [], priceMinFen: 100, priceMaxFen: 200, deliveryDays: 5, description: 'x', references: '' };
    for (let i = 0; i < 5; i += 1) await t.db.insert(products).values({ ...base, providerOrgId: a.org.id, name: `${tag}-${i}`, status: 'approved' });
    await t.db.insert(products).values({ ...base, providerOrgId: a.org.id, name: `${tag}-draft`, status: 'draft' });
    await t.db.insert(products).values({ ...base, providerOrgId: a.org.id, name: `${tag}-review`, status: 'underReview' });
    await t.db.insert(products).values({ ...base, providerOrgId: s.org.id, name: `${tag}-suspended`, status: 'approved' });
    const [bureauUser] = await t.db.execute<{ id: string }>(sql`select id from users limit 1`).then((r) => ('rows' in r ? r.rows : r) as Array<{ id: string }>);
    await t.db.insert(providerSanctions).values({ providerOrgId: s.org.id, kind: 'suspension', reason: '测试暂停', createdBy: bureauUser!.id });
    const anon = new Client(t.app);
    const p1 = await anon.get<CatalogPage>(`/api/v1/public/catalog?q=${encodeURIComponent(tag)}&pageSize=2&page=1`);
    expect(p1.body.total).toBe(5);
    expect(p1.body.items.map((i) => i.name)).toEqual([`${tag}-0`, `${tag}-1`]);
    const p3 = await anon.get<CatalogPage>(`/api/v1/public/catalog?q=${encodeURIComponent(tag)}&pageSize=2&page=3`);
    expect(p3.body.items.map((i) => i.name)).toEqual([`${tag}-4`]);
    const all = await searchCatalog(t.db, { q: tag, pageSize: 50 }, 'zh-CN');
    expect(all.items.map((i) => i.name)).not.toContain(`${tag}-suspended`);
    expect((await productForChoice(t.db, all.items[0]!.id))?.providerActive).toBe(true);
    const providers = await anon.get<{ items: Array<{ id: string }> }>('/api/v1/public/catalog/providers');
    expect(providers.body.items.map((p) => p.id)).not.toContain(s.org.id);
  });

  it('every filter uses an index (EXPLAIN)', async () => {
    if (process.env.TEST_DB !== 'postgres') return;
    await t.db.execute(sql`set enable_seqscan = off`);
    try {
      const plan = await t.db.execute<{ 'QUERY PLAN': string }>(sql`explain select p.id from products p join organizations o on o.id = p.provider_org_id where p.status = 'approved' and p.scenes @> array['energy']::text[] and (p.industries @> array['38']::text[] or p.industries = '{}'::text[]) and p.price_min_fen <= 100000`);
      const text = ('rows' in plan ? plan.rows : (plan as unknown as Array<{ 'QUERY PLAN': string }>)).map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toMatch(/products_(scenes|industries|price|status)_idx/);
    } finally {
      await t.db.execute(sql`reset enable_seqscan`);
    }
  });
});

/**
 * The catalog's routes: the public search (no sign-in), the signed-in search for the provider choice, a provider's
 * own products and their submission, and the bureau's review of the entries.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, requireActor, requireBureau } from '../../http/guard';
import { idParams, paged } from '../../http/schemas';
import { cachedPublic } from '../public/cache';
import { catalogProviders, searchCatalog, type CatalogFilters } from './service';
import { catalogPage as pageSchema, decisionBody, entriesQuery, entryDetail as entryDetailSchema, entrySummary, myProduct, productBody, providerItem, publicCatalogQuery, signedInCatalogQuery } from './schemas';
import './entry';
import { createProduct, decideEntry, entryDetail, getMyProduct, listEntries, listMyProducts, submitProduct, updateProduct, withdrawProduct } from './products';
import { cachePublicRead, cacheRead } from '../../cache/responses';

const tags = ['catalog'];

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/catalog',
    { config: { cache: cachePublicRead }, schema: { tags: ['public'], summary: '服务商及产品目录: approved products of active, unsuspended providers, filtered and paginated', querystring: publicCatalogQuery, response: { 200: pageSchema } } },
    async (req) => {
      const q = req.query;
      const filters: CatalogFilters = { q: q.q, scene: q.scene, industry: q.industry, priceMax: q.priceMax, providerType: q.providerType, page: q.page, pageSize: q.pageSize };
      return cachedPublic(`catalog:${req.locale}:${JSON.stringify(filters)}`, () => searchCatalog(app.db, filters, req.locale));
    },
  );

  app.get(
    '/public/catalog/providers',
    { config: { cache: cachePublicRead }, schema: { tags: ['public'], summary: 'The certified leading units / industry providers and catalog providers with their product counts', response: { 200: z.object({ items: z.array(providerItem) }) } } },
    async (req) => cachedPublic(`catalog-providers:${req.locale}`, async () => ({ items: await catalogProviders(app.db, req.locale) })),
  );

  app.get(
    '/catalog/products',
    { config: { cache: cacheRead }, schema: { tags, summary: 'The catalog for signed-in users: the public filters plus ids= and providerOrgId=', querystring: signedInCatalogQuery, response: { 200: pageSchema } } },
    async (req) => {
      requireActor(req);
      const q = req.query;
      return searchCatalog(app.db, { q: q.q, scene: q.scene, industry: q.industry, priceMax: q.priceMax, providerType: q.providerType, providerOrgId: q.providerOrgId, ids: q.ids, page: q.page, pageSize: q.pageSize }, req.locale);
    },
  );

  app.get('/catalog/my-products', { config: { cache: cacheRead }, schema: { tags, summary: "The signed-in provider's products with their review status and actions", response: { 200: z.object({ items: z.array(myProduct) }) } } }, async (req) => ({
    items: await listMyProducts(app.db, requireActor(req)),
  }));

  app.post('/catalog/my-products', { schema: { tags, summary: 'Create a product (a draft until submitted for review)', body: productBody, response: { 201: myProduct } } }, async (req, reply) => {
    const actor = requireActor(req);
    const out = await createProduct(app.db, contextOf(req, actor), req.body);
    return reply.code(201).send(out);
  });

  app.get('/catalog/my-products/:id', { config: { cache: cacheRead }, schema: { tags, summary: 'One of my products', params: idParams, response: { 200: myProduct } } }, async (req) => getMyProduct(app.db, requireActor(req), req.params.id));

  app.put('/catalog/my-products/:id', { schema: { tags, summary: 'Edit my product (not while under review; an approved product leaves the catalog until approved again)', params: idParams, body: productBody, response: { 200: myProduct } } }, async (req) => {
    const actor = requireActor(req);
    return updateProduct(app.db, contextOf(req, actor), req.params.id, req.body);
  });

  app.post('/catalog/my-products/:id/submit', { schema: { tags, summary: 'Submit my product for catalog review (a returned one: resubmit)', params: idParams, response: { 200: myProduct } } }, async (req) => {
    const actor = requireActor(req);
    return submitProduct(app.db, contextOf(req, actor), req.params.id);
  });

  app.post('/catalog/my-products/:id/withdraw', { schema: { tags, summary: "Withdraw my product's open catalog entry", params: idParams, response: { 200: myProduct } } }, async (req) => {
    const actor = requireActor(req);
    return withdrawProduct(app.db, contextOf(req, actor), req.params.id);
  });

  app.get('/catalog/entries', { config: { cache: cacheRead }, schema: { tags, summary: 'Product catalog entries by state, oldest first (bureau)', querystring: entriesQuery, response: { 200: paged(entrySummary) } } }, async (req) => {
    requireBureau(req, ['admin', 'reviewer']);
    return listEntries(app.db, req.query);
  });

  app.get('/catalog/entries/:id', { config: { cache: cacheRead }, schema: { tags, summary: 'One product entry: every field, the change since the previous submission, history and actions (bureau)', params: idParams, response: { 200: entryDetailSchema } } }, async (req) => {
    const actor = requireBureau(req, ['admin', 'reviewer']);
    return entryDetail(app.db, actor, req.params.id);
  });

  app.post('/catalog/entries/:id/decision', { schema: { tags, summary: 'Approve, return (reason) or reject (reason) a product entry (bureau)', params: idParams, body: decisionBody, response: { 200: entryDetailSchema } } }, async (req) => {
    const actor = requireBureau(req, ['admin', 'reviewer']);
    return decideEntry(app.db, contextOf(req, actor), req.params.id, req.body);
  });
};

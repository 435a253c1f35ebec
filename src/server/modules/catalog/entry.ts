/**
 * The product entry's effects (a provider's own product under review, no project), carried out by the
 * standalone runtime (workflow/standalone.ts). Registered once on import: a product-entry table naming an
 * effect without a handler here fails at start-up.
 */
import { eq } from 'drizzle-orm';
import { products } from '../../../db/schema';
import type { DbOrTx } from '../../../db/client';
import type { Text } from '../../../core/text';
import { getState, hintFor } from '../../../core/workflow';
import type { ActorRole } from '../../../core/identity/roles';
import { enqueueNotification, type Recipient } from '../../notifications/outbox';
import { registerStandaloneKind, type StandaloneEnv, type StandaloneHandler } from '../../workflow/standalone';
import type { ProductSnapshot } from './schemas';

type ProductRow = typeof products.$inferSelect;

export function snapshotOf(p: ProductRow): ProductSnapshot {
  return {
    name: p.name,
    nameEn: p.nameEn,
    summary: p.summary,
    scenes: p.scenes,
    indicators: p.indicators,
    industries: p.industries,
    priceMinFen: p.priceMinFen ?? p.priceFen,
    priceMaxFen: p.priceMaxFen ?? p.priceFen,
    deliveryDays: p.deliveryDays,
    description: p.description,
    references: p.references,
  };
}

/** The required fields of a product not filled in (the entry's `formComplete` guard). */
export function productMissing(p: ProductRow): Text[] {
  const missing: Text[] = [];
  if (!p.name.trim()) missing.push({ zh: '产品名称', en: 'product name' });
  if (!p.summary.trim()) missing.push({ zh: '产品简介', en: 'summary' });
  if (p.scenes.length === 0) missing.push({ zh: '适用场景', en: 'scenes' });
  if ((p.priceMinFen ?? p.priceFen) === null || (p.priceMaxFen ?? p.priceFen) === null) missing.push({ zh: '价格区间', en: 'price range' });
  if (p.deliveryDays === null) missing.push({ zh: '交付周期', en: 'delivery time' });
  if (!p.description.trim()) missing.push({ zh: '“小快轻准”说明', en: '“small, fast, light, precise” description' });
  return missing;
}

async function productOf(tx: DbOrTx, data: Record<string, unknown>): Promise<ProductRow | null> {
  const id = data.productId;
  if (typeof id !== 'string') return null;
  const [row] = await tx.select().from(products).where(eq(products.id, id));
  return row ?? null;
}

function productName(env: StandaloneEnv): string {
  const snap = env.subject.data.snapshot as Partial<ProductSnapshot> | undefined;
  return typeof snap?.name === 'string' ? snap.name : '';
}

function notify(to: (env: StandaloneEnv) => Recipient[], role: ActorRole, link: string): StandaloneHandler {
  return async (env) => {
    const recipients = to(env);
    if (recipients.length === 0) return;
    const action = getState(env.table, env.from)?.transitions.find((t) => t.event === env.event)?.label ?? { zh: env.event, en: env.event };
    const now = getState(env.table, env.to)?.label ?? { zh: env.to, en: env.to };
    const hint = hintFor(env.table, env.to, role);
    const name = productName(env);
    const reason = env.reason ? { zh: `原因：${env.reason}。`, en: `Reason: ${env.reason}. ` } : { zh: '', en: '' };
    await enqueueNotification(env.tx, {
      to: recipients,
      projectId: null,
      kind: `productEntry.${env.event}`,
      title: { zh: `${action.zh}：${name}`, en: `${action.en}: ${name}` },
      body: {
        zh: `产品「${name}」：${env.ctx.actor.orgName}办理了“${action.zh}”。${reason.zh}当前状态：${now.zh}。${hint ? `下一步：${hint.zh}` : ''}`,
        en: `Product "${name}": ${env.ctx.actor.orgName} did "${action.en}". ${reason.en}Now: ${now.en}.${hint ? ` Next: ${hint.en}` : ''}`,
      },
      link,
      excludeUserId: env.ctx.actor.userId,
    });
  };
}

export const productEntryHandlers = {
  /** Keeps the submitted version (and the one before it, for the reviewer's comparison) on the entry. */
  recordRevision: async (env) => {
    const p = await productOf(env.tx, env.subject.data);
    if (!p) throw new Error('product entry without its product');
    const data = env.subject.data;
    if (data.snapshot) data.previous = data.snapshot;
    data.snapshot = snapshotOf(p);
    data.submissions = (typeof data.submissions === 'number' ? data.submissions : 0) + 1;
    data.submittedAt = env.now.toISOString();
    env.summary.submission = data.submissions;
  },
  clearReturnReason: async (env) => {
    delete env.subject.data.returnReason;
    delete env.subject.data.decisionReason;
  },
  storeReturnReason: async (env) => {
    env.subject.data.returnReason = env.reason;
  },
  /** The approved version is the one in the catalog. */
  addToCatalog: async (env) => {
    const p = await productOf(env.tx, env.subject.data);
    if (!p) return;
    await env.tx.update(products).set({ status: 'approved', entryId: env.subject.id, updatedAt: env.now }).where(eq(products.id, p.id));
    env.summary.productId = p.id;
  },
  notifyBureau: notify(() => [{ bureau: ['admin', 'reviewer'] }], 'bureauReviewer', '/workbench/catalog-review'),
  notifySubmitter: async (env) => {
    // The bureau's reason (return or rejection) stays on the entry for the provider's page.
    if (env.reason) env.subject.data.decisionReason = env.reason;
    const id = env.subject.data.submitterOrgId;
    await notify(() => (typeof id === 'string' ? [{ orgId: id }] : []), 'catalogProvider', '/workbench/products')(env);
  },
} satisfies Record<string, StandaloneHandler>;

registerStandaloneKind('productEntry', {
  handlers: productEntryHandlers,
  formMissing: async (tx, obj) => {
    const p = await productOf(tx, obj.data);
    return p ? productMissing(p) : [{ zh: '产品', en: 'product' }];
  },
});

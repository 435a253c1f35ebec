/**
 * The catalog entry (推荐函 → 入库审核) as a workflow object: approval puts the product in the catalog and lets
 * the projects waiting for it go on. The letter and review screens come with stage 3.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { products, projects, workflowObjects } from '../../../db/schema';
import type { CatalogEntryStatus } from '../../../core/workflow';
import { tablesOf } from '../../workflow/registry';
import { fireProjectEvent } from '../../workflow/runtime';
import type { EffectHandler, FactProvider } from '../../workflow/types';
import { loadProjectForSystem } from '../projects/policy';
import { approveLetterIntoCatalog } from '../choice/letter-catalog';

const RESUME_EVENT = 'resumeAfterCatalogApproval';
/** The project states (of every project table) the system may resume once the entry is approved. */
const WAITING_STATES = [
  ...new Set(tablesOf('project').flatMap((t) => t.states.filter((s) => s.transitions.some((tr) => tr.event === RESUME_EVENT && tr.roles.includes('system'))).map((s) => s.id))),
];

export const catalogEffects = {
  addToCatalog: async (env) => {
    if (env.subject.type === 'catalogEntry') await approveLetterIntoCatalog(env);
    const productId = env.subject.data.productId;
    if (typeof productId === 'string') {
      await env.tx.update(products).set({ status: 'approved', updatedAt: env.now }).where(eq(products.id, productId));
      env.summary.productId = productId;
    }
  },
  resumeWaitingProjects: async (env) => {
    if (!env.subject.id) return;
    const waiting = await env.tx
      .select({ id: projects.id })
      .from(projects)
      .innerJoin(workflowObjects, eq(workflowObjects.projectId, projects.id))
      .where(and(eq(workflowObjects.id, env.subject.id), inArray(projects.state, WAITING_STATES)));
    for (const w of waiting) {
      const project = await loadProjectForSystem(env.tx, w.id);
      await fireProjectEvent(env.tx, env.ctx, project, RESUME_EVENT, { role: 'system' });
    }
  },
} satisfies Record<string, EffectHandler>;

/** Guard facts owned here: the status of the catalog entry the project waits for. */
export const catalogFacts: FactProvider = {
  name: 'catalog',
  provides: ['catalogEntryStatus'],
  async load({ tx, project }) {
    const [entry] = await tx
      .select({ state: workflowObjects.state })
      .from(workflowObjects)
      .where(and(eq(workflowObjects.projectId, project.id), eq(workflowObjects.kind, 'catalogEntry')))
      .orderBy(desc(workflowObjects.version))
      .limit(1);
    return { catalogEntryStatus: (entry?.state as CatalogEntryStatus | undefined) ?? null };
  },
};

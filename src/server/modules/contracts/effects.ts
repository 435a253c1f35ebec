/** Effect handlers and guard facts of the contracts module: the contract's revisions and its completeness. */
import type { EffectHandler, FactProvider } from '../../workflow/types';
import { todayInShanghai } from '../../deadlines/service';
import { contractOf, contractProblems, measuredMissing, storeRevision, targetsOf } from './service';

export const contractEffects = {
  /** The submitted contract and targets become revision n + 1, with the fields changed since revision n. */
  recordContractRevision: async (env) => {
    const onBehalf = env.role === 'leadingUnitDelegate' ? env.project.enterpriseId : null;
    const stored = await storeRevision(env.tx, env.project, env.role === 'system' ? null : env.ctx.actor.userId, onBehalf, env.now);
    env.summary.contractRevision = stored.revision;
    env.summary.changedFields = stored.changedFields;
  },
} satisfies Record<string, EffectHandler>;

export const contractFacts: FactProvider = {
  name: 'contracts',
  provides: ['contractMissing', 'evaluationMissing'],
  async load({ tx, project }) {
    // One statement at a time (the caller's transaction).
    const contract = await contractOf(tx, project.id);
    const targets = await targetsOf(tx, [project.id]);
    return {
      contractMissing: contractProblems(project, contract, targets, todayInShanghai(new Date())),
      evaluationMissing: measuredMissing(targets),
    };
  },
};

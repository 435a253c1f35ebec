/** Benchmark effects (zs-benchmark-v1): designation, publication, the award and its tranche. */
import { AppError } from '../../http/errors';
import type { EffectHandler } from '../../workflow/types';

const notWired = (name: string) => async () => {
  throw new AppError('INTERNAL', { message: { zh: `${name} 尚未接通`, en: `${name} is not wired yet` } });
};

export const benchmarkEffects = {
  designateBenchmark: notWired('designateBenchmark'),
  publishBenchmark: notWired('publishBenchmark'),
  approveBenchmarkAward: notWired('approveBenchmarkAward'),
  openBenchmarkTranche: notWired('openBenchmarkTranche'),
} satisfies Record<string, EffectHandler>;

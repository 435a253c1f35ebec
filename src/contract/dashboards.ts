/**
 * The dashboards' request and response schemas, once for server and web: the routes validate with them and the
 * OpenAPI document shows them; the web imports their types only (`import type`, nothing in the bundle).
 */
import { z } from 'zod';
import { UPLIFT_DIMENSIONS } from '../server/modules/dashboards/dimensions';
import { dateOrder, dateSchema } from '../server/http/dates';

const text = z.object({ zh: z.string(), en: z.string() });

export const pool = z.object({
  id: z.string(),
  year: z.number().int(),
  fundSource: z.string(),
  name: z.string(),
  totalFen: z.number().int(),
  committedFen: z.number().int(),
  paidFen: z.number().int(),
  remainingFen: z.number().int(),
  byLine: z.array(z.object({ line: z.string(), committedFen: z.number().int(), paidFen: z.number().int(), releasedFen: z.number().int() })),
});
export const stageTime = z.object({
  state: z.string(),
  stage: z.number().int(),
  label: text,
  completed: z.number().int(),
  meanDays: z.number().nullable(),
  medianDays: z.number().nullable(),
  waiting: z.number().int(),
  waitingMeanDays: z.number().nullable(),
});
export const upliftGroup = z.object({
  key: z.string(),
  filter: z.record(z.string(), z.string()),
  name: z.string().nullable(),
  projects: z.number().int(),
  meanBefore: z.number().nullable(),
  meanAfter: z.number(),
  meanUplift: z.number().nullable(),
  atLeastLevel2: z.number().int(),
});
export const periodQuery = z
  .strictObject({ from: dateSchema, to: dateSchema })
  .superRefine(dateOrder('from', 'to'))
  .refine((q) => Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) <= 10, { message: '统计期间不超过十年 / The period is at most ten years' });
export const performanceSummary = z.object({
  from: z.string(),
  to: z.string(),
  filed: z.number().int(),
  transformed: z.number().int(),
  atLeastLevel2: z.number().int(),
  level2Target: z.number().int(),
  enterprises: z.number().int(),
  aboveScale: z.number().int(),
  spts: z.object({ innovative: z.number().int(), specialized: z.number().int(), littleGiant: z.number().int() }),
  sptsShareBp: z.number().int(),
  money: z.array(z.object({ fundSource: z.string(), totalFen: z.number().int(), committedFen: z.number().int(), paidFen: z.number().int(), enterpriseShareBp: z.number().int().nullable() })),
  uplift: z.object({ industry: z.array(upliftGroup), town: z.array(upliftGroup), provider: z.array(upliftGroup) }),
  evaluated: z.number().int(),
  meanBefore: z.number().nullable(),
  meanAfter: z.number().nullable(),
});

export const upliftQuery = z.strictObject({
  by: z.enum(UPLIFT_DIMENSIONS, { message: '分组方式应为 industry、town 或 provider / Group by industry, town or provider' }).default('industry'),
});

export type PoolFigure = z.infer<typeof pool>;
export type StageTime = z.infer<typeof stageTime>;
export type UpliftGroup = z.infer<typeof upliftGroup>;
export type PerformanceSummary = z.infer<typeof performanceSummary>;
export type UpliftDimension = (typeof UPLIFT_DIMENSIONS)[number];

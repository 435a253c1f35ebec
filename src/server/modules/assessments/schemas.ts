import { z } from 'zod';
import { bi } from '../../http/validation';
import { textSchema } from '../../http/schemas';
import { ASSESSMENT_MODES } from './policy';

export const modeSchema = z.enum(ASSESSMENT_MODES, bi('评测类型应为 self、institution 或 evaluation', 'The mode is self, institution or evaluation'));

export const createAssessmentBody = z.strictObject({ mode: modeSchema });

/** Answers are checked against the catalog by the engine (problems come back in the response), not here. */
export const saveAnswersBody = z.strictObject({
  answers: z.record(z.string(), z.unknown()),
  revision: z.number().int().min(1),
});

export const submitBody = z.strictObject({
  pledge: z.boolean(),
  revision: z.number().int().min(1),
});

export const problemSchema = z.object({ path: z.string(), code: z.string(), message: textSchema });

export const assessmentSummary = z.object({
  id: z.string(),
  projectId: z.string(),
  mode: modeSchema,
  catalogVersion: z.string(),
  status: z.enum(['draft', 'submitted']),
  base: z.number().nullable(),
  level: z.number().int().nullable(),
  filledBy: z.string(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const assessmentDetail = assessmentSummary.extend({
  answers: z.record(z.string(), z.unknown()),
  revision: z.number().int(),
  pledgedAt: z.string().nullable(),
  /** Scored live from the saved answers (drafts: unanswered count as zero). */
  live: z.object({
    base: z.number(),
    level: z.number().int(),
    levelName: textSchema,
    nextMissing: textSchema.nullable(),
    dimensions: z.array(z.object({ code: z.string(), name: textSchema, score: z.number(), max: z.number() })),
    progress: z.object({ questionsAnswered: z.number().int(), questionsTotal: z.number().int(), scenesRated: z.number().int(), scenesTotal: z.number().int() }),
    problems: z.array(problemSchema),
    complete: z.boolean(),
  }),
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), report: z.boolean() }),
});
export type AssessmentDetail = z.infer<typeof assessmentDetail>;

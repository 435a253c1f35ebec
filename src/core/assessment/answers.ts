/**
 * The answer set of one assessment (self-diagnosis draft or final), as stored by the server and edited by
 * the UI. Everything is optional so a draft can be saved at any point and resumed; `validateAnswers(...,
 * { complete: true })` says what is still missing.
 *
 * Numeric inputs are keyed by catalog-wide input code and belong in the shared `inputs` area (revenue is
 * entered once and used by funding and the market-performance questions). A question's own `inputs` are
 * accepted too and merged into the same pool; the shared area wins and conflicting values are reported.
 * `null` always means "not answered" (what a cleared form control gives).
 */
import { z } from 'zod';
import type { Catalog, SceneLevel } from './catalog-types';
import type { AssessmentProblem } from './problems';

export const sceneLevelSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

/** Input values; `z.number()` rejects NaN and ±Infinity. */
export const inputValuesSchema = z.record(z.string(), z.number().nullable());

export const questionAnswerSchema = z.object({
  /** Option id for single, band and trend questions. */
  choice: z.string().nullable().optional(),
  /** Option ids for multi questions. */
  choices: z.array(z.string()).optional(),
  /** Inputs entered with this question (prefer the shared `inputs` area). */
  inputs: inputValuesSchema.optional(),
});

export const assessmentAnswersSchema = z.object({
  /** Catalog version the answers were given for. */
  catalogVersion: z.string().optional(),
  questions: z.record(z.string(), questionAnswerSchema).default({}),
  scenes: z.record(z.string(), sceneLevelSchema.nullable()).default({}),
  /** Shared numeric inputs by input code. */
  inputs: inputValuesSchema.optional(),
});

export type QuestionAnswer = z.infer<typeof questionAnswerSchema>;
export type InputValues = z.infer<typeof inputValuesSchema>;
export type AssessmentAnswers = z.infer<typeof assessmentAnswersSchema>;
/** What the UI may send (questions/scenes may be omitted). */
export type AssessmentAnswersInput = z.input<typeof assessmentAnswersSchema>;

/** A new, empty draft for a catalog. */
export function emptyAnswers(catalog: Catalog): AssessmentAnswers {
  return { catalogVersion: catalog.version, questions: {}, scenes: {}, inputs: {} };
}

export type ParseAnswersResult =
  | { ok: true; answers: AssessmentAnswers }
  | { ok: false; problems: AssessmentProblem[] };

/** Parse untrusted JSON into answers; shape errors come back as problems (no catalog checks here). */
export function parseAnswers(raw: unknown): ParseAnswersResult {
  const parsed = assessmentAnswersSchema.safeParse(raw);
  if (parsed.success) return { ok: true, answers: parsed.data };
  const problems = parsed.error.issues.map((issue): AssessmentProblem => {
    const path = issue.path.map(String).join('.');
    if (issue.path[0] === 'scenes' && issue.path.length === 2) {
      const scene = String(issue.path[1]);
      return {
        path,
        code: 'SCENE_LEVEL_INVALID',
        message: {
          zh: `场景“${scene}”的等级必须是 0 到 4 的整数`,
          en: `The level of scene “${scene}” must be a whole number from 0 to 4`,
        },
      };
    }
    return {
      path,
      code: 'INVALID_FORMAT',
      message: {
        zh: `答卷格式不正确${path ? `（${path}）` : ''}：${issue.message}`,
        en: `Invalid answers format${path ? ` at ${path}` : ''}: ${issue.message}`,
      },
    };
  });
  return { ok: false, problems };
}

/** Scene levels as a typed value, or null when unrated/invalid. */
export function sceneLevelOf(answers: AssessmentAnswers, sceneCode: string): SceneLevel | null {
  const value: unknown = answers.scenes[sceneCode];
  return value === 0 || value === 1 || value === 2 || value === 3 || value === 4 ? value : null;
}

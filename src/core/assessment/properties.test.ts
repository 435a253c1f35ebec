/** Property tests over random complete answer sets generated from the catalog. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssessmentAnswers } from './answers';
import { catalogQuestions, catalogScenes } from './catalog-index';
import type { BandQuestion, SceneLevel } from './catalog-types';
import { getCatalog } from './catalogs';
import { deriveBand } from './derive';
import { randomCompleteAnswers, seededRng } from './fixtures';
import { determineLevel } from './level';
import { toMilli } from './points';
import { scoreAssessment } from './scoring';
import { validateAnswers } from './validate';

const catalog = getCatalog('2024');
const questions = catalogQuestions(catalog);
const scenes = catalogScenes(catalog);

const answersArb = (inputs: boolean): fc.Arbitrary<AssessmentAnswers> =>
  fc.integer().map((seed) => randomCompleteAnswers(catalog, seededRng(seed), { inputs }));

const clone = (answers: AssessmentAnswers): AssessmentAnswers => structuredClone(answers);
const sumMilli = (values: number[]): number => values.reduce((total, value) => total + toMilli(value), 0);

describe('properties of random complete answer sets', () => {
  it('are complete and valid, with or without inputs', () => {
    fc.assert(
      fc.property(fc.integer(), fc.boolean(), (seed, inputs) => {
        const answers = randomCompleteAnswers(catalog, seededRng(seed), { inputs });
        expect(validateAnswers(catalog, answers, { complete: true })).toEqual([]);
      }),
    );
  });

  it('are reproducible from the seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(randomCompleteAnswers(catalog, seededRng(seed))).toEqual(randomCompleteAnswers(catalog, seededRng(seed)));
      }),
      { numRuns: 20 },
    );
  });

  it('never score above the maximum, at any level of the breakdown', () => {
    fc.assert(
      fc.property(answersArb(true), (answers) => {
        const result = scoreAssessment(catalog, answers);
        for (const q of result.questions) {
          expect(q.score).toBeGreaterThanOrEqual(0);
          expect(q.score).toBeLessThanOrEqual(q.max);
        }
        for (const i of result.indicators) {
          expect(i.score).toBeLessThanOrEqual(i.max);
          expect(toMilli(i.score)).toBe(sumMilli(result.questions.filter((q) => q.indicator === i.code).map((q) => q.score)));
        }
        for (const d of result.dimensions) {
          expect(d.score).toBeLessThanOrEqual(d.max);
          expect(toMilli(d.score)).toBe(sumMilli(result.indicators.filter((i) => i.dimension === d.code).map((i) => i.score)));
        }
        expect(result.base).toBeLessThanOrEqual(100);
        expect(toMilli(result.base)).toBe(sumMilli(result.dimensions.map((d) => d.score)));
        expect(Number(result.base.toFixed(3))).toBe(result.base);
      }),
    );
  });

  it('choosing more options in a multi question never lowers the score', () => {
    const multis = questions.filter((q) => q.type === 'multi');
    fc.assert(
      fc.property(answersArb(false), fc.nat(), fc.nat(), (answers, qi, oi) => {
        const question = multis[qi % multis.length]!;
        const option = question.options[oi % question.options.length]!;
        const before = scoreAssessment(catalog, answers);
        const more = clone(answers);
        const chosen = more.questions[question.code]?.choices ?? [];
        if (chosen.includes(option.id)) return;
        more.questions[question.code] = { choices: [...chosen, option.id] };
        const after = scoreAssessment(catalog, more);
        const score = (r: typeof before) => r.questions.find((q) => q.code === question.code)?.score ?? -1;
        expect(score(after)).toBeGreaterThanOrEqual(score(before));
        expect(after.base).toBeGreaterThanOrEqual(before.base);
        expect(determineLevel(catalog, after).level).toBeGreaterThanOrEqual(determineLevel(catalog, before).level);
      }),
    );
  });

  it('a worse answer (lower option score or lower scene level) never raises the score or the level', () => {
    fc.assert(
      fc.property(answersArb(false), fc.nat(), fc.nat(), fc.boolean(), (answers, i, j, worsenScene) => {
        const worse = clone(answers);
        if (worsenScene) {
          const scene = scenes[i % scenes.length]!;
          const level = worse.scenes[scene.code] ?? 0;
          if (level === 0) return;
          worse.scenes[scene.code] = (j % level) as SceneLevel;
        } else {
          const question = questions[i % questions.length]!;
          const answer = worse.questions[question.code] ?? {};
          if (question.type === 'multi') {
            const chosen = answer.choices ?? [];
            if (chosen.length === 0) return;
            const dropped = chosen.filter((_, k) => k !== j % chosen.length);
            worse.questions[question.code] = { choices: dropped.length > 0 ? dropped : ['A'] };
          } else {
            const current = question.options.find((o) => o.id === answer.choice);
            const lower = question.options.filter((o) => current && o.score < current.score);
            if (lower.length === 0) return;
            worse.questions[question.code] = { choice: lower[j % lower.length]!.id };
          }
        }
        const before = scoreAssessment(catalog, answers);
        const after = scoreAssessment(catalog, worse);
        expect(after.base).toBeLessThanOrEqual(before.base);
        expect(determineLevel(catalog, after).level).toBeLessThanOrEqual(determineLevel(catalog, before).level);
      }),
    );
  });

  it('derives the same band as integer arithmetic on whole counts', () => {
    const band = questions.find((q): q is BandQuestion => q.code === 'equipmentDigitalRate' && q.type === 'band')!;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(), (den, k) => {
        const num = k % (den + 1);
        const result = deriveBand(band, { productionEquipment: den, digitalEquipment: num });
        // Oracle: the first band whose upper bound h satisfies num × 100 ≤ h × den.
        const expected = band.options.find((o) => o.band.high === null || num * 100 <= o.band.high * den);
        expect(result.status === 'ok' && result.optionId).toBe(expected?.id);
      }),
    );
  });
});

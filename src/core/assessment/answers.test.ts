import { describe, expect, it } from 'vitest';
import { assessmentAnswersSchema, emptyAnswers, parseAnswers, sceneLevelOf } from './answers';
import { getCatalog } from './catalogs';

describe('answers model', () => {
  it('accepts a partial draft and fills the missing maps', () => {
    const parsed = parseAnswers({ questions: { network: { choices: ['B'] } } });
    expect(parsed).toEqual({ ok: true, answers: { questions: { network: { choices: ['B'] } }, scenes: {} } });
    expect(parseAnswers({})).toEqual({ ok: true, answers: { questions: {}, scenes: {} } });
  });

  it('accepts null as "not answered" (cleared form controls)', () => {
    const raw = {
      catalogVersion: '2024',
      questions: { funding: { choice: null, inputs: { digitalSpend: null } } },
      scenes: { quality: null, energy: 2 },
      inputs: { revenueLastYear: null },
    };
    const parsed = parseAnswers(raw);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(sceneLevelOf(parsed.answers, 'quality')).toBeNull();
      expect(sceneLevelOf(parsed.answers, 'energy')).toBe(2);
    }
  });

  it('round-trips an empty draft through JSON', () => {
    const draft = emptyAnswers(getCatalog('2024'));
    expect(draft).toEqual({ catalogVersion: '2024', questions: {}, scenes: {}, inputs: {} });
    expect(assessmentAnswersSchema.parse(JSON.parse(JSON.stringify(draft)))).toEqual(draft);
  });

  it('turns shape errors into bilingual problems', () => {
    const parsed = parseAnswers({ questions: { network: { choices: 'B' } }, scenes: { quality: 5 }, inputs: { revenueLastYear: '12' } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byPath = Object.fromEntries(parsed.problems.map((p) => [p.path, p]));
    expect(byPath['scenes.quality']?.code).toBe('SCENE_LEVEL_INVALID');
    expect(byPath['scenes.quality']?.message.zh).toContain('0 到 4');
    expect(byPath['questions.network.choices']?.code).toBe('INVALID_FORMAT');
    expect(byPath['inputs.revenueLastYear']?.code).toBe('INVALID_FORMAT');
    expect(parseAnswers('nope')).toMatchObject({ ok: false, problems: [{ path: '', code: 'INVALID_FORMAT' }] });
  });

  it('rejects non-finite and fractional scene levels', () => {
    expect(parseAnswers({ scenes: { quality: 1.5 } }).ok).toBe(false);
    expect(parseAnswers({ inputs: { revenueLastYear: Number.POSITIVE_INFINITY } }).ok).toBe(false);
  });
});

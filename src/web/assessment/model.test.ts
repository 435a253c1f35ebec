import { describe, expect, it } from 'vitest';
import { answersForTargetLevel, emptyAnswers, getCatalog, type AssessmentProblem, type MultiQuestion } from '../../core/assessment';
import {
  anchorId,
  anchorsOf,
  asDigitalLevel,
  evaluate,
  figureText,
  fillableMode,
  problemsByAnchor,
  sectionKeys,
  sectionProgress,
  setChoice,
  setInput,
  setScene,
  timeText,
  toAnswers,
  toggleMulti,
} from './model';

const catalog = getCatalog('2024');
const network = catalog.dimensions[0]?.indicators[0]?.questions[0] as MultiQuestion;

describe('editing answers', () => {
  it('turns whatever the server stored into a typed draft of this catalog', () => {
    expect(toAnswers(catalog, null)).toEqual(emptyAnswers(catalog));
    expect(toAnswers(catalog, { questions: 'broken' })).toEqual(emptyAnswers(catalog));
    const a = toAnswers(catalog, { questions: { network: { choices: ['B'] } }, scenes: { quality: 2 } });
    expect(a.catalogVersion).toBe('2024');
    expect(a.questions.network?.choices).toEqual(['B']);
    expect(a.inputs).toEqual({});
  });

  it('the exclusive 无 unchecks the other options, and any other option unchecks 无', () => {
    expect(network.code).toBe('network');
    let r = toggleMulti(network, emptyAnswers(catalog), 'C', true);
    r = toggleMulti(network, r.answers, 'B', true);
    expect(r.answers.questions.network?.choices).toEqual(['B', 'C']);
    expect(r.clearedKind).toBeNull();

    r = toggleMulti(network, r.answers, 'A', true);
    expect(r.answers.questions.network?.choices).toEqual(['A']);
    expect(r.cleared.sort()).toEqual(['B', 'C']);
    expect(r.clearedKind).toBe('others');

    r = toggleMulti(network, r.answers, 'D', true);
    expect(r.answers.questions.network?.choices).toEqual(['D']);
    expect(r.cleared).toEqual(['A']);
    expect(r.clearedKind).toBe('exclusive');

    r = toggleMulti(network, r.answers, 'D', false);
    expect(r.answers.questions.network?.choices).toEqual([]);
  });

  it('a figure preselects the band it gives, for every question sharing it', () => {
    let a = setInput(catalog, emptyAnswers(catalog), 'productionEquipment', 100);
    expect(a.questions.equipmentDigitalRate).toBeUndefined();
    a = setInput(catalog, a, 'digitalEquipment', 35);
    expect(a.questions.equipmentDigitalRate?.choice).toBe('C'); // (20%,40%]
    a = setInput(catalog, a, 'networkedEquipment', 61);
    expect(a.questions.equipmentNetworkedRate?.choice).toBe('E'); // (60%,100%]
    // Changing the shared total moves both.
    a = setInput(catalog, a, 'productionEquipment', 200);
    expect(a.questions.equipmentDigitalRate?.choice).toBe('B'); // 17.5%
    expect(a.questions.equipmentNetworkedRate?.choice).toBe('C'); // 30.5%
    // Clearing a figure keeps the last choice (the user may now choose directly).
    a = setInput(catalog, a, 'digitalEquipment', null);
    expect(a.inputs?.digitalEquipment).toBeNull();
    expect(a.questions.equipmentDigitalRate?.choice).toBe('B');
  });

  it('two years of figures preselect the trend', () => {
    let a = emptyAnswers(catalog);
    a = setInput(catalog, a, 'passRateLastYear', 98);
    a = setInput(catalog, a, 'passRateYearBefore', 97);
    expect(a.questions.passRate?.choice).toBe('C'); // rose: better
    a = setInput(catalog, a, 'passRateLastYear', 96);
    expect(a.questions.passRate?.choice).toBe('A'); // fell
  });

  it('choices and scene levels are set without touching the rest', () => {
    const a = setScene(setChoice(emptyAnswers(catalog), 'systemCoverage', 'C'), 'quality', 3);
    expect(a.questions.systemCoverage?.choice).toBe('C');
    expect(a.scenes.quality).toBe(3);
    expect(setChoice(a, 'systemCoverage', null).questions.systemCoverage?.choice).toBeNull();
  });
});

describe('where problems are shown', () => {
  it('maps answer paths to the question or scene card and its section', () => {
    expect(anchorsOf(catalog, 'questions.network.choices.1')).toEqual([{ kind: 'question', code: 'network', section: 'foundation', group: 'equipment' }]);
    expect(anchorsOf(catalog, 'questions.funding.choice')).toEqual([{ kind: 'question', code: 'funding', section: 'management', group: 'resources' }]);
    expect(anchorsOf(catalog, 'scenes.quality')).toEqual([{ kind: 'scene', code: 'quality', section: 'scenes', group: 'productionExecution' }]);
    expect(anchorsOf(catalog, 'catalogVersion')).toEqual([]);
    expect(anchorsOf(catalog, 'questions.nope')).toEqual([]);
  });

  it('a shared figure belongs to every question using it, the first one first', () => {
    expect(anchorsOf(catalog, 'inputs.revenueLastYear').map((a) => a.code)).toEqual(['funding', 'energyPerRevenue', 'revenuePerEmployee', 'costPerRevenue']);
    expect(anchorsOf(catalog, 'questions.costPerRevenue.inputs.revenueLastYear').map((a) => a.code)).toEqual([
      'costPerRevenue',
      'funding',
      'energyPerRevenue',
      'revenuePerEmployee',
    ]);
  });

  it('groups problems by card without repeating one', () => {
    const p = (path: string, code: AssessmentProblem['code']): AssessmentProblem => ({ path, code, message: { zh: `${code}@${path}`, en: code } });
    const map = problemsByAnchor(catalog, [p('inputs.productionEquipment', 'NEGATIVE_INPUT'), p('questions.equipmentDigitalRate.choice', 'BAND_CONTRADICTS_INPUTS'), p('scenes.hr', 'MISSING_SCENE')]);
    expect(map.get('question:equipmentDigitalRate')?.map((x) => x.code)).toEqual(['NEGATIVE_INPUT', 'BAND_CONTRADICTS_INPUTS']);
    expect(map.get('question:equipmentNetworkedRate')?.map((x) => x.code)).toEqual(['NEGATIVE_INPUT']);
    expect(map.get('scene:hr')?.length).toBe(1);
    expect(anchorId({ kind: 'question', code: 'network' })).toBe('as-q-network');
    expect(anchorId({ kind: 'scene', code: 'hr' })).toBe('as-s-hr');
  });
});

describe('live result', () => {
  it('an empty draft: nothing wrong yet, everything missing, 未达一级', () => {
    const live = evaluate(catalog, emptyAnswers(catalog));
    expect(live.issues).toEqual([]);
    expect(live.missing).toHaveLength(15 + 16);
    expect(live.result.level.level).toBe(0);
    expect(live.result.level.next?.level).toBe(1);
  });

  it('a contradiction is an issue to fix, not a missing answer', () => {
    let a = setInput(catalog, emptyAnswers(catalog), 'productionEquipment', 100);
    a = setInput(catalog, a, 'digitalEquipment', 35);
    a = setChoice(a, 'equipmentDigitalRate', 'D');
    const live = evaluate(catalog, a);
    expect(live.issues.map((p) => p.code)).toEqual(['BAND_CONTRADICTS_INPUTS']);
    expect(live.issues[0]?.message.zh).toContain('35.0%');
    expect(live.missing.some((p) => p.path === 'questions.equipmentDigitalRate')).toBe(false);
  });

  it('complete answers of a level: nothing missing, that level, sections all done', () => {
    const live = evaluate(catalog, answersForTargetLevel(catalog, 2));
    expect(live.missing).toEqual([]);
    expect(live.issues).toEqual([]);
    expect(live.result.level.level).toBe(2);
    const progress = sectionProgress(catalog, live.result);
    expect(sectionKeys(catalog)).toEqual(['foundation', 'management', 'outcomes', 'scenes']);
    for (const key of sectionKeys(catalog)) expect(progress[key]?.done).toBe(progress[key]?.total);
    expect(progress.scenes).toEqual({ done: 16, total: 16 });
  });
});

describe('which mode the caller may fill now (the server decides)', () => {
  it.each([
    ['self', 'self'],
    ['institution', 'institution'],
    ['evaluation', 'evaluation'],
    [null, null],
    [undefined, null],
    ['somethingElse', null],
  ] as const)('fillableAssessment %s → %s', (given, mode) => {
    expect(fillableMode({ fillableAssessment: given })).toBe(mode);
  });

  it('never derives the mode from the role or the state', () => {
    // A project in self-diagnosis, seen by its enterprise, with nothing fillable per the server: none.
    expect(fillableMode({ fillableAssessment: null, ...{ state: 'selfDiagnosis', role: 'enterprise' } } as { fillableAssessment: null })).toBeNull();
  });
});

describe('formatting', () => {
  it('figures keep the digits that matter', () => {
    expect(figureText(42.5, 'zh-CN')).toBe('42.5');
    expect(figureText(6800, 'en')).toBe('6,800');
    expect(figureText(0.13235294, 'zh-CN')).toBe('0.1324');
    expect(figureText(0, 'zh-CN')).toBe('0');
  });

  it('times are HH:mm in China Standard Time', () => {
    expect(timeText('2026-03-05T06:30:00.000Z')).toBe('14:30');
    expect(timeText(null)).toBe('');
    expect(timeText('nonsense')).toBe('');
  });

  it('levels from the API are 0–4', () => {
    expect(asDigitalLevel(2)).toBe(2);
    expect(asDigitalLevel(null)).toBe(0);
    expect(asDigitalLevel(7)).toBe(0);
  });
});

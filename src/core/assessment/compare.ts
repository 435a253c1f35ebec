/** Before/after comparison of two assessments (e.g. diagnosis vs. effect evaluation). */
import type { Text } from '../text';
import type { DigitalLevel, SceneLevel } from './catalog-types';
import type { LevelResult } from './level';
import { formatDelta, formatPoints, fromMilli, toMilli } from './points';
import type { ScoreResult } from './scoring';

export interface PointsDelta {
  code: string;
  name: Text;
  max: number;
  /** null when the item does not exist on that side (different catalog versions). */
  before: number | null;
  after: number | null;
  delta: number | null;
}

export interface SceneDelta {
  code: string;
  name: Text;
  constraint: boolean;
  before: SceneLevel | null;
  after: SceneLevel | null;
  delta: number | null;
}

export interface AssessmentComparison {
  sameCatalog: boolean;
  base: { before: number; after: number; delta: number };
  level: { before: DigitalLevel; after: DigitalLevel; delta: number; beforeName: Text; afterName: Text; changed: boolean };
  dimensions: PointsDelta[];
  indicators: PointsDelta[];
  scenes: SceneDelta[];
  summary: Text;
}

type Compared = { score: ScoreResult; level: LevelResult };

const minus = (a: number, b: number): number => fromMilli(toMilli(a) - toMilli(b));

/** Items in `after` order, then items only present `before`. */
function pair<T extends { code: string }>(before: readonly T[], after: readonly T[]): { code: string; b?: T; a?: T }[] {
  const byCode = new Map(before.map((item) => [item.code, item]));
  const rows: { code: string; b?: T; a?: T }[] = after.map((a) => ({ code: a.code, a, b: byCode.get(a.code) }));
  const seen = new Set(after.map((item) => item.code));
  for (const b of before) if (!seen.has(b.code)) rows.push({ code: b.code, b });
  return rows;
}

function pointsDeltas<T extends { code: string; name: Text; score: number; max: number }>(
  before: readonly T[],
  after: readonly T[],
): PointsDelta[] {
  return pair(before, after).map(({ code, b, a }) => {
    const item = a ?? b;
    return {
      code,
      name: item?.name ?? { zh: code, en: code },
      max: item?.max ?? 0,
      before: b ? b.score : null,
      after: a ? a.score : null,
      delta: a && b ? minus(a.score, b.score) : null,
    };
  });
}

export function compareAssessments(before: Compared, after: Compared): AssessmentComparison {
  const scenes: SceneDelta[] = pair(before.score.scenes, after.score.scenes).map(({ code, b, a }) => {
    const item = a ?? b;
    return {
      code,
      name: item?.name ?? { zh: code, en: code },
      constraint: item?.constraint ?? false,
      before: b ? b.level : null,
      after: a ? a.level : null,
      delta: a && b ? a.level - b.level : null,
    };
  });
  const baseDelta = minus(after.score.base, before.score.base);
  const levelDelta = after.level.level - before.level.level;
  const improved = scenes.filter((scene) => (scene.delta ?? 0) > 0).length;
  const declined = scenes.filter((scene) => (scene.delta ?? 0) < 0).length;

  const zh = [`基础得分由 ${formatPoints(before.score.base)} 变为 ${formatPoints(after.score.base)}（${formatDelta(baseDelta)}）`];
  const en = [
    `Base score from ${formatPoints(before.score.base)} to ${formatPoints(after.score.base)} (${formatDelta(baseDelta)})`,
  ];
  const [bn, an] = [before.level.name, after.level.name];
  if (levelDelta > 0) {
    zh.push(`等级由${bn.zh}提升至${an.zh}`);
    en.push(`level raised from ${bn.en} to ${an.en}`);
  } else if (levelDelta < 0) {
    zh.push(`等级由${bn.zh}降至${an.zh}`);
    en.push(`level lowered from ${bn.en} to ${an.en}`);
  } else {
    zh.push(`等级保持${an.zh}`);
    en.push(`level unchanged at ${an.en}`);
  }
  zh.push(`${improved} 个场景等级提升，${declined} 个下降`);
  en.push(`${improved} ${improved === 1 ? 'scene' : 'scenes'} improved, ${declined} declined`);

  return {
    sameCatalog: before.score.catalogVersion === after.score.catalogVersion,
    base: { before: before.score.base, after: after.score.base, delta: baseDelta },
    level: {
      before: before.level.level,
      after: after.level.level,
      delta: levelDelta,
      beforeName: bn,
      afterName: an,
      changed: levelDelta !== 0,
    },
    dimensions: pointsDeltas(before.score.dimensions, after.score.dimensions),
    indicators: pointsDeltas(before.score.indicators, after.score.indicators),
    scenes,
    summary: { zh: zh.join('；'), en: en.join('; ') },
  };
}

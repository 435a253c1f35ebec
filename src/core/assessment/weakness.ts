/** Where an enterprise is weakest: scenes to lift first and indicators with the lowest score ratio. */
import type { Text } from '../text';
import type { Catalog, SceneLevel } from './catalog-types';
import { determineLevel, type LevelResult } from './level';
import { formatPoints, fromMilli, toMilli } from './points';
import type { ScoreResult } from './scoring';

export interface WeakScene {
  code: string;
  name: Text;
  group: string;
  level: SceneLevel;
  constraint: boolean;
  /** Lifting this scene to `targetLevel` counts towards an unmet scene requirement of the next level. */
  blocksNextLevel: boolean;
  /** The scene level the next digital level asks for, when this scene is below it. */
  targetLevel: SceneLevel | null;
  reason: Text;
}

export interface WeakIndicator {
  code: string;
  name: Text;
  dimension: string;
  score: number;
  max: number;
  /** score / max, 0–1. */
  ratio: number;
  /** Points still available. */
  missing: number;
}

export interface Weakness {
  scenes: WeakScene[];
  indicators: WeakIndicator[];
}

/**
 * Scenes below L4, ranked: those blocking the next level first, then constraint scenes, then lowest level,
 * then catalog order. Indicators below full marks, ranked by lowest score ratio, then most points missing.
 */
export function weakness(catalog: Catalog, result: { score: ScoreResult; level?: LevelResult }): Weakness {
  const level = result.level ?? determineLevel(catalog, result.score);
  const next = level.next;
  const rule = next ? catalog.levelRules.find((candidate) => candidate.level === next.level) : undefined;
  const scenesShort = next?.requirements.some((req) => req.kind === 'scenes' && !req.met) ?? false;
  const constraintShort = next?.requirements.some((req) => req.kind === 'constraintScenes' && !req.met) ?? false;

  const scenes = result.score.scenes
    .map((scene, order) => {
      const below = rule !== undefined && scene.level < rule.sceneLevel;
      const blocks = below && (scenesShort || (constraintShort && scene.constraint));
      const constraintZh = scene.constraint ? '，约束性场景' : '';
      const constraintEn = scene.constraint ? ', a constraint scene' : '';
      const reason: Text =
        blocks && next && rule
          ? {
              zh: `当前 L${scene.level}${constraintZh}；提升到 L${rule.sceneLevel} 有助于达到${next.name.zh}`,
              en: `Currently L${scene.level}${constraintEn}; lifting it to L${rule.sceneLevel} counts towards ${next.name.en}`,
            }
          : { zh: `当前 L${scene.level}${constraintZh}`, en: `Currently L${scene.level}${constraintEn}` };
      const weak: WeakScene = {
        code: scene.code,
        name: scene.name,
        group: scene.group,
        level: scene.level,
        constraint: scene.constraint,
        blocksNextLevel: blocks,
        targetLevel: below && rule ? rule.sceneLevel : null,
        reason,
      };
      return { weak, order };
    })
    .filter(({ weak }) => weak.level < 4)
    .sort(
      (a, b) =>
        Number(b.weak.blocksNextLevel) - Number(a.weak.blocksNextLevel) ||
        Number(b.weak.constraint) - Number(a.weak.constraint) ||
        a.weak.level - b.weak.level ||
        a.order - b.order,
    )
    .map(({ weak }) => weak);

  const indicators = result.score.indicators
    .map((indicator, order) => {
      const scoreMilli = toMilli(indicator.score);
      const maxMilli = toMilli(indicator.max);
      return {
        weak: {
          code: indicator.code,
          name: indicator.name,
          dimension: indicator.dimension,
          score: indicator.score,
          max: indicator.max,
          ratio: maxMilli > 0 ? scoreMilli / maxMilli : 1,
          missing: fromMilli(maxMilli - scoreMilli),
        } satisfies WeakIndicator,
        order,
      };
    })
    .filter(({ weak }) => weak.ratio < 1)
    .sort((a, b) => a.weak.ratio - b.weak.ratio || b.weak.missing - a.weak.missing || a.order - b.order)
    .map(({ weak }) => weak);

  return { scenes, indicators };
}

/** "数据采集（2.1/10 分）" */
export function indicatorScoreText(indicator: WeakIndicator): Text {
  const score = formatPoints(indicator.score);
  const max = formatPoints(indicator.max);
  return { zh: `${indicator.name.zh}（${score}/${max} 分）`, en: `${indicator.name.en} (${score}/${max} points)` };
}

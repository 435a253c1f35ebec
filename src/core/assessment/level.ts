/**
 * Digital level (一级 … 四级) from the base score and the scene ratings, with an explanation of exactly what
 * is missing for the next level up.
 */
import type { Text } from '../text';
import type { Catalog, DigitalLevel, LevelRule } from './catalog-types';
import { formatPoints, fromMilli, toMilli } from './points';
import type { ScoreResult } from './scoring';

export type RequirementKind = 'base' | 'scenes' | 'constraintScenes';

export interface LevelRequirement {
  kind: RequirementKind;
  required: number;
  actual: number;
  met: boolean;
  message: Text;
}

export interface LevelCheck {
  level: Exclude<DigitalLevel, 0>;
  name: Text;
  met: boolean;
  requirements: LevelRequirement[];
}

export interface NextLevelGap {
  level: Exclude<DigitalLevel, 0>;
  name: Text;
  requirements: LevelRequirement[];
  /** Only what is missing, e.g. "基础得分 37.5，距二级所需 40 分还差 2.5 分；2 级及以上场景 5 个，需 6 个". */
  missingSummary: Text;
}

export interface LevelResult {
  /** 0 = 未达一级. */
  level: DigitalLevel;
  name: Text;
  /** null at the top level. */
  next: NextLevelGap | null;
  /** Every rule, evaluated. */
  checks: LevelCheck[];
}

/** What the level engine needs from a score result. */
export type LevelInput = Pick<ScoreResult, 'base' | 'scenes'>;

export function levelName(catalog: Catalog, level: DigitalLevel): Text {
  if (level === 0) return catalog.belowLevelName;
  return catalog.levelRules.find((rule) => rule.level === level)?.name ?? { zh: `${level}级`, en: `Level ${level}` };
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function evaluateRule(rule: LevelRule, input: LevelInput): LevelCheck {
  const { name, sceneLevel: l } = rule;
  const baseMilli = toMilli(input.base);
  const minMilli = toMilli(rule.minBase);
  const base = formatPoints(input.base);
  const min = formatPoints(rule.minBase);
  const baseMet = baseMilli >= minMilli;
  const gap = formatPoints(fromMilli(minMilli - baseMilli));
  const atLevel = input.scenes.filter((scene) => scene.level >= l);
  const scenes = atLevel.length;
  const constraint = atLevel.filter((scene) => scene.constraint).length;
  const scenesMet = scenes >= rule.minScenesAtLevel;
  const constraintMet = constraint >= rule.minConstraintScenes;
  const requirements: LevelRequirement[] = [
    {
      kind: 'base',
      required: rule.minBase,
      actual: input.base,
      met: baseMet,
      message: baseMet
        ? { zh: `基础得分 ${base}，已达到${name.zh}所需的 ${min} 分`, en: `Base score ${base} meets the ${min} required for ${name.en}` }
        : {
            zh: `基础得分 ${base}，距${name.zh}所需 ${min} 分还差 ${gap} 分`,
            en: `Base score ${base}, ${gap} ${gap === '1' ? 'point' : 'points'} short of the ${min} required for ${name.en}`,
          },
    },
    {
      kind: 'scenes',
      required: rule.minScenesAtLevel,
      actual: scenes,
      met: scenesMet,
      message: scenesMet
        ? {
            zh: `${l} 级及以上场景 ${scenes} 个，已达到所需的 ${rule.minScenesAtLevel} 个`,
            en: `${count(scenes, 'scene')} at L${l} or above (${rule.minScenesAtLevel} required)`,
          }
        : {
            zh: `${l} 级及以上场景 ${scenes} 个，需 ${rule.minScenesAtLevel} 个`,
            en: `${count(scenes, 'scene')} at L${l} or above, ${rule.minScenesAtLevel} required`,
          },
    },
    {
      kind: 'constraintScenes',
      required: rule.minConstraintScenes,
      actual: constraint,
      met: constraintMet,
      message: constraintMet
        ? {
            zh: `${l} 级及以上的约束性场景 ${constraint} 个，已达到所需的 ${rule.minConstraintScenes} 个`,
            en: `${count(constraint, 'constraint scene')} at L${l} or above (${rule.minConstraintScenes} required)`,
          }
        : {
            zh: `${l} 级及以上的约束性场景 ${constraint} 个，需 ${rule.minConstraintScenes} 个`,
            en: `${count(constraint, 'constraint scene')} at L${l} or above, ${rule.minConstraintScenes} required`,
          },
    },
  ];
  return { level: rule.level, name, met: baseMet && scenesMet && constraintMet, requirements };
}

/** Only the unmet requirements, phrased as one sentence. */
function summarise(check: LevelCheck): Text {
  const zh: string[] = [];
  const en: string[] = [];
  const [base, scenes, constraint] = check.requirements;
  if (base && !base.met) {
    zh.push(base.message.zh);
    en.push(base.message.en);
  }
  if (scenes && !scenes.met) {
    zh.push(scenes.message.zh);
    en.push(scenes.message.en);
  }
  if (constraint && !constraint.met) {
    if (scenes && !scenes.met) {
      zh.push(`其中约束性场景 ${constraint.actual} 个，需 ${constraint.required} 个`);
      en.push(`of which constraint scenes: ${constraint.actual}, ${constraint.required} required`);
    } else {
      zh.push(constraint.message.zh);
      en.push(constraint.message.en);
    }
  }
  const prefixed = base?.met ?? true;
  return {
    zh: (prefixed ? `距${check.name.zh}：` : '') + zh.join('；'),
    en: (prefixed ? `For ${check.name.en}: ` : '') + en.join('; '),
  };
}

/** The highest level whose rule holds (0 if none), and what the next level up still needs. */
export function determineLevel(catalog: Catalog, score: LevelInput): LevelResult {
  const checks = [...catalog.levelRules].sort((a, b) => a.level - b.level).map((rule) => evaluateRule(rule, score));
  const level = checks.reduce<DigitalLevel>((best, check) => (check.met && check.level > best ? check.level : best), 0);
  const nextCheck = checks.find((check) => check.level > level && !check.met);
  const next: NextLevelGap | null = nextCheck
    ? {
        level: nextCheck.level,
        name: nextCheck.name,
        requirements: nextCheck.requirements,
        missingSummary: summarise(nextCheck),
      }
    : null;
  return { level, name: levelName(catalog, level), next, checks };
}

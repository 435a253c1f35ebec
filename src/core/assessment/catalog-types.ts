/**
 * Types of the versioned assessment catalog: the national SME digital-level assessment
 * (中小企业数字化水平评测指标) as reference data. A catalog is immutable data; the scoring and level
 * engine reads everything it needs (points, option scores, band bounds, level rules) from it.
 */
import type { Text } from '../text';

/** Catalog versions known to the platform. Adding a version: add it here, add a data file, register it. */
export const CATALOG_VERSIONS = ['2024'] as const;
export type CatalogVersion = (typeof CATALOG_VERSIONS)[number];

/** A scene's rating: L0 (not started) to L4. */
export type SceneLevel = 0 | 1 | 2 | 3 | 4;
export const SCENE_LEVELS: readonly SceneLevel[] = [0, 1, 2, 3, 4];

/** The enterprise's digital level: 0 = 未达一级 (below level 1), 1–4 = 一级 … 四级. */
export type DigitalLevel = 0 | 1 | 2 | 3 | 4;

export type QuestionType = 'single' | 'multi' | 'band' | 'trend';
export type TrendDirection = 'up' | 'flat' | 'down';

/** A numeric figure the enterprise may enter (equipment counts, revenue, energy…). Codes are catalog-wide. */
export interface InputDef {
  code: string;
  label: Text;
  unit: Text;
  /** Counts (equipment, employees) must be whole numbers. */
  integer: boolean;
  /** Upper bound, e.g. 100 for a percentage. Values are never negative. */
  max?: number;
}

export interface Option {
  /** Option letter as on the official form ("A", "B", …); unique inside its question. */
  id: string;
  label: Text;
  /** Points as published (may have up to 3 decimals, e.g. 1.875). */
  score: number;
  /** An option such as 无 (none) that cannot be combined with others (multi questions). */
  exclusive?: boolean;
  note?: Text;
}

/**
 * A percentage band (ratio × 100). `lowExclusive` absent = starts at 0 inclusive; `high` null = no upper
 * bound. E.g. "(10%,20%]" = { lowExclusive: 10, high: 20 }.
 */
export interface BandBounds {
  lowExclusive?: number;
  high: number | null;
}

export interface BandOption extends Option {
  band: BandBounds;
}

export interface TrendOption extends Option {
  direction: TrendDirection;
}

/** ratio = numerator / denominator, both input codes. */
export interface BandRatio {
  numerator: string;
  denominator: string;
  /** Name of the ratio used in messages, e.g. 数字化设备比例. */
  label: Text;
  /** The numerator is a part of the denominator (networked ⊆ all equipment), so it cannot exceed 100%. */
  partOfWhole: boolean;
}

/** One year's figure of a trend question: an input, or an input divided by another (per-revenue figures). */
export interface TrendFigure {
  numerator: string;
  denominator?: string;
}

interface QuestionBase {
  code: string;
  name: Text;
  points: number;
  /** What an assessor asks to see. */
  evidence: readonly Text[];
  note?: Text;
}

export interface SingleQuestion extends QuestionBase {
  type: 'single';
  options: readonly Option[];
}

export interface MultiQuestion extends QuestionBase {
  type: 'multi';
  options: readonly Option[];
}

export interface BandQuestion extends QuestionBase {
  type: 'band';
  /** Input codes shown with the question, in display order. */
  inputs: readonly string[];
  ratio: BandRatio;
  options: readonly BandOption[];
}

export interface TrendQuestion extends QuestionBase {
  type: 'trend';
  /** Which direction is an improvement. */
  better: 'up' | 'down';
  /** Input codes shown with the question (present together with `figures`). */
  inputs?: readonly string[];
  figures?: { lastYear: TrendFigure; yearBefore: TrendFigure };
  options: readonly TrendOption[];
}

export type Question = SingleQuestion | MultiQuestion | BandQuestion | TrendQuestion;

export interface Indicator {
  code: string;
  name: Text;
  points: number;
  questions: readonly Question[];
}

export interface Dimension {
  code: string;
  name: Text;
  points: number;
  indicators: readonly Indicator[];
}

export interface Scene {
  code: string;
  name: Text;
  /** 约束性场景: counted separately by the level rules. */
  constraint: boolean;
  /** What L1, L2, L3, L4 look like. */
  levels: readonly [Text, Text, Text, Text];
}

export interface SceneGroup {
  code: string;
  name: Text;
  scenes: readonly Scene[];
}

export interface LevelRule {
  level: Exclude<DigitalLevel, 0>;
  name: Text;
  /** Minimum base score (0–100). */
  minBase: number;
  /** Minimum number of scenes rated at `sceneLevel` or above. */
  minScenesAtLevel: number;
  sceneLevel: Exclude<SceneLevel, 0>;
  /** Minimum number of constraint scenes rated at `sceneLevel` or above. */
  minConstraintScenes: number;
}

export interface Catalog {
  version: CatalogVersion;
  name: Text;
  issuer: Text;
  /** ISO date of the issuing document. */
  issuedOn: string;
  /** Where the data comes from and how far it is checked. */
  provenance: Text;
  /** Total of the scored part (dimensions). */
  scoredTotal: number;
  /** All numeric inputs; codes are shared between questions (e.g. revenue). */
  inputs: readonly InputDef[];
  dimensions: readonly Dimension[];
  sceneGroups: readonly SceneGroup[];
  /** Short names of L0…L4. */
  sceneLevelNames: readonly [Text, Text, Text, Text, Text];
  /** Evidence usually asked for a scene rated L1…L4. */
  sceneEvidenceByLevel: readonly [Text, Text, Text, Text];
  /** Ascending by level. */
  levelRules: readonly LevelRule[];
  /** Name of level 0 (未达一级). */
  belowLevelName: Text;
  scoringRules: readonly Text[];
}

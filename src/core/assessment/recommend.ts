/** Ranking catalog products against an assessment's weak scenes and indicators (pure). */
import type { Text } from '../text';
import type { Catalog } from './catalog-types';
import type { LevelResult } from './level';
import type { ScoreResult } from './scoring';
import { indicatorScoreText, weakness, type WeakIndicator, type WeakScene } from './weakness';

export interface RecommendableProduct {
  id: string;
  name: string;
  providerName: string;
  /** Scene codes the product serves. */
  scenes: readonly string[];
  /** Indicator codes the product strengthens. */
  indicators?: readonly string[];
}

export interface ProductRecommendation<P extends RecommendableProduct = RecommendableProduct> {
  product: P;
  /** Relevance; higher is better. */
  score: number;
  matchedScenes: string[];
  matchedIndicators: string[];
  reason: Text;
}

function sceneWeight(scene: WeakScene): number {
  return 1 + (scene.blocksNextLevel ? 4 : 0) + (scene.constraint ? 1 : 0) + (4 - scene.level) * 0.5;
}

function indicatorWeight(indicator: WeakIndicator): number {
  return 1 + 3 * (1 - indicator.ratio);
}

function sceneText(scene: WeakScene, next: LevelResult['next']): Text {
  const zh = [`L${scene.level}`];
  const en = [`L${scene.level}`];
  if (scene.constraint) {
    zh.push('约束性');
    en.push('constraint scene');
  }
  if (scene.blocksNextLevel && next) {
    zh.push(`影响晋级${next.name.zh}`);
    en.push(`needed for ${next.name.en}`);
  }
  return { zh: `${scene.name.zh}（${zh.join('，')}）`, en: `${scene.name.en} (${en.join(', ')})` };
}

const MAX_NAMED = 3;

/** Products matching at least one weak scene or indicator, most relevant first (ties: more matches, then id). */
export function recommendProducts<P extends RecommendableProduct>(
  catalog: Catalog,
  result: { score: ScoreResult; level: LevelResult },
  products: readonly P[],
  limit: number,
): ProductRecommendation<P>[] {
  const weak = weakness(catalog, result);
  const ranked: ProductRecommendation<P>[] = [];
  for (const product of products) {
    const matchedScenes = weak.scenes.filter((scene) => product.scenes.includes(scene.code));
    const matchedIndicators = weak.indicators.filter((indicator) => product.indicators?.includes(indicator.code));
    if (matchedScenes.length === 0 && matchedIndicators.length === 0) continue;
    const score =
      matchedScenes.reduce((sum, scene) => sum + sceneWeight(scene), 0) +
      matchedIndicators.reduce((sum, indicator) => sum + indicatorWeight(indicator), 0);
    const zh: string[] = [];
    const en: string[] = [];
    if (matchedScenes.length > 0) {
      const named = matchedScenes.slice(0, MAX_NAMED).map((scene) => sceneText(scene, result.level.next));
      zh.push(`可提升场景：${named.map((t) => t.zh).join('、')}${matchedScenes.length > MAX_NAMED ? ' 等' : ''}`);
      en.push(`improves scenes: ${named.map((t) => t.en).join(', ')}${matchedScenes.length > MAX_NAMED ? ' and more' : ''}`);
    }
    if (matchedIndicators.length > 0) {
      const named = matchedIndicators.slice(0, MAX_NAMED).map(indicatorScoreText);
      zh.push(`可补强指标：${named.map((t) => t.zh).join('、')}${matchedIndicators.length > MAX_NAMED ? ' 等' : ''}`);
      en.push(`strengthens indicators: ${named.map((t) => t.en).join(', ')}${matchedIndicators.length > MAX_NAMED ? ' and more' : ''}`);
    }
    const enText = en.join('; ');
    ranked.push({
      product,
      score: Math.round(score * 1000) / 1000,
      matchedScenes: matchedScenes.map((scene) => scene.code),
      matchedIndicators: matchedIndicators.map((indicator) => indicator.code),
      reason: { zh: zh.join('；'), en: enText.charAt(0).toUpperCase() + enText.slice(1) },
    });
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.matchedScenes.length + b.matchedIndicators.length - (a.matchedScenes.length + a.matchedIndicators.length) ||
      (a.product.id < b.product.id ? -1 : a.product.id > b.product.id ? 1 : 0),
  );
  return ranked.slice(0, Math.max(0, limit));
}

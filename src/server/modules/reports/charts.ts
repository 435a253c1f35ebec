/** Vector charts drawn with pdfkit paths: the indicator radar and the scene-level bar chart. */
import { COLORS, type Layout } from './layout';

export interface RadarAxis {
  label: string;
  /** Second, smaller line under the label (e.g. the share). */
  detail?: string;
}

export interface RadarSeries {
  /** One share (0–1) per axis. */
  values: readonly number[];
  color: string;
  fillOpacity: number;
  dashed?: boolean;
}

const clamp01 = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);

/**
 * A radar chart centred on (cx, cy): grid rings at 20 % steps, one axis per indicator starting at the top
 * and going clockwise, labels outside the outer ring, then each series as a filled polygon.
 */
export function drawRadar(
  layout: Layout,
  cx: number,
  cy: number,
  radius: number,
  axes: readonly RadarAxis[],
  series: readonly RadarSeries[],
  labelWidth: number,
): void {
  const { doc } = layout;
  const n = axes.length;
  if (n < 3) return;
  const angle = (i: number): number => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const point = (i: number, share: number): [number, number] => [
    cx + Math.cos(angle(i)) * radius * share,
    cy + Math.sin(angle(i)) * radius * share,
  ];

  doc.save();
  for (const ring of [0.2, 0.4, 0.6, 0.8, 1]) {
    doc.polygon(...axes.map((_, i) => point(i, ring)));
    doc.lineWidth(ring === 1 ? 0.8 : 0.4).strokeColor(ring === 1 ? COLORS.faint : COLORS.rule).stroke();
  }
  for (let i = 0; i < n; i += 1) {
    const [x, y] = point(i, 1);
    doc.moveTo(cx, cy).lineTo(x, y).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
  }
  doc.restore();
  for (const ring of [0.5, 1]) {
    layout.lineAt(`${ring * 100}%`, cx + 3, cy - radius * ring - 3.5, { size: 6, color: COLORS.faint });
  }

  for (const s of series) {
    const points = axes.map((_, i) => point(i, clamp01(s.values[i] ?? 0)));
    doc.save();
    doc.polygon(...points).fillOpacity(s.fillOpacity).fill(s.color);
    doc.restore();
    doc.save();
    if (s.dashed) doc.dash(3, { space: 2 });
    doc.polygon(...points).lineWidth(1.2).strokeColor(s.color).stroke();
    doc.undash();
    for (const [x, y] of points) doc.circle(x, y, 1.6).fill(s.color);
    doc.restore();
  }

  axes.forEach((axis, i) => {
    const a = angle(i);
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    const [px, py] = point(i, 1);
    const ax = px + cos * 7;
    const ay = py + sin * 7;
    const labelStyle = { size: 7.5, color: COLORS.text };
    const detailStyle = { size: 7, color: COLORS.muted };
    const width = Math.min(labelWidth, layout.widthOf(axis.label, labelStyle) + 1);
    const height = layout.measure(axis.label, width, labelStyle) + (axis.detail ? layout.lineHeight(7) : 0);
    const align = cos > 0.25 ? 'left' : cos < -0.25 ? 'right' : 'center';
    const x = align === 'left' ? ax : align === 'right' ? ax - width : ax - width / 2;
    const y = sin < -0.5 ? ay - height : sin > 0.5 ? ay : ay - height / 2;
    const used = layout.textAt(axis.label, x, y, width, { ...labelStyle, align });
    if (axis.detail) {
      const detailWidth = Math.max(width, layout.widthOf(axis.detail, detailStyle) + 1);
      const dx = align === 'left' ? x : align === 'right' ? x + width - detailWidth : x + (width - detailWidth) / 2;
      layout.textAt(axis.detail, dx, y + used, detailWidth, { ...detailStyle, align });
    }
  });
}

export interface ChartScene {
  name: string;
  constraint: boolean;
  level: number;
  /** The earlier assessment's level (comparison reports); null when not compared. */
  before: number | null;
}

export interface ChartGroup {
  name: string;
  scenes: readonly ChartScene[];
}

export interface SceneChartLabels {
  current: string;
  before: string | null;
  constraint: string;
  target: string | null;
}

const LABEL_WIDTH = 158;
const VALUE_WIDTH = 30;
const ROW = 15;
const GROUP_ROW = 16;

function sceneRowHeight(layout: Layout, scene: ChartScene, compared: boolean): number {
  const labelHeight = layout.measure(scene.name, LABEL_WIDTH - 8 - (scene.constraint ? 14 : 0), { size: 8 });
  return Math.max(compared ? ROW + 4 : ROW, labelHeight + 4);
}

/** Height the scene chart needs (to keep it on one page). */
export function sceneChartHeight(layout: Layout, groups: readonly ChartGroup[], compared: boolean): number {
  let height = 16; // axis labels
  for (const group of groups) {
    height += GROUP_ROW;
    for (const scene of group.scenes) height += sceneRowHeight(layout, scene, compared);
  }
  return height + 26; // legend
}

/**
 * Horizontal bars of the scene levels L0–L4, grouped; constraint scenes marked with ★, the level the next
 * digital level needs as a dashed line, and (comparison) the earlier level as a thin grey bar.
 */
export function drawSceneChart(
  layout: Layout,
  groups: readonly ChartGroup[],
  targetLevel: number | null,
  labels: SceneChartLabels,
): void {
  const { doc } = layout;
  const compared = groups.some((group) => group.scenes.some((scene) => scene.before !== null));
  const x0 = layout.left;
  const barX = x0 + LABEL_WIDTH;
  const barW = layout.width - LABEL_WIDTH - VALUE_WIDTH;
  const step = barW / 4;
  const top = layout.y;

  // Axis labels.
  for (let level = 0; level <= 4; level += 1) {
    layout.lineAt(`L${level}`, barX + level * step - 20, top, { size: 7.5, color: COLORS.muted, align: 'center' }, 40);
  }
  let y = top + 16;
  const gridTop = y;

  const rows: { y: number; height: number; scene: ChartScene }[] = [];
  for (const group of groups) {
    layout.rect(x0, y, layout.width, GROUP_ROW - 2, COLORS.band);
    layout.textAt(group.name, x0 + 4, y + 2, LABEL_WIDTH + barW, { size: 8, weight: 'bold', color: COLORS.primary });
    y += GROUP_ROW;
    for (const scene of group.scenes) {
      const height = sceneRowHeight(layout, scene, compared);
      rows.push({ y, height, scene });
      y += height;
    }
  }
  const gridBottom = y;

  for (const { y: rowY, height, scene } of rows) {
    // Grid segment of this row (group bands stay clear).
    doc.save();
    for (let level = 0; level <= 4; level += 1) {
      const x = barX + level * step;
      doc.moveTo(x, rowY).lineTo(x, rowY + height).lineWidth(level === 0 ? 0.8 : 0.4).strokeColor(level === 0 ? COLORS.faint : COLORS.rule).stroke();
    }
    doc.restore();
    let labelX = x0 + 8;
    if (scene.constraint) {
      layout.lineAt('★', labelX, rowY + 2, { size: 8, color: COLORS.constraint });
      labelX += 12;
    }
    layout.textAt(scene.name, labelX, rowY + 2, x0 + LABEL_WIDTH - 8 - labelX, { size: 8, color: COLORS.text });
    const mid = rowY + height / 2;
    const barHeight = compared ? 6.5 : 7.5;
    const barTop = compared ? mid - barHeight + 0.5 : mid - barHeight / 2 - 1;
    if (scene.level > 0) layout.rect(barX, barTop, scene.level * step, barHeight, COLORS.primary);
    if (scene.before !== null && scene.before > 0) layout.rect(barX, barTop + barHeight + 1, scene.before * step, 3.5, COLORS.before);
    const valueX = barX + scene.level * step + 3;
    layout.lineAt(`L${scene.level}`, valueX, barTop - 1, { size: 7.5, weight: 'bold', color: COLORS.primary });
    layout.hline(rowY + height, COLORS.rule, 0.3, x0, layout.right);
  }

  if (targetLevel !== null && targetLevel > 0) {
    const x = barX + targetLevel * step;
    doc.save().dash(2.5, { space: 2 }).moveTo(x, gridTop - 2).lineTo(x, gridBottom).lineWidth(1).strokeColor(COLORS.ruleStrong).stroke().undash().restore();
  }

  // Legend.
  let lx = x0;
  const ly = gridBottom + 9;
  const item = (draw: () => void, text: string, swatch: number): void => {
    draw();
    lx += swatch + 4;
    layout.lineAt(text, lx, ly - 1, { size: 7.5, color: COLORS.muted });
    lx += layout.widthOf(text, { size: 7.5 }) + 14;
  };
  item(() => layout.rect(lx, ly + 1, 14, 7, COLORS.primary), labels.current, 14);
  if (labels.before) item(() => layout.rect(lx, ly + 3, 14, 3.5, COLORS.before), labels.before, 14);
  item(() => layout.lineAt('★', lx, ly - 1, { size: 8, color: COLORS.constraint }), labels.constraint, 9);
  if (labels.target && targetLevel !== null && targetLevel > 0) {
    item(() => {
      doc.save().dash(2.5, { space: 2 }).moveTo(lx + 7, ly - 1).lineTo(lx + 7, ly + 9).lineWidth(1).strokeColor(COLORS.ruleStrong).stroke().undash().restore();
    }, labels.target, 14);
  }
  layout.y = gridBottom + 26;
}

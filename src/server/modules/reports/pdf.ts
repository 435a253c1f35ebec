/**
 * The assessment report as an A4 PDF: diagnosis (stage 2) or effect evaluation (stage 6). Pure rendering of
 * a ReportModel — no database access. Chinese text uses the embedded Noto Sans Hans font (subset per
 * document), charts are vector paths. Rendering is synchronous CPU work of roughly 0.1 s per report.
 */
import PDFDocument from 'pdfkit';
import {
  getCatalog,
  isCatalogVersion,
  type Catalog,
  type LevelRequirement,
} from '../../../core/assessment';
import type { Locale, Text } from '../../../core/text';
import { formatFenEn, formatFenZh } from '../../../core/money';
import { drawRadar, drawSceneChart, sceneChartHeight, type ChartGroup, type RadarSeries } from './charts';
import { NO_DEFAULT_FONT, installFonts } from './fonts';
import { delta, formatDate, formatDateTime, percent, points, scoreOf } from './format';
import { LABELS, MODE_LABELS, PLATFORM_NAME, catalogWithVersion, colon, nextLevelHeading, pageOf, sourceLine, targetLine } from './labels';
import { COLORS, Layout, PAGE, type Cell, type Column, type TableRow, type TextStyle } from './layout';
import type { ReportModel } from './model';

export { preloadReportFonts, setBoldMode, type BoldMode } from './fonts';

export interface RenderReportOptions {
  locale?: Locale;
}

/** Lookups by code for the names the result refers to. */
interface Names {
  scene: Map<string, Text>;
  group: Map<string, Text>;
  dimension: Map<string, Text>;
  indicator: Map<string, Text>;
  /** Group order and membership from the catalog (or, for an unknown catalog, from the result). */
  groups: { code: string; name: Text; scenes: string[] }[];
}

function catalogOf(model: ReportModel): Catalog | null {
  const version = model.assessment.catalogVersion;
  return isCatalogVersion(version) ? getCatalog(version) : null;
}

function namesOf(model: ReportModel, catalog: Catalog | null): Names {
  const { score } = model.result;
  const scene = new Map(score.scenes.map((s) => [s.code, s.name]));
  const dimension = new Map(score.dimensions.map((d) => [d.code, d.name]));
  const indicator = new Map(score.indicators.map((i) => [i.code, i.name]));
  const group = new Map<string, Text>();
  let groups: Names['groups'];
  if (catalog) {
    for (const g of catalog.sceneGroups) group.set(g.code, g.name);
    groups = catalog.sceneGroups.map((g) => ({
      code: g.code,
      name: g.name,
      scenes: g.scenes.map((s) => s.code).filter((code) => scene.has(code)),
    }));
  } else {
    groups = [];
    for (const s of score.scenes) {
      let entry = groups.find((g) => g.code === s.group);
      if (!entry) {
        entry = { code: s.group, name: { zh: s.group, en: s.group }, scenes: [] };
        groups.push(entry);
        group.set(s.group, entry.name);
      }
      entry.scenes.push(s.code);
    }
  }
  return { scene, group, dimension, indicator, groups };
}

const PASS_LEVEL = 2;

// ---------------------------------------------------------------------------------------------------------
// Sections

function drawCover(layout: Layout, model: ReportModel): void {
  const { doc } = layout;
  const x = layout.left;
  layout.rect(0, 0, PAGE.width, 8, COLORS.primary);
  layout.lineAt(layout.t(PLATFORM_NAME), x, layout.y - 22, { size: 8.5, color: COLORS.muted });
  const title = layout.t(model.title);
  layout.y += layout.textAt(title, x, layout.y - 4, layout.width, { size: 22, weight: 'bold', color: COLORS.text, leading: 1.25 }) - 2;
  layout.y += layout.textAt(model.enterprise.name, x, layout.y, layout.width, { size: 13, weight: 'bold', color: COLORS.primary, leading: 1.3 });
  layout.gap(4);
  const intro = layout.l(model.kind === 'evaluation' ? 'evaluationIntro' : 'diagnosisIntro');
  layout.y += layout.textAt(intro, x, layout.y, layout.width, { size: 8.5, color: COLORS.muted, leading: 1.45 });
  layout.gap(10);

  const e = model.enterprise;
  const a = model.assessment;
  const na = layout.l('notProvided');
  const submitted = formatDate(a.submittedAt);
  const pledged = formatDateTime(a.pledgedAt);
  const generated = formatDateTime(model.generatedAt);
  const pairs: [string, string][][] = [
    [[layout.l('enterpriseName'), e.name]],
    [
      [layout.l('uscc'), e.uscc],
      [layout.l('town'), layout.t(e.town)],
    ],
    [
      [layout.l('industry'), layout.t(e.industry)],
      [layout.l('size'), e.size ? layout.t(e.size) : na],
    ],
    [[layout.l('projectTitle'), model.project.title]],
    [
      [layout.l('filingNo'), model.project.filingNo ?? layout.l('notFiled')],
      [layout.l('contact'), e.contactName ?? na],
    ],
    [[layout.l('catalog'), layout.t(catalogWithVersion(a.catalogName, a.catalogVersion))]],
    [
      [layout.l('mode'), layout.t(MODE_LABELS[model.mode])],
      [layout.l('assessmentId'), a.id],
    ],
    [
      [layout.l('filledBy'), a.filledBy || na],
      [layout.l('submittedAt'), submitted ? layout.t(submitted) : layout.l('notSubmitted')],
    ],
    [
      [layout.l('pledgedAt'), pledged ? layout.t(pledged) : layout.l('notPledged')],
      [layout.l('reportGeneratedAt'), generated ? layout.t(generated) : na],
    ],
  ];
  const half = layout.width / 2;
  const pad = 6;
  const keyStyle = { size: 7.5, color: COLORS.muted };
  const valueStyle = { size: 9.5, color: COLORS.text };
  const boxTop = layout.y;
  layout.hline(boxTop, COLORS.rule, 0.6);
  for (const row of pairs) {
    const width = row.length === 1 ? layout.width : half;
    const heights = row.map(([, value]) => layout.measure(value, width - 2 * pad, valueStyle));
    const height = Math.max(...heights) + layout.lineHeight(7.5) + 2 * pad - 1;
    layout.ensure(height);
    row.forEach(([key, value], i) => {
      const cx = x + i * half;
      layout.textAt(key, cx + pad, layout.y + pad - 1, width - 2 * pad, keyStyle);
      layout.textAt(value, cx + pad, layout.y + pad + layout.lineHeight(7.5) - 1, width - 2 * pad, valueStyle);
    });
    if (row.length === 2) {
      doc.save().moveTo(x + half, layout.y + 4).lineTo(x + half, layout.y + height - 4).lineWidth(0.5).strokeColor(COLORS.rule).stroke().restore();
    }
    layout.y += height;
    layout.hline(layout.y, COLORS.rule, 0.6);
  }
}

function requirementLine(layout: Layout, requirement: LevelRequirement): { mark: string; color: string; text: string } {
  return requirement.met
    ? { mark: '✓', color: COLORS.pass, text: layout.t(requirement.message) }
    : { mark: '×', color: COLORS.fail, text: layout.t(requirement.message) };
}

function drawVerdict(layout: Layout, passed: boolean): void {
  const text = `${layout.l('verdict')}${colon(layout.locale)}${layout.l(passed ? 'verdictPass' : 'verdictFail')}`;
  const style = { size: 11.5, weight: 'bold' as const, color: passed ? COLORS.pass : COLORS.fail };
  const height = layout.measure(text, layout.width - 24, style) + 14;
  layout.ensure(height);
  layout.rect(layout.left, layout.y, layout.width, height, passed ? COLORS.passLight : COLORS.failLight, passed ? COLORS.pass : COLORS.fail);
  layout.textAt(text, layout.left + 12, layout.y + 7, layout.width - 24, style);
  layout.y += height;
}

function drawSummary(layout: Layout, model: ReportModel): void {
  const { result } = model;
  const { level, score } = result;
  layout.heading(layout.l('sectionResult'), 150);
  const evaluation = model.kind === 'evaluation';
  const passed = level.level >= PASS_LEVEL;
  const levelColor = evaluation ? (passed ? COLORS.pass : COLORS.fail) : COLORS.primary;

  const leftW = 170;
  const rightX = layout.left + leftW + 14;
  const rightW = layout.right - rightX - 12;
  const next = level.next;
  const lines = next ? next.requirements.map((r) => requirementLine(layout, r)) : [];
  const heading = next ? layout.t(nextLevelHeading(next.name)) : layout.l('nextLevelNeeds');
  const summaryText = next ? layout.t(next.missingSummary) : layout.l('topLevelReached');
  const summaryStyle = { size: 9.5, weight: 'bold' as const, color: next ? COLORS.text : COLORS.pass };
  const itemStyle = { size: 8.5, color: COLORS.text };
  let rightH = layout.lineHeight(10) + 4 + layout.measure(summaryText, rightW, summaryStyle) + 6;
  for (const line of lines) rightH += layout.measure(line.text, rightW - 14, itemStyle) + 2;
  const leftH = 118;
  const height = Math.max(leftH, rightH + 20);
  layout.ensure(height);
  const top = layout.y;
  layout.rect(layout.left, top, layout.width, height, COLORS.band);
  layout.rect(layout.left, top, 3, height, levelColor);

  // Left: level and base score.
  const lx = layout.left + 14;
  layout.lineAt(layout.l('levelReached'), lx, top + 10, { size: 8.5, color: COLORS.muted });
  layout.textAt(layout.t(level.name), lx, top + 22, leftW - 14, { size: 28, weight: 'bold', color: levelColor, leading: 1.2 });
  layout.lineAt(layout.l('baseScore'), lx, top + 64, { size: 8.5, color: COLORS.muted });
  layout.lineAt(scoreOf(score.base, score.max), lx, top + 76, { size: 16, weight: 'bold', color: COLORS.text });
  const barY = top + 102;
  const barW = leftW - 24;
  layout.rect(lx, barY, barW, 5, COLORS.primaryLight);
  layout.rect(lx, barY, barW * Math.min(1, Math.max(0, score.base / (score.max || 100))), 5, COLORS.primary);
  layout.doc
    .save()
    .moveTo(layout.left + leftW, top + 10)
    .lineTo(layout.left + leftW, top + height - 10)
    .lineWidth(0.6)
    .strokeColor(COLORS.rule)
    .stroke()
    .restore();

  // Right: what the next level needs.
  let y = top + 10;
  layout.lineAt(heading, rightX, y, { size: 10, weight: 'bold', color: COLORS.primary });
  y += layout.lineHeight(10) + 4;
  y += layout.textAt(summaryText, rightX, y, rightW, summaryStyle) + 6;
  for (const line of lines) {
    layout.lineAt(line.mark, rightX, y, { size: 9, weight: 'bold', color: line.color });
    y += layout.textAt(line.text, rightX + 14, y, rightW - 14, { ...itemStyle, color: line.color === COLORS.pass ? COLORS.text : COLORS.fail }) + 2;
  }
  layout.y = top + height + 8;

  if (evaluation) {
    drawVerdict(layout, passed);
    layout.gap(6);
  }
  if (!result.valid) layout.paragraph(layout.l('incomplete'), { size: 8.5, color: COLORS.fail });
}

/** A share bar to the right of the cell's percentage text. */
function rateBar(layout: Layout, share: number): Cell['draw'] {
  return (x, y, width, height) => {
    const bx = x + 34;
    const barW = width - 34;
    const barY = y + height / 2 - 3;
    const clamped = Math.min(1, Math.max(0, share));
    layout.rect(bx, barY, barW, 5, COLORS.primaryLight);
    if (clamped > 0) layout.rect(bx, barY, barW * clamped, 5, COLORS.primary);
  };
}

function drawDimensions(layout: Layout, model: ReportModel): void {
  const { score } = model.result;
  layout.heading(layout.l('sectionDimensions'), 120);
  const w = layout.width;
  const columns: Column[] = [
    { header: layout.l('dimension'), width: w - 330 },
    { header: layout.l('score'), width: 60, align: 'right' },
    { header: layout.l('max'), width: 60, align: 'right' },
    { header: layout.l('rate'), width: 210 },
  ];
  const rows: TableRow[] = score.dimensions.map((d) => {
    const share = d.max > 0 ? d.score / d.max : 0;
    return {
      cells: [
        layout.t(d.name),
        { text: points(d.score), align: 'right', weight: 'bold' },
        { text: points(d.max), align: 'right', color: COLORS.muted },
        { text: percent(share), draw: rateBar(layout, share) },
      ],
    };
  });
  rows.push({
    cells: [
      { text: layout.l('total'), weight: 'bold' },
      { text: points(score.base), align: 'right', weight: 'bold' },
      { text: points(score.max), align: 'right', color: COLORS.muted },
      { text: percent(score.max > 0 ? score.base / score.max : 0), draw: rateBar(layout, score.max > 0 ? score.base / score.max : 0) },
    ],
    fill: COLORS.band,
  });
  layout.table(columns, rows);

  // Radar of the indicators with the same data as a table beside it.
  layout.gap(12);
  const indicators = score.indicators;
  const before = model.comparison ? new Map(model.comparison.indicators.map((i) => [i.code, i])) : null;
  const radarW = 300;
  const tableX = layout.left + radarW + 8;
  const tableW = layout.right - tableX;
  const tableColumns: Column[] = [
    { header: layout.l('indicator'), width: tableW - 104 },
    { header: `${layout.l('score')} / ${layout.l('max')}`, width: 62, align: 'right' },
    { header: layout.l('rate'), width: 42, align: 'right' },
  ];
  const tableRows: TableRow[] = indicators.map((i) => ({
    cells: [
      layout.t(i.name),
      { text: scoreOf(i.score, i.max), align: 'right' },
      { text: percent(i.max > 0 ? i.score / i.max : 0), align: 'right', weight: 'bold' },
    ],
  }));
  const titleH = layout.lineHeight(10.5) + 4;
  let tableH = 24;
  for (const i of indicators) tableH += Math.max(layout.measure(layout.t(i.name), tableW - 104 - 8, { size: 8.3 }), layout.lineHeight(8.3)) + 7;
  const radius = layout.locale === 'en' ? 72 : 82;
  // Room above and below the rings for the axis labels (English labels wrap to two lines).
  const labelRoom = layout.locale === 'en' ? 44 : 34;
  const radarH = 2 * radius + 2 * labelRoom + 18;
  const blockH = titleH + Math.max(radarH, tableH) + layout.lineHeight(7.5) + 4;
  layout.ensure(blockH);
  layout.subheading(layout.l('radarTitle'), 0);
  const top = layout.y;
  const series: RadarSeries[] = [];
  if (before) {
    series.push({
      values: indicators.map((i) => {
        const b = before.get(i.code);
        return b && b.before !== null && b.max > 0 ? b.before / b.max : 0;
      }),
      color: COLORS.before,
      fillOpacity: 0.12,
      dashed: true,
    });
  }
  series.push({ values: indicators.map((i) => (i.max > 0 ? i.score / i.max : 0)), color: COLORS.primary, fillOpacity: 0.22 });
  const cy = top + labelRoom + radius;
  drawRadar(
    layout,
    layout.left + radarW / 2,
    cy,
    radius,
    indicators.map((i) => ({ label: layout.t(i.name), detail: percent(i.max > 0 ? i.score / i.max : 0) })),
    series,
    layout.locale === 'en' ? 78 : 66,
  );
  // Radar legend.
  const legendY = top + radarH - 12;
  let lx = layout.left + 40;
  const legend = (color: string, text: string, dashed: boolean): void => {
    layout.doc.save();
    if (dashed) layout.doc.dash(3, { space: 2 });
    layout.doc.moveTo(lx, legendY + 5).lineTo(lx + 16, legendY + 5).lineWidth(1.4).strokeColor(color).stroke().undash().restore();
    layout.lineAt(text, lx + 20, legendY, { size: 7.5, color: COLORS.muted });
    lx += 20 + layout.widthOf(text, { size: 7.5 }) + 16;
  };
  if (before) legend(COLORS.before, layout.l('seriesBefore'), true);
  legend(COLORS.primary, layout.l(before ? 'seriesAfter' : 'seriesCurrent'), false);

  layout.y = top;
  layout.table(tableColumns, tableRows, { size: 8.3, x: tableX });
  layout.y = Math.max(layout.y, top + radarH) + 4;
  layout.paragraph(layout.l('radarNote'), { size: 7.5, color: COLORS.muted });
}

function drawScenes(layout: Layout, model: ReportModel, names: Names, catalog: Catalog | null): void {
  const { score, level } = model.result;
  const byCode = new Map(score.scenes.map((s) => [s.code, s]));
  const before = model.comparison ? new Map(model.comparison.scenes.map((s) => [s.code, s.before])) : null;
  const groups: ChartGroup[] = names.groups.map((g) => ({
    name: layout.t(g.name),
    scenes: g.scenes.flatMap((code) => {
      const s = byCode.get(code);
      if (!s) return [];
      return [{ name: layout.t(s.name), constraint: s.constraint, level: s.level, before: before ? (before.get(code) ?? null) : null }];
    }),
  }));
  const next = level.next;
  const rule = next && catalog ? catalog.levelRules.find((r) => r.level === next.level) : undefined;
  const targetLevel = rule ? rule.sceneLevel : null;
  const chartH = sceneChartHeight(layout, groups, before !== null);
  layout.heading(layout.l('sectionScenes'), chartH + 20);
  layout.paragraph(layout.l('sceneChartNote'), { size: 8.5, color: COLORS.muted });
  layout.gap(6);
  layout.ensure(chartH);
  drawSceneChart(layout, groups, targetLevel, {
    current: layout.l(before ? 'seriesAfter' : 'legendScene'),
    before: before ? layout.l('seriesBefore') : null,
    constraint: layout.l('legendConstraint'),
    target: next && targetLevel !== null ? layout.t(targetLine(next.name, targetLevel)) : null,
  });
}

function drawWeakness(layout: Layout, model: ReportModel, names: Names): void {
  const { weakness } = model;
  layout.heading(layout.l('sectionWeakness'), 110);
  layout.subheading(layout.l('weakScenes'));
  const scenes = weakness.scenes.slice(0, 6);
  if (scenes.length === 0) {
    layout.paragraph(layout.l('noWeakScenes'), { color: COLORS.muted });
  } else {
    const w = layout.width;
    const columns: Column[] = [
      { header: layout.l('scene'), width: 118 },
      { header: layout.l('group'), width: 112 },
      { header: layout.l('currentLevel'), width: 36, align: 'center' },
      { header: layout.l('reason'), width: w - 266 },
    ];
    layout.table(
      columns,
      scenes.map((s) => ({
        cells: [
          { text: layout.t(s.name), ...constraintMark(s.constraint) },
          { text: layout.t(names.group.get(s.group) ?? { zh: s.group, en: s.group }), color: COLORS.muted },
          { text: `L${s.level}`, align: 'center', weight: 'bold', color: s.blocksNextLevel ? COLORS.fail : COLORS.text },
          { text: layout.t(s.reason), color: s.blocksNextLevel ? COLORS.fail : COLORS.text },
        ],
      })),
    );
  }
  layout.gap(12);
  layout.subheading(layout.l('weakIndicators'));
  const indicators = weakness.indicators.slice(0, 5);
  if (indicators.length === 0) {
    layout.paragraph(layout.l('noWeakIndicators'), { color: COLORS.muted });
    return;
  }
  const w = layout.width;
  const columns: Column[] = [
    { header: layout.l('indicator'), width: 150 },
    { header: layout.l('dimension'), width: 120 },
    { header: `${layout.l('score')} / ${layout.l('max')}`, width: 70, align: 'right' },
    { header: layout.l('missingPoints'), width: 70, align: 'right' },
    { header: layout.l('rate'), width: w - 410, align: 'right' },
  ];
  layout.table(
    columns,
    indicators.map((i) => ({
      cells: [
        { text: layout.t(i.name) },
        { text: layout.t(names.dimension.get(i.dimension) ?? { zh: i.dimension, en: i.dimension }), color: COLORS.muted },
        { text: scoreOf(i.score, i.max), align: 'right' },
        { text: points(i.missing), align: 'right', color: COLORS.fail },
        { text: percent(i.ratio), align: 'right' },
      ],
    })),
  );
}

function drawRecommendations(layout: Layout, model: ReportModel, names: Names): void {
  layout.heading(layout.l('sectionRecommendations'), 90);
  if (model.recommendations.length === 0) {
    const text = layout.l('noRecommendations');
    const style = { size: 9.5, color: COLORS.text };
    const height = layout.measure(text, layout.width - 24, style) + 16;
    layout.ensure(height);
    layout.rect(layout.left, layout.y, layout.width, height, COLORS.band);
    layout.textAt(text, layout.left + 12, layout.y + 8, layout.width - 24, style);
    layout.y += height;
    return;
  }
  layout.paragraph(layout.l('recommendationsIntro'), { size: 8.5, color: COLORS.muted, leading: 1.45 });
  layout.gap(6);
  const x = layout.left + 12;
  const width = layout.width - 12;
  const nameStyle: TextStyle = { size: 10.5, weight: 'bold', color: COLORS.text };
  const mutedStyle: TextStyle = { size: 8.5, color: COLORS.muted };
  const bodyStyle: TextStyle = { size: 9, color: COLORS.text };
  model.recommendations.forEach((rec, index) => {
    const p = rec.product;
    const price =
      p.priceFen === null ? null : `${layout.l('price')}${colon(layout.locale)}${layout.locale === 'en' ? formatFenEn(p.priceFen) : formatFenZh(p.priceFen)}`;
    const priceW = price ? layout.widthOf(price, mutedStyle) + 4 : 0;
    const title = `${index + 1}. ${p.name}`;
    const scenes = rec.matchedScenes.map((code) => layout.t(names.scene.get(code) ?? { zh: code, en: code }));
    const indicators = rec.matchedIndicators.map((code) => layout.t(names.indicator.get(code) ?? { zh: code, en: code }));
    const sep = layout.locale === 'en' ? ', ' : '、';
    const c = colon(layout.locale);
    const blocks: { text: string; style: TextStyle }[] = [
      { text: `${layout.l('provider')}${c}${p.providerName}`, style: mutedStyle },
      ...(p.summary ? [{ text: p.summary, style: bodyStyle }] : []),
      { text: `${layout.l('whyRecommended')}${c}${layout.t(rec.reason)}`, style: bodyStyle },
      ...(scenes.length > 0 ? [{ text: `${layout.l('matchedScenes')}${c}${scenes.join(sep)}`, style: mutedStyle }] : []),
      ...(indicators.length > 0 ? [{ text: `${layout.l('matchedIndicators')}${c}${indicators.join(sep)}`, style: mutedStyle }] : []),
    ];
    const titleW = width - priceW - 8;
    let height = layout.measure(title, titleW, nameStyle) + 3;
    for (const block of blocks) height += layout.measure(block.text, width, block.style) + 2;
    height += 10;
    layout.ensure(height);
    const top = layout.y;
    layout.rect(layout.left, top + 2, 3, height - 12, COLORS.primary);
    let y = top + layout.textAt(title, x, top, titleW, nameStyle) + 3;
    if (price) layout.lineAt(price, layout.right - priceW, top + 3, { ...mutedStyle, align: 'right' }, priceW);
    for (const block of blocks) y += layout.textAt(block.text, x, y, width, block.style) + 2;
    layout.y = top + height;
    if (index < model.recommendations.length - 1) layout.hline(layout.y - 5, COLORS.rule, 0.4);
  });
}

function constraintMark(constraint: boolean): Pick<Cell, 'mark'> {
  return constraint ? { mark: { text: '★', color: COLORS.constraint } } : {};
}

function deltaCell(value: number | null, format: (n: number) => string = delta): Cell {
  if (value === null) return { text: '—', align: 'center', color: COLORS.faint };
  if (value > 0) return { text: `▲ ${format(value)}`, align: 'center', color: COLORS.pass, weight: 'bold' };
  if (value < 0) return { text: `▼ ${format(value)}`, align: 'center', color: COLORS.fail, weight: 'bold' };
  return { text: '– 0', align: 'center', color: COLORS.muted };
}

function drawComparison(layout: Layout, model: ReportModel, names: Names): void {
  const c = model.comparison;
  if (model.kind !== 'evaluation' || !c) return;
  layout.heading(layout.l('sectionComparison'), 120);
  const beforeDate = formatDate(c.beforeSubmittedAt);
  const afterDate = formatDate(model.assessment.submittedAt);
  const sep = colon(layout.locale);
  const sourceStyle = { size: 8.5, color: COLORS.muted };
  layout.paragraph(`${layout.l('beforeSource')}${sep}${layout.t(sourceLine(MODE_LABELS[c.beforeMode], beforeDate, c.beforeAssessmentId))}`, sourceStyle);
  layout.paragraph(`${layout.l('afterSource')}${sep}${layout.t(sourceLine(MODE_LABELS[model.mode], afterDate, model.assessment.id))}`, sourceStyle);
  layout.gap(4);
  layout.paragraph(layout.t(c.summary), { size: 9.5, weight: 'bold' });
  if (!c.sameCatalog) layout.paragraph(layout.l('differentCatalogs'), { size: 8.5, color: COLORS.fail });
  layout.gap(6);

  const w = layout.width;
  const columns: Column[] = [
    { header: layout.l('item'), width: w - 330 },
    { header: layout.l('before'), width: 115, align: 'center' },
    { header: layout.l('after'), width: 115, align: 'center' },
    { header: layout.l('change'), width: 100, align: 'center' },
  ];
  const passColor = (level: number): string => (level >= PASS_LEVEL ? COLORS.pass : COLORS.fail);
  const rows: TableRow[] = [
    {
      cells: [
        { text: layout.l('baseScore'), weight: 'bold' },
        { text: points(c.base.before), align: 'center' },
        { text: points(c.base.after), align: 'center', weight: 'bold' },
        deltaCell(c.base.delta),
      ],
    },
    {
      cells: [
        { text: layout.l('level'), weight: 'bold' },
        { text: layout.t(c.level.beforeName), align: 'center', weight: 'bold', color: passColor(c.level.before) },
        { text: layout.t(c.level.afterName), align: 'center', weight: 'bold', color: passColor(c.level.after) },
        deltaCell(c.level.delta, (n) => (n > 0 ? `+${n}` : `${n}`)),
      ],
    },
    { group: layout.l('dimension') },
    ...c.dimensions.map((d) => ({
      cells: [
        layout.t(d.name),
        { text: d.before === null ? '—' : scoreOf(d.before, d.max), align: 'center' as const },
        { text: d.after === null ? '—' : scoreOf(d.after, d.max), align: 'center' as const, weight: 'bold' as const },
        deltaCell(d.delta),
      ],
    })),
  ];
  const sceneDeltas = new Map(c.scenes.map((s) => [s.code, s]));
  const listed = new Set<string>();
  for (const group of names.groups) {
    rows.push({ group: `${layout.l('scene')} · ${layout.t(group.name)}` });
    for (const code of group.scenes) {
      const s = sceneDeltas.get(code);
      if (!s) continue;
      listed.add(code);
      rows.push(sceneRow(layout, s));
    }
  }
  const rest = c.scenes.filter((s) => !listed.has(s.code));
  if (rest.length > 0) {
    rows.push({ group: layout.l('scene') });
    for (const s of rest) rows.push(sceneRow(layout, s));
  }
  layout.table(columns, rows, { size: 8.5 });
}

function sceneRow(layout: Layout, s: NonNullable<ReportModel['comparison']>['scenes'][number]): TableRow {
  const lv = (level: number | null): string => (level === null ? '—' : `L${level}`);
  return {
    cells: [
      { text: layout.t(s.name), ...constraintMark(s.constraint) },
      { text: lv(s.before), align: 'center' },
      { text: lv(s.after), align: 'center', weight: 'bold' },
      deltaCell(s.delta, (n) => (n > 0 ? `+${n}` : `${n}`)),
    ],
  };
}

/** Running header (pages 2+) and footer on every page, once the page count is known. */
function drawPageFrames(layout: Layout, model: ReportModel): void {
  const { doc } = layout;
  const range = doc.bufferedPageRange();
  const generated = formatDateTime(model.generatedAt);
  const footerLeft = [
    generated ? `${layout.l('generatedAt')} ${layout.t(generated)}` : null,
    `${layout.l('assessmentId')} ${model.assessment.id}`,
  ]
    .filter((part): part is string => part !== null)
    .join('  ·  ');
  const note = layout.l('footerNote');
  for (let i = 0; i < range.count; i += 1) {
    doc.switchToPage(range.start + i);
    const margins = doc.page.margins;
    const savedBottom = margins.bottom;
    margins.bottom = 0;
    const footerY = PAGE.height - PAGE.bottom + 22;
    layout.hline(footerY - 6, COLORS.rule, 0.5);
    const pageText = layout.t(pageOf(i + 1, range.count));
    const pageW = layout.widthOf(pageText, { size: 7.5 }) + 2;
    layout.lineAt(pageText, layout.right - pageW, footerY, { size: 7.5, color: COLORS.muted, align: 'right' }, pageW);
    const leftW = layout.width - pageW - 12;
    layout.textAt(footerLeft, layout.left, footerY, leftW, { size: 7, color: COLORS.muted, leading: 1.3 });
    layout.textAt(note, layout.left, footerY + 10, leftW, { size: 7, color: COLORS.faint, leading: 1.3 });
    if (i > 0) {
      const headerY = 28;
      const style = { size: 7.5, color: COLORS.muted };
      const reportTitle = ` · ${layout.t(model.title)}`;
      const nameRoom = Math.max(40, layout.width * 0.58 - layout.widthOf(reportTitle, style));
      const right = `${layout.fitLine(model.enterprise.name, nameRoom, style)}${reportTitle}`;
      const rightW = layout.widthOf(right, style) + 1;
      const platform = layout.fitLine(layout.t(PLATFORM_NAME), layout.width - rightW - 16, style);
      layout.lineAt(platform, layout.left, headerY, style);
      layout.lineAt(right, layout.right - rightW, headerY, { ...style, align: 'right' }, rightW);
      layout.hline(headerY + 13, COLORS.rule, 0.5);
    }
    margins.bottom = savedBottom;
  }
}

// ---------------------------------------------------------------------------------------------------------

/** Renders the report as an A4 PDF (Chinese by default, English with `locale: 'en'`). */
export async function renderReportPdf(model: ReportModel, opts: RenderReportOptions = {}): Promise<Buffer> {
  const locale: Locale = opts.locale ?? 'zh-CN';
  const generated = new Date(model.generatedAt);
  const title = `${locale === 'en' ? model.title.en : model.title.zh} — ${model.enterprise.name}`;
  const doc = new PDFDocument({
    size: 'A4',
    ...NO_DEFAULT_FONT,
    margins: { top: PAGE.top, bottom: 20, left: PAGE.left, right: PAGE.right },
    bufferPages: true,
    pdfVersion: '1.7',
    lang: locale === 'en' ? 'en' : 'zh-CN',
    displayTitle: true,
    info: {
      Title: title,
      Author: locale === 'en' ? PLATFORM_NAME.en : PLATFORM_NAME.zh,
      Subject: locale === 'en' ? LABELS.sectionResult.en : LABELS.sectionResult.zh,
      Creator: locale === 'en' ? PLATFORM_NAME.en : PLATFORM_NAME.zh,
      ...(Number.isNaN(generated.getTime()) ? {} : { CreationDate: generated, ModDate: generated }),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  installFonts(doc);
  const layout = new Layout(doc, locale);
  const catalog = catalogOf(model);
  const names = namesOf(model, catalog);
  drawCover(layout, model);
  drawSummary(layout, model);
  drawComparison(layout, model, names);
  drawDimensions(layout, model);
  drawScenes(layout, model, names, catalog);
  drawWeakness(layout, model, names);
  drawRecommendations(layout, model, names);
  drawPageFrames(layout, model);
  doc.end();
  return done;
}

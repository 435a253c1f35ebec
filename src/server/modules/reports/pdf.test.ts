import fc from 'fast-check';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { formatPoints, type DigitalLevel } from '../../../core/assessment';
import { setBoldMode, setFontSharing } from './fonts';
import { formatDate, formatDateTime } from './format';
import { LABELS } from './labels';
import { measureReports } from './measure';
import type { ReportModel } from './model';
import { renderReportPdf } from './pdf';
import { buildSampleReportModel, SAMPLE_ENTERPRISE } from './sample';

const SIZE_LIMIT = 500 * 1024;

/** Text extraction splits lines and may insert spaces between runs: compare without any whitespace. */
const squash = (s: string): string => s.replace(/\s+/g, '');

async function textOf(pdf: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return squash(text);
}

async function pagesOf(pdf: Buffer): Promise<string[]> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: false });
  return text.map(squash);
}

function expectPdf(pdf: Buffer): void {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeLessThan(SIZE_LIMIT);
}

describe('renderReportPdf — diagnosis', () => {
  const model = buildSampleReportModel({ kind: 'diagnosis', level: 2 });

  it('renders the enterprise, the score, the level, what the next level needs and the recommendations', async () => {
    const pdf = await renderReportPdf(model);
    expectPdf(pdf);
    const text = await textOf(pdf);
    const { score, level } = model.result;
    expect(level.level).toBe(2);
    expect(text).toContain(squash('中山市中小企业数字化转型城市试点项目管理平台'));
    expect(text).toContain('企业数字化水平诊断报告');
    expect(text).toContain(SAMPLE_ENTERPRISE.name);
    expect(text).toContain(model.enterprise.uscc);
    expect(text).toContain(squash(`${formatPoints(score.base)} / 100`));
    expect(text).toContain('二级');
    expect(text).toContain(squash(level.next?.missingSummary.zh ?? 'missing'));
    for (const requirement of level.next?.requirements ?? []) expect(text).toContain(squash(requirement.message.zh));
    expect(text).toContain('ZSSZ-2025-00042');
    expect(text).toContain(squash('中小企业数字化水平评测指标（2024年版）'));
    expect(text).toContain('古镇镇');
    expect(text).toContain('38电气机械和器材制造业');
    expect(text).toContain('小型企业');
    expect(text).toContain(squash('2025年3月12日 14:43')); // pledge 06:43:12Z in Asia/Shanghai
    expect(text).toContain('2025年3月12日');
    const first = model.recommendations[0];
    expect(first).toBeDefined();
    expect(text).toContain(squash(first?.product.name ?? 'missing'));
    expect(text).toContain(squash(first?.product.providerName ?? 'missing'));
    // Every section and every scene.
    for (const key of ['sectionResult', 'sectionDimensions', 'sectionScenes', 'sectionWeakness', 'sectionRecommendations'] as const) {
      expect(text).toContain(squash(LABELS[key].zh));
    }
    for (const scene of model.result.score.scenes) expect(text).toContain(squash(scene.name.zh));
    for (const indicator of model.result.score.indicators) expect(text).toContain(squash(indicator.name.zh));
    expect(text).toContain(squash(model.weakness.scenes[0]?.reason.zh ?? 'missing'));
    // Diagnosis reports have no verdict and no comparison.
    expect(text).not.toContain(squash(LABELS.verdictPass.zh));
    expect(text).not.toContain(squash(LABELS.sectionComparison.zh));
  });

  it('puts "page x / y", the generation time and the assessment id on every page', async () => {
    const pages = await pagesOf(await renderReportPdf(model));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`第${i + 1}/${pages.length}页`);
      expect(page).toContain(model.assessment.id);
      expect(page).toContain(squash('生成时间 2025年3月12日 15:10'));
      expect(page).toContain(squash(LABELS.footerNote.zh));
    });
  });

  it('says honestly when no catalog product matches', async () => {
    const empty = buildSampleReportModel({ kind: 'diagnosis', withProducts: false });
    expect(empty.recommendations).toEqual([]);
    const zh = await textOf(await renderReportPdf(empty));
    expect(zh).toContain(squash(LABELS.noRecommendations.zh));
    const en = await textOf(await renderReportPdf(empty, { locale: 'en' }));
    expect(en).toContain(squash(LABELS.noRecommendations.en));
    const withProducts = await textOf(await renderReportPdf(model));
    expect(withProducts).not.toContain(squash(LABELS.noRecommendations.zh));
  });

  it('is deterministic: the same model gives the same bytes, also when rendered concurrently', async () => {
    const a = await renderReportPdf(model);
    const b = await renderReportPdf(model);
    expect(b.equals(a)).toBe(true);
    const concurrent = await Promise.all([renderReportPdf(model), renderReportPdf(model, { locale: 'en' }), renderReportPdf(model)]);
    expect(concurrent[0]?.equals(a)).toBe(true);
    expect(concurrent[2]?.equals(a)).toBe(true);
  });

  it('renders the same text without the shared parsed fonts (pdfkit public API only)', async () => {
    const shared = await textOf(await renderReportPdf(model));
    setFontSharing(false);
    try {
      const plain = await renderReportPdf(model);
      expectPdf(plain);
      expect(await textOf(plain)).toBe(shared);
    } finally {
      setFontSharing(true);
    }
  });

  it('can embed the real Bold font instead of synthetic bold (same text, larger file)', async () => {
    const synthetic = await renderReportPdf(model);
    setBoldMode('font');
    try {
      const real = await renderReportPdf(model);
      expectPdf(real);
      expect(real.length).toBeGreaterThan(synthetic.length);
      expect(await textOf(real)).toBe(await textOf(synthetic));
    } finally {
      setBoldMode('synthetic');
    }
  });
});

describe('renderReportPdf — evaluation', () => {
  it('compares before and after and passes at Level 2', async () => {
    const model = buildSampleReportModel({ kind: 'evaluation', level: 2 });
    const comparison = model.comparison;
    expect(comparison).not.toBeNull();
    const pdf = await renderReportPdf(model);
    expectPdf(pdf);
    const text = await textOf(pdf);
    expect(text).toContain('改造成效评估报告');
    expect(text).toContain(squash(`${LABELS.verdict.zh}：${LABELS.verdictPass.zh}`));
    expect(text).not.toContain(squash(LABELS.verdictFail.zh));
    expect(text).toContain(squash(LABELS.sectionComparison.zh));
    expect(text).toContain(squash(LABELS.before.zh));
    expect(text).toContain(squash(LABELS.after.zh));
    expect(comparison?.level.beforeName.zh).toBe('一级');
    expect(comparison?.level.afterName.zh).toBe('二级');
    expect(text).toContain('一级');
    expect(text).toContain('二级');
    expect(text).toContain(squash(comparison?.summary.zh ?? 'missing'));
    expect(text).toContain(formatPoints(comparison?.base.before ?? -1));
    expect(text).toContain(formatPoints(comparison?.base.after ?? -1));
    expect(text).toContain(`▲+${formatPoints(comparison?.base.delta ?? -1)}`);
    expect(text).toContain(comparison?.beforeAssessmentId);
  });

  it('fails below Level 2 and says to continue and apply again', async () => {
    const model = buildSampleReportModel({ kind: 'evaluation', level: 1 });
    const text = await textOf(await renderReportPdf(model));
    expect(text).toContain(squash(LABELS.verdictFail.zh));
    expect(text).not.toContain(squash(LABELS.verdictPass.zh));
  });

  it('shows declines with a down arrow', async () => {
    const model = buildSampleReportModel({ kind: 'evaluation', level: 2 });
    const comparison = model.comparison;
    if (!comparison) throw new Error('no comparison');
    const scenes = comparison.scenes.map((s, i) => (i === 0 ? { ...s, before: 4 as const, after: 2 as const, delta: -2 } : s));
    const text = await textOf(await renderReportPdf({ ...model, comparison: { ...comparison, scenes } }));
    expect(text).toContain('▼-2');
  });
});

describe('renderReportPdf — locales and levels', () => {
  it('renders English labels with locale "en"', async () => {
    const model = buildSampleReportModel({ kind: 'evaluation', level: 3 });
    const text = await textOf(await renderReportPdf(model, { locale: 'en' }));
    for (const key of ['sectionResult', 'sectionDimensions', 'sectionScenes', 'sectionWeakness', 'sectionRecommendations', 'sectionComparison', 'enterpriseName', 'uscc', 'verdictPass', 'footerNote'] as const) {
      expect(text).toContain(squash(LABELS[key].en));
    }
    expect(text).toContain('Level3');
    expect(text).toContain(squash(model.result.level.next?.missingSummary.en ?? 'missing'));
    expect(text).toContain('Page1of');
    expect(text).toContain(squash('SME Digital Level Assessment Indicators (2024 edition)'));
    expect(text).toContain(SAMPLE_ENTERPRISE.name);
    for (const zhLabel of ['评测结果', '基础得分', '评估结论', '推荐服务产品', '改造前后对比', '统一社会信用代码']) expect(text).not.toContain(zhLabel);
  });

  it('renders every level 0–4 of both kinds', async () => {
    for (const kind of ['diagnosis', 'evaluation'] as const) {
      for (const level of [0, 1, 2, 3, 4] as DigitalLevel[]) {
        const model = buildSampleReportModel({ kind, level });
        expect(model.result.level.level).toBe(level);
        const pdf = await renderReportPdf(model);
        expectPdf(pdf);
        const text = await textOf(pdf);
        expect(text).toContain(squash(model.result.level.name.zh));
        if (level === 4) expect(text).toContain(squash(LABELS.topLevelReached.zh));
        else expect(text).toContain(squash(model.result.level.next?.missingSummary.zh ?? 'missing'));
        if (kind === 'evaluation') expect(text).toContain(squash(level >= 2 ? LABELS.verdictPass.zh : LABELS.verdictFail.zh));
      }
    }
  });
});

describe('renderReportPdf — edge cases', () => {
  const base = buildSampleReportModel({ kind: 'diagnosis', level: 1 });

  it('handles missing optional data: no filing number, draft, no pledge, no size or contact', async () => {
    const model: ReportModel = {
      ...base,
      enterprise: { ...base.enterprise, size: null, contactName: null },
      project: { ...base.project, filingNo: null },
      assessment: { ...base.assessment, submittedAt: null, pledgedAt: null, filledBy: '' },
      result: { ...base.result, valid: false },
    };
    const text = await textOf(await renderReportPdf(model));
    expect(text).toContain(squash(LABELS.notFiled.zh));
    expect(text).toContain(squash(LABELS.notSubmitted.zh));
    expect(text).toContain(squash(LABELS.notPledged.zh));
    expect(text).toContain(squash(LABELS.incomplete.zh));
  });

  it('wraps very long names instead of overflowing, and keeps a sane page count', async () => {
    const long = '中山市古镇镇超长名称灯饰照明电器智能制造科技发展股份有限公司'.repeat(3);
    const model: ReportModel = {
      ...base,
      enterprise: { ...base.enterprise, name: long },
      project: { ...base.project, title: `${long}数字化改造项目`.repeat(2) },
      recommendations: base.recommendations.map((r) => ({ ...r, product: { ...r.product, name: `${r.product.name}${'（旗舰版）'.repeat(8)}` } })),
    };
    const pdf = await renderReportPdf(model);
    expectPdf(pdf);
    const pages = await pagesOf(pdf);
    expect(pages.length).toBeLessThanOrEqual(8);
    expect(pages.join('')).toContain(squash(long));
  });

  it('renders a catalog version it does not know (scenes grouped by their codes)', async () => {
    const model: ReportModel = { ...base, assessment: { ...base.assessment, catalogVersion: '2099' } };
    const text = await textOf(await renderReportPdf(model));
    expect(text).toContain('productLifecycle');
    expect(text).toContain(base.enterprise.name);
  });

  it('never throws on arbitrary names and texts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ maxLength: 60 }), async (name, title) => {
        const model: ReportModel = {
          ...base,
          enterprise: { ...base.enterprise, name },
          project: { ...base.project, title },
          assessment: { ...base.assessment, filledBy: name },
        };
        expectPdf(await renderReportPdf(model, { locale: name.length % 2 === 0 ? 'zh-CN' : 'en' }));
      }),
      { numRuns: 8 },
    );
  });
});

describe('formatting', () => {
  it('shows dates in Asia/Shanghai', () => {
    expect(formatDate('2025-03-12T16:30:00.000Z')).toEqual({ zh: '2025年3月13日', en: '13 Mar 2025' });
    expect(formatDateTime('2025-12-31T16:05:00Z')?.zh).toBe('2026年1月1日 00:05');
    expect(formatDate(null)).toBeNull();
    expect(formatDate('not a date')).toBeNull();
  });
});

describe('measureReports', () => {
  it('returns timings and the mean size', async () => {
    const { p50, p99, bytes } = await measureReports(3);
    expect(p50).toBeGreaterThan(0);
    expect(p99).toBeGreaterThanOrEqual(p50);
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes).toBeLessThan(SIZE_LIMIT);
  });
});

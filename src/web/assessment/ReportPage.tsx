/**
 * /workbench/assessments/:id/report — the HTML view of the same report model the PDF is drawn from: facts,
 * score and level, next-level requirements, indicator radar and scene bars (each with a table), weak points,
 * recommended catalog products, and for evaluations the before/after comparison with the verdict.
 */
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Grid, Result, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, FormOutlined, PrinterOutlined } from '@ant-design/icons';
import { lazy, Suspense, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { ErrorState } from '../components/ErrorState';
import { LinkButton } from '../components/LinkButton';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../lib/format';
import {
  formatDelta,
  formatPoints,
  getCatalog,
  isCatalogVersion,
  type Catalog,
  type IndicatorScore,
  type PointsDelta,
  type SceneResult,
} from '../../core/assessment';
import { useLang } from '../i18n';
import { useAt } from './i18n';
import { useReport, type ReportModel } from './api';
import { LevelTag, PdfButton, useModeLabel } from './parts';
import './assessment.css';

const charts = () => import('./ReportCharts');
const IndicatorRadar = lazy(() => charts().then((m) => ({ default: m.IndicatorRadar })));
const SceneBars = lazy(() => charts().then((m) => ({ default: m.SceneBars })));

/** Evaluations pass at 二级 (level 2) or above. */
export const PASS_LEVEL = 2;

const pct = (score: number, max: number): number => (max > 0 ? Math.round((score / max) * 1000) / 10 : 0);

function Section({ title, children, id, extra }: { title: string; children: ReactNode; id: string; extra?: ReactNode }) {
  return (
    <Card title={title} size="small" className="as-report-section" id={id} extra={extra}>
      {children}
    </Card>
  );
}

function ChartFallback() {
  const at = useAt();
  return <div className="as-chart-loading">{at('report.chartLoading')}</div>;
}

function Delta({ value, suffix = '' }: { value: number | null; suffix?: string }) {
  if (value === null) return <>—</>;
  const cls = value > 0 ? 'as-delta-up' : value < 0 ? 'as-delta-down' : 'as-delta-flat';
  const mark = value > 0 ? '▲ ' : value < 0 ? '▼ ' : '';
  return (
    <span className={cls}>
      {mark}
      {formatDelta(value)}
      {suffix}
    </span>
  );
}

function Facts({ model }: { model: ReportModel }) {
  const at = useAt();
  const { tx } = useLang();
  const modeLabel = useModeLabel();
  const e = model.enterprise;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
      items={[
        { key: 'ent', label: at('report.enterprise'), children: <span data-testid="report-enterprise">{e.name}</span> },
        { key: 'uscc', label: at('report.uscc'), children: e.uscc || '—' },
        { key: 'town', label: at('report.town'), children: tx(e.town) },
        { key: 'ind', label: at('report.industry'), children: tx(e.industry) },
        { key: 'size', label: at('report.size'), children: e.size ? tx(e.size) : '—' },
        { key: 'contact', label: at('report.contact'), children: e.contactName ?? '—' },
        { key: 'project', label: at('report.project'), children: model.project.title },
        { key: 'filing', label: at('report.filingNo'), children: model.project.filingNo ?? at('report.notFiled') },
        { key: 'catalog', label: at('report.catalog'), children: tx(model.assessment.catalogName) },
        { key: 'mode', label: at('report.mode'), children: modeLabel(model.mode) },
        { key: 'by', label: at('report.filledBy'), children: model.assessment.filledBy || '—' },
        { key: 'at', label: at('report.submittedAt'), children: formatDateTime(model.assessment.submittedAt) },
        { key: 'pledge', label: at('report.pledgedAt'), children: formatDateTime(model.assessment.pledgedAt) },
        { key: 'gen', label: at('report.generatedAt'), children: formatDateTime(model.generatedAt) },
        { key: 'id', label: at('report.assessmentId'), children: <Typography.Text copyable={{ text: model.assessment.id }}>{model.assessment.id.slice(0, 8)}</Typography.Text> },
      ]}
    />
  );
}

function ResultBlock({ model }: { model: ReportModel }) {
  const at = useAt();
  const { tx } = useLang();
  const { score, level } = model.result;
  const next = level.next;
  const evaluation = model.kind === 'evaluation';
  const passed = level.level >= PASS_LEVEL;
  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} md={10}>
        <Flex gap={40} wrap align="flex-end">
          <Statistic title={at('report.base')} value={formatPoints(score.base)} suffix={`/ ${formatPoints(score.max)}`} className="as-big-stat" data-testid="report-base" />
          <div>
            <div className="as-stat-title">{at('report.level')}</div>
            <span data-testid="report-level">
              <LevelTag level={level.level} name={level.name} large />
            </span>
          </div>
        </Flex>
        {evaluation ? (
          <Alert
            type={passed ? 'success' : 'error'}
            showIcon
            style={{ marginTop: 16 }}
            title={at('report.verdictLine', { verdict: passed ? at('report.verdictPass') : at('report.verdictFail') })}
            data-testid="report-verdict"
          />
        ) : null}
      </Col>
      <Col xs={24} md={14}>
        {next ? (
          <>
            <Typography.Text strong>{at('report.nextTitle', { level: tx(next.name) })}</Typography.Text>
            <ul className="as-requirements as-requirements-large">
              {next.requirements.map((r) => (
                <li key={r.kind} className={r.met ? 'as-met' : 'as-unmet'}>
                  {r.met ? <CheckCircleFilled aria-label={at('report.met')} /> : <CloseCircleFilled aria-label={at('report.unmet')} />}{' '}
                  <span>{tx(r.message)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Alert type="success" showIcon title={at('report.top')} />
        )}
      </Col>
    </Row>
  );
}

interface IndicatorRow extends IndicatorScore {
  dimensionName: string;
  span: number;
}

function IndicatorTable({ model, catalog }: { model: ReportModel; catalog: Catalog }) {
  const at = useAt();
  const { tx } = useLang();
  const { score } = model.result;
  // Evaluations: the same table also gives the radar's "before" series.
  const before = model.comparison ? new Map(model.comparison.indicators.map((d) => [d.code, d.before])) : null;
  const beforeBase = model.comparison?.base.before ?? null;
  const rows: IndicatorRow[] = [];
  for (const d of catalog.dimensions) {
    const inds = score.indicators.filter((i) => i.dimension === d.code);
    inds.forEach((i, n) => rows.push({ ...i, dimensionName: `${tx(d.name)}`, span: n === 0 ? inds.length : 0 }));
  }
  const dimScore = new Map(score.dimensions.map((d) => [d.code, d]));
  return (
    <Table<IndicatorRow>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={rows}
      bordered
      columns={[
        {
          key: 'dim',
          title: at('report.dimension'),
          onCell: (r) => ({ rowSpan: r.span }),
          render: (_, r) => {
            const d = dimScore.get(r.dimension);
            return (
              <>
                {r.dimensionName}
                {d ? (
                  <div className="as-small as-muted">
                    {formatPoints(d.score)}/{formatPoints(d.max)}
                  </div>
                ) : null}
              </>
            );
          },
        },
        { key: 'ind', title: at('report.indicator'), render: (_, r) => tx(r.name) },
        ...(before
          ? [
              {
                key: 'before',
                title: at('report.seriesBefore'),
                align: 'right' as const,
                render: (_: unknown, r: IndicatorRow) => {
                  const b = before.get(r.code);
                  return b === null || b === undefined ? '—' : formatPoints(b);
                },
              },
            ]
          : []),
        { key: 'score', title: before ? at('report.seriesAfter') : at('report.score'), align: 'right', render: (_, r) => formatPoints(r.score) },
        { key: 'max', title: at('report.max'), align: 'right', render: (_, r) => formatPoints(r.max) },
        { key: 'rate', title: at('report.rate'), align: 'right', render: (_, r) => `${pct(r.score, r.max)}%` },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            <strong>{at('report.total')}</strong>
          </Table.Summary.Cell>
          {before ? (
            <Table.Summary.Cell index={2} align="right">
              {beforeBase === null ? '—' : formatPoints(beforeBase)}
            </Table.Summary.Cell>
          ) : null}
          <Table.Summary.Cell index={before ? 3 : 2} align="right">
            <strong>{formatPoints(score.base)}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={before ? 4 : 3} align="right">
            {formatPoints(score.max)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={before ? 5 : 4} align="right">
            {pct(score.base, score.max)}%
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

interface SceneRow extends SceneResult {
  groupName: string;
  span: number;
  description: string;
  before: number | null;
}

function SceneTable({ rows, withBefore, compact }: { rows: SceneRow[]; withBefore: boolean; compact: boolean }) {
  const at = useAt();
  const { tx } = useLang();
  return (
    <Table<SceneRow>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={rows}
      bordered
      className="as-scene-table"
      columns={[
        // Phones: the chart above already groups the scenes; the table keeps its width for the descriptions.
        ...(compact ? [] : [{ key: 'group', title: at('report.sceneGroup'), onCell: (r: SceneRow) => ({ rowSpan: r.span }), render: (_: unknown, r: SceneRow) => r.groupName }]),
        {
          key: 'scene',
          title: at('report.scene'),
          render: (_, r) => (
            <>
              {tx(r.name)}
              {r.constraint ? (
                <Tag color="volcano" style={{ marginInlineStart: 6 }}>
                  {at('report.constraintMark')}
                </Tag>
              ) : null}
            </>
          ),
        },
        ...(withBefore
          ? [{ key: 'before', title: at('report.seriesBefore'), render: (_: unknown, r: SceneRow) => (r.before === null ? '—' : `L${r.before}`) }]
          : []),
        { key: 'level', title: at('report.sceneLevel'), render: (_, r) => <Tag color={r.level > 0 ? 'blue' : undefined}>L{r.level}</Tag> },
        { key: 'desc', title: at('report.sceneDescription'), render: (_, r) => <span className="as-small">{r.description}</span> },
      ]}
    />
  );
}

function Weakness({ model, catalog }: { model: ReportModel; catalog: Catalog }) {
  const at = useAt();
  const { tx } = useLang();
  const groups = new Map(catalog.sceneGroups.map((g) => [g.code, g]));
  const scenes = model.weakness.scenes.slice(0, 8);
  const indicators = model.weakness.indicators.slice(0, 5);
  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} lg={14}>
        <Typography.Title level={5}>{at('report.weakScenes')}</Typography.Title>
        {scenes.length === 0 ? (
          <Typography.Text type="secondary">{at('report.noWeakScenes')}</Typography.Text>
        ) : (
          <ol className="as-weak-list">
            {scenes.map((s) => (
              <li key={s.code}>
                <Flex gap={6} wrap align="center">
                  <strong>{tx(s.name)}</strong>
                  <Typography.Text type="secondary" className="as-small">
                    {tx(groups.get(s.group)?.name)}
                  </Typography.Text>
                  <Tag color={s.level > 0 ? 'blue' : undefined}>L{s.level}</Tag>
                  {s.constraint ? <Tag color="volcano">{at('report.constraintMark')}</Tag> : null}
                  {s.blocksNextLevel ? <Tag color="red">{at('report.blocks')}</Tag> : null}
                </Flex>
                <div className="as-small as-muted">{tx(s.reason)}</div>
              </li>
            ))}
          </ol>
        )}
      </Col>
      <Col xs={24} lg={10}>
        <Typography.Title level={5}>{at('report.weakIndicators')}</Typography.Title>
        {indicators.length === 0 ? (
          <Typography.Text type="secondary">{at('report.noWeakIndicators')}</Typography.Text>
        ) : (
          <ol className="as-weak-list">
            {indicators.map((i) => (
              <li key={i.code}>
                <Flex justify="space-between" gap={8} wrap>
                  <strong>{tx(i.name)}</strong>
                  <span>
                    {at('report.indicatorShare', { score: formatPoints(i.score), max: formatPoints(i.max), pct: Math.round(i.ratio * 100) })}
                  </span>
                </Flex>
                <div className="as-small as-muted">{at('report.missingPoints', { points: formatPoints(i.missing) })}</div>
              </li>
            ))}
          </ol>
        )}
      </Col>
    </Row>
  );
}

function Recommendations({ model }: { model: ReportModel }) {
  const at = useAt();
  const { tx } = useLang();
  if (model.recommendations.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={at('report.noRecommendations')} />;
  }
  return (
    <>
      <Typography.Paragraph type="secondary">{at('report.recommendationsIntro')}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {model.recommendations.map((r) => (
          <Col key={r.product.id} xs={24} md={12} xl={8}>
            <Card size="small" title={r.product.name} className="as-product-card">
              <div className="as-small">
                <Typography.Text type="secondary">{at('report.label', { label: at('report.provider') })}</Typography.Text>
                {r.product.providerName}
              </div>
              {r.product.summary ? <Typography.Paragraph className="as-product-summary">{r.product.summary}</Typography.Paragraph> : null}
              <div className="as-small">
                <Typography.Text type="secondary">{at('report.label', { label: at('report.reason') })}</Typography.Text>
                {tx(r.reason)}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}

function Comparison({ model }: { model: ReportModel }) {
  const at = useAt();
  const { tx } = useLang();
  const modeLabel = useModeLabel();
  const c = model.comparison;
  if (!c) return <Alert type="warning" showIcon title={at('report.comparisonMissing')} />;
  interface Row {
    key: string;
    item: ReactNode;
    before: ReactNode;
    after: ReactNode;
    change: ReactNode;
  }
  const points = (d: PointsDelta): Row => ({
    key: d.code,
    item: tx(d.name),
    before: d.before === null ? '—' : `${formatPoints(d.before)}/${formatPoints(d.max)}`,
    after: d.after === null ? '—' : `${formatPoints(d.after)}/${formatPoints(d.max)}`,
    change: <Delta value={d.delta} />,
  });
  const rows: Row[] = [
    {
      key: 'base',
      item: <strong>{at('report.base')}</strong>,
      before: formatPoints(c.base.before),
      after: <strong>{formatPoints(c.base.after)}</strong>,
      change: <Delta value={c.base.delta} />,
    },
    {
      key: 'level',
      item: <strong>{at('report.level')}</strong>,
      before: <LevelTag level={c.level.before} name={c.level.beforeName} />,
      after: <LevelTag level={c.level.after} name={c.level.afterName} />,
      change: <Delta value={c.level.delta} />,
    },
    ...c.dimensions.map(points),
    ...c.scenes
      .filter((s) => s.delta !== 0)
      .map((s) => ({
        key: `scene-${s.code}`,
        item: (
          <>
            {tx(s.name)}
            {s.constraint ? ' ★' : ''}
          </>
        ),
        before: s.before === null ? '—' : `L${s.before}`,
        after: s.after === null ? '—' : `L${s.after}`,
        change: <Delta value={s.delta} />,
      })),
  ];
  return (
    <>
      <Typography.Paragraph>{tx(c.summary)}</Typography.Paragraph>
      {!c.sameCatalog ? <Alert type="warning" showIcon title={at('report.differentCatalogs')} style={{ marginBottom: 12 }} /> : null}
      <Table<Row>
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'item', title: at('report.item'), dataIndex: 'item' },
          { key: 'before', title: at('report.before'), dataIndex: 'before' },
          { key: 'after', title: at('report.after'), dataIndex: 'after' },
          { key: 'change', title: at('report.change'), dataIndex: 'change', align: 'right' },
        ]}
        data-testid="comparison-table"
      />
      <Typography.Paragraph type="secondary" className="as-small" style={{ marginTop: 8 }}>
        {at('report.beforeSource', { mode: modeLabel(c.beforeMode), date: formatDateTime(c.beforeSubmittedAt) })}
      </Typography.Paragraph>
    </>
  );
}

function Report({ model }: { model: ReportModel }) {
  const at = useAt();
  const { tx } = useLang();
  const modeLabel = useModeLabel();
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;
  const catalog = isCatalogVersion(model.assessment.catalogVersion) ? getCatalog(model.assessment.catalogVersion) : null;
  if (!catalog) return <Result status="warning" title={at('report.loadFailed')} subTitle={model.assessment.catalogVersion} />;
  const { score, level } = model.result;
  const c = model.comparison;
  const beforeInd = new Map((c?.indicators ?? []).map((d) => [d.code, d]));
  const beforePct = (code: string): number => {
    const d = beforeInd.get(code);
    return d && d.before !== null ? pct(d.before, d.max) : 0;
  };
  const radarSeries = [
    ...(c ? [{ name: at('report.seriesBefore'), values: score.indicators.map((i) => beforePct(i.code)) }] : []),
    { name: c ? at('report.seriesAfter') : at('report.seriesCurrent'), values: score.indicators.map((i) => pct(i.score, i.max)) },
  ];
  const groups = new Map(catalog.sceneGroups.map((g) => [g.code, g]));
  const sceneDefs = new Map(catalog.sceneGroups.flatMap((g) => g.scenes.map((s) => [s.code, s] as const)));
  const beforeScene = new Map((c?.scenes ?? []).map((s) => [s.code, s.before]));
  const sceneRows: SceneRow[] = score.scenes.map((s, i, all) => {
    const first = i === 0 || all[i - 1]?.group !== s.group;
    const span = first ? all.filter((x) => x.group === s.group).length : 0;
    const def = sceneDefs.get(s.code);
    const description = s.level === 0 ? at('scene.notStarted') : def ? tx(def.levels[s.level - 1]) : '';
    return { ...s, groupName: tx(groups.get(s.group)?.name), span, description, before: beforeScene.get(s.code) ?? null };
  });
  const rule = level.next ? catalog.levelRules.find((r) => r.level === level.next?.level) : undefined;
  const target = rule && level.next ? { level: rule.sceneLevel, label: at('report.targetLine', { level: tx(level.next.name), sceneLevel: rule.sceneLevel }) } : null;

  const basics = (
    <Section title={at('report.basics')} id="report-basics">
      <Facts model={model} />
    </Section>
  );

  return (
    <div className="as-report" data-testid="report">
      <PageHeader
        crumbs={[
          { title: model.project.title, to: `/workbench/projects/${model.project.id}` },
          { title: modeLabel(model.mode), to: `/workbench/assessments/${model.assessment.id}` },
          { title: tx(model.title) },
        ]}
        title={tx(model.title)}
        subTitle={`${model.enterprise.name} · ${model.project.title}`}
        extra={
          <>
            <PdfButton assessmentId={model.assessment.id} label={at('report.downloadPdf')} type="primary" data-testid="report-pdf" />
            {compact ? null : (
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="no-print">
                {at('report.print')}
              </Button>
            )}
            <LinkButton to={`/workbench/assessments/${model.assessment.id}`} icon={<FormOutlined />} className="no-print">
              {at('report.backToAnswers')}
            </LinkButton>
          </>
        }
      />
      {/* Phones: the result first (what the enterprise came for), then the facts. */}
      {compact ? null : basics}
      <Section title={at('report.result')} id="report-result">
        <ResultBlock model={model} />
      </Section>
      {compact ? basics : null}
      <Section title={at('report.indicators')} id="report-indicators">
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={11}>
            <Typography.Text strong>{at('report.radarTitle')}</Typography.Text>
            <Suspense fallback={<ChartFallback />}>
              <IndicatorRadar axes={score.indicators.map((i) => tx(i.name))} series={radarSeries} ariaLabel={at('report.radarAria')} compact={compact} />
            </Suspense>
          </Col>
          <Col xs={24} lg={13}>
            <IndicatorTable model={model} catalog={catalog} />
          </Col>
        </Row>
      </Section>
      <Section title={at('report.scenes')} id="report-scenes">
        <Typography.Paragraph type="secondary">{at('report.scenesNote')}</Typography.Paragraph>
        <Row gutter={[24, 16]}>
          <Col xs={24} xl={10}>
            <Suspense fallback={<ChartFallback />}>
              <SceneBars
                scenes={score.scenes.map((s) => ({ name: tx(s.name), level: s.level, constraint: s.constraint, before: beforeScene.get(s.code) ?? null }))}
                target={target}
                ariaLabel={at('report.scenesAria')}
                seriesName={c ? at('report.seriesAfter') : at('report.seriesCurrent')}
                beforeName={c ? at('report.seriesBefore') : undefined}
              />
            </Suspense>
          </Col>
          <Col xs={24} xl={14}>
            <SceneTable rows={sceneRows} withBefore={Boolean(c)} compact={compact} />
          </Col>
        </Row>
      </Section>
      {model.kind === 'evaluation' ? (
        <Section title={at('report.comparison')} id="report-comparison">
          <Comparison model={model} />
        </Section>
      ) : null}
      <Section title={at('report.weakness')} id="report-weakness">
        <Weakness model={model} catalog={catalog} />
      </Section>
      <Section title={at('report.recommendations')} id="report-recommendations">
        <Recommendations model={model} />
      </Section>
    </div>
  );
}

export function AssessmentReport() {
  const { id } = useParams();
  const q = useReport(id);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <Report model={q.data} />;
}

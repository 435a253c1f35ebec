/**
 * The report's two charts with ECharts, tree-shaken to what they draw (radar, bar, mark line), rendered as SVG
 * so they print sharply. Loaded lazily with the report page only; every chart has a table next to it.
 */
import * as echarts from 'echarts/core';
import { BarChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([RadarChart, BarChart, RadarComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

const BLUE = '#1558d6';
const GREY = '#9aa5b1';
const CONSTRAINT = '#d4380d';

export interface RadarSeries {
  name: string;
  /** Percent of max (0–100), one per axis. */
  values: number[];
}

export function IndicatorRadar({ axes, series, ariaLabel, compact }: { axes: string[]; series: RadarSeries[]; ariaLabel: string; compact: boolean }) {
  const colors = series.length > 1 ? [GREY, BLUE] : [BLUE];
  const option = {
    color: colors,
    tooltip: { trigger: 'item' },
    legend: series.length > 1 ? { bottom: 0, data: series.map((s) => s.name) } : undefined,
    radar: {
      radius: compact ? '58%' : '66%',
      center: ['50%', series.length > 1 ? '48%' : '52%'],
      indicator: axes.map((name) => ({ name, max: 100 })),
      axisName: { color: '#333', fontSize: compact ? 11 : 12 },
      splitNumber: 4,
    },
    series: [
      {
        type: 'radar',
        data: series.map((s, i) => ({
          name: s.name,
          value: s.values,
          areaStyle: { opacity: i === series.length - 1 ? 0.25 : 0.08 },
          lineStyle: { width: 2, type: i === series.length - 1 ? 'solid' : 'dashed' },
        })),
      },
    ],
  };
  return (
    <div role="img" aria-label={ariaLabel} className="as-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: compact ? 300 : 360 }} notMerge opts={{ renderer: 'svg' }} />
    </div>
  );
}

export interface SceneBar {
  name: string;
  level: number;
  constraint: boolean;
  before?: number | null;
}

export function SceneBars({
  scenes,
  target,
  ariaLabel,
  seriesName,
  beforeName,
}: {
  scenes: SceneBar[];
  /** The scene level the next digital level needs, with its label. */
  target: { level: number; label: string } | null;
  ariaLabel: string;
  seriesName: string;
  beforeName?: string;
}) {
  const withBefore = beforeName !== undefined && scenes.some((s) => s.before !== undefined && s.before !== null);
  const names = scenes.map((s) => (s.constraint ? `★ ${s.name}` : s.name));
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: withBefore ? { bottom: 0 } : undefined,
    grid: { left: 8, right: 24, top: target ? 28 : 12, bottom: withBefore ? 32 : 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 4, interval: 1, axisLabel: { formatter: 'L{value}' } },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 130, overflow: 'truncate' } },
    series: [
      ...(withBefore
        ? [{ type: 'bar', name: beforeName, data: scenes.map((s) => s.before ?? 0), itemStyle: { color: GREY }, barGap: '10%' }]
        : []),
      {
        type: 'bar',
        name: seriesName,
        data: scenes.map((s) => ({ value: s.level, itemStyle: { color: s.constraint ? CONSTRAINT : BLUE } })),
        label: { show: true, position: 'right', formatter: 'L{c}' },
        markLine: target
          ? {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#389e0d', width: 2 },
              label: { formatter: target.label, position: 'start', color: '#389e0d' },
              data: [{ xAxis: target.level }],
            }
          : undefined,
      },
    ],
  };
  return (
    <div role="img" aria-label={ariaLabel} className="as-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: Math.max(320, scenes.length * (withBefore ? 34 : 26) + 60) }} notMerge opts={{ renderer: 'svg' }} />
    </div>
  );
}

/** ECharts for the dashboards, tree-shaken to grouped bars (level before vs after). Loaded only with the bureau's pages. */
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface UpliftDatum {
  name: string;
  before: number | null;
  after: number;
}

/** Mean level before and after per group, side by side; `onPick` opens the group's list. */
export function UpliftBars({ data, labels, ariaLabel, onPick }: { data: UpliftDatum[]; labels: { before: string; after: string }; ariaLabel: string; onPick?: (index: number) => void }) {
  const option = {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { interval: 0, rotate: data.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', min: 0, max: 4, interval: 1 },
    series: [
      { name: labels.before, type: 'bar', data: data.map((d) => d.before), itemStyle: { color: '#8c8c8c' }, barMaxWidth: 22 },
      { name: labels.after, type: 'bar', data: data.map((d) => d.after), itemStyle: { color: '#1558d6' }, barMaxWidth: 22 },
    ],
  };
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 280 }} notMerge onEvents={onPick ? { click: (p: { dataIndex: number }) => onPick(p.dataIndex) } : undefined} />
    </div>
  );
}

/** ECharts, tree-shaken to the bar charts the dashboard draws. Loaded only with the bureau's pages. */
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface Datum {
  name: string;
  value: number;
}

/** Projects currently at each of the eight stages, top to bottom in pilot order. */
export function StageBars({ data, ariaLabel, onPick }: { data: Datum[]; ariaLabel: string; onPick?: (index: number) => void }) {
  const option = {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name), axisTick: { show: false } },
    series: [{ type: 'bar', data: data.map((d) => d.value), barMaxWidth: 22, itemStyle: { color: '#1558d6' }, label: { show: true, position: 'right' } }],
  };
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height: 300 }}
        notMerge
        onEvents={onPick ? { click: (p: { dataIndex: number }) => onPick(p.dataIndex) } : undefined}
      />
    </div>
  );
}

export function TownBars({ data, ariaLabel }: { data: Datum[]; ariaLabel: string }) {
  const option = {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { interval: 0, rotate: 50 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: data.map((d) => d.value), itemStyle: { color: '#13a8a8' } }],
  };
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />
    </div>
  );
}

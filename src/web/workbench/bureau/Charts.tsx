/** ECharts, tree-shaken to what the dashboard draws (funnel and bar). Loaded only with the bureau's pages. */
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([FunnelChart, BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface Datum {
  name: string;
  value: number;
}

export function StageFunnel({ data, ariaLabel, onPick }: { data: Datum[]; ariaLabel: string; onPick?: (index: number) => void }) {
  const option = {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '8%',
        width: '84%',
        minSize: '8%',
        gap: 2,
        label: { show: true, position: 'inside', formatter: '{b}  {c}' },
        data,
      },
    ],
  };
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height: 320 }}
        notMerge
        onEvents={onPick ? { click: (p: { dataIndex: number }) => onPick(p.dataIndex) } : undefined}
      />
    </div>
  );
}

export function TownBars({ data, ariaLabel }: { data: Datum[]; ariaLabel: string }) {
  const option = {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { interval: 0, rotate: 45 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: data.map((d) => d.value), itemStyle: { color: '#1558d6' } }],
  };
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 320 }} notMerge />
    </div>
  );
}

// Entry point of the self-hosted chart runtime (see ../doc.go).
// Only what the site's charts use is registered; everything else is
// tree-shaken away by esbuild. The bundle exposes the global `echarts`
// with the echarts/core API (init, use, getInstanceByDom, ...).
import { use } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  AriaComponent,
  DatasetComponent,
  MarkLineComponent,
  SVGRenderer,
]);

export * from 'echarts/core';

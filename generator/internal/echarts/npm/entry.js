// Entry point of the self-hosted chart runtime (see ../doc.go).
// Only what the site's charts use is registered; everything else is
// tree-shaken away by esbuild. The bundle exposes the global `echarts`
// with init, getInstanceByDom and dispose: all that charts.js calls.
import { use } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
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
  AriaComponent,
  SVGRenderer,
]);

export { init, getInstanceByDom, dispose, version } from 'echarts/core';

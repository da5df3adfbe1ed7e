// The one module that imports ECharts, with only what the report charts draw: bars and lines
// (the contract period's score), their grid, tooltip and legend, the aria component (a description
// for screen readers and the decal patterns that keep series apart in grey print), and the SVG
// renderer (sharp when printed). ChartWithTable.vue loads it with a dynamic import, so it is a
// chunk of its own that only a page showing a chart fetches; the entry chunk never holds it
// (tests/bundle.spec.ts).
import { init, use } from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export { init };
export type { ECharts } from "echarts/core";

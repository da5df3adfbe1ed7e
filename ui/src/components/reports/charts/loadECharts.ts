// ECharts (./echarts.ts) as a chunk of its own, fetched once for every chart on the page and only
// when the first chart is drawn. A failed fetch is tried again by the next chart.
let library: Promise<typeof import("./echarts")> | null = null;

export function loadECharts(): Promise<typeof import("./echarts")> {
  library ??= import("./echarts").catch((e: unknown) => {
    library = null;
    throw e;
  });
  return library;
}

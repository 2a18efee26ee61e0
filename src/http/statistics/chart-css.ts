/**
 * The charts' own styles, on the standalone statistics page and in the back office alike. A chart
 * block is a container: the month chart's columns need about 46rem, and a narrower block (a
 * phone) shows the same numbers as rows, which fit any width (bar-chart.tsx).
 */
export const CHART_CSS = `
.chart-block { container-type: inline-size; }
.chart-scroll { overflow-x: auto; }
.chart-columns { max-width: none; height: auto; }
.chart-rows { display: block; width: 100%; max-width: 40rem; }
.chart-narrow { display: none; }
@container (max-width: 46rem) { .chart-wide { display: none; } .chart-narrow { display: block; } }
/* Windows high contrast leaves an SVG's own colours alone: dark ink on its black was invisible. The theme's text colour, bars too, and a value inside its bar in the background's. */
@media (forced-colors: active) {
  .chart text, .chart rect { fill: CanvasText; }
  .chart text.chart__on-bar { fill: Canvas; }
  .chart line { stroke: GrayText; }
}
`;

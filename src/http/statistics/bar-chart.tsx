/** @jsxImportSource hono/jsx */
/**
 * Bar charts drawn as SVG on the server: no chart library or CDN, nothing for the browser to run,
 * and the same output on Node and Workers. Each chart is an image with a title and a description
 * for screen readers (role="img", aria-labelledby), followed by the same numbers as a table.
 */

export interface Bar {
  label: string;
  value: number;
}

export interface BarChartProps {
  id: string;
  title: string;
  /** Read aloud after the title: what the chart shows and its largest value. */
  description: string;
  bars: Bar[];
  /** Time series read left to right as columns; categories read top to bottom as rows. */
  orientation?: 'rows' | 'columns';
  unit?: string;
  tableCaption?: string;
  labelHeader?: string;
  /** The chart's own words (no data, the table's toggle and header); the caller gives the rest in this language. */
  lang?: 'ja' | 'en';
}

/** 1, 2, 5 × 10^k at or above `max`, so the axis ends on a round number. */
export function niceCeiling(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].map((step) => step * magnitude).find((candidate) => candidate >= max))!;
}

/** Whole-number gridlines: counts are integers, so 0, 1, 2 … rather than 0, 1.25, 2.5. */
export function ticksUpTo(max: number): number[] {
  const step = max >= 5 ? max / 5 : 1;
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
}

const INK = '#1a1a1c';
const BAR = '#0017c1';
const GRID = '#d8d8db';

/** The SVG's own accessible name and description, referenced by aria-labelledby. */
function ChartText({ id, title, description }: BarChartProps) {
  return (
    <>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
    </>
  );
}

function RowsSvg(props: BarChartProps) {
  const { id, bars, unit = '' } = props;
  const labelWidth = 200, plot = 380, row = 26, top = 8, axis = 22;
  const max = niceCeiling(Math.max(0, ...bars.map((b) => b.value)));
  const height = top + bars.length * row + axis;
  const ticks = ticksUpTo(max);
  const width = labelWidth + plot + 60;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`} class="chart">
      <ChartText {...props} />
      {ticks.map((t) => (
        <g>
          <line x1={labelWidth + (t / max) * plot} x2={labelWidth + (t / max) * plot} y1={top} y2={height - axis} stroke={GRID} />
          <text x={labelWidth + (t / max) * plot} y={height - 6} font-size="12" text-anchor="middle" fill={INK}>{t}</text>
        </g>
      ))}
      {bars.map((bar, i) => {
        const y = top + i * row;
        const w = (bar.value / max) * plot;
        return (
          <g>
            <text x={labelWidth - 8} y={y + row / 2 + 5} font-size="13" text-anchor="end" fill={INK}>{bar.label}</text>
            <rect x={labelWidth} y={y + 4} width={Math.max(w, bar.value > 0 ? 2 : 0)} height={row - 8} fill={BAR} />
            <text x={labelWidth + w + 6} y={y + row / 2 + 5} font-size="13" fill={INK}>{`${bar.value}${unit}`}</text>
          </g>
        );
      })}
    </svg>
  );
}

function ColumnsSvg(props: BarChartProps) {
  const { id, bars } = props;
  // Few columns get wide bars and level labels; many get narrow bars and slanted labels.
  const slanted = bars.length > 8;
  const left = slanted ? 64 : 40, column = Math.max(18, Math.min(96, 640 / Math.max(bars.length, 1))), plotHeight = 200, top = 20, bottom = slanted ? 64 : 32;
  const max = niceCeiling(Math.max(0, ...bars.map((b) => b.value)));
  const width = Math.max(left + bars.length * column + 16, 240);
  const height = top + plotHeight + bottom;
  // Thin the axis labels so they never overlap, but always label the first and last column.
  const every = Math.ceil(bars.length / 16);
  const ticks = ticksUpTo(max);
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`} class="chart">
      <ChartText {...props} />
      {ticks.map((t) => {
        const y = top + plotHeight - (t / max) * plotHeight;
        return (
          <g>
            <line x1={left} x2={width - 8} y1={y} y2={y} stroke={GRID} />
            <text x={left - 6} y={y + 4} font-size="12" text-anchor="end" fill={INK}>{t}</text>
          </g>
        );
      })}
      {bars.map((bar, i) => {
        const h = (bar.value / max) * plotHeight;
        const x = left + i * column;
        const labelled = i % every === 0 || i === bars.length - 1;
        return (
          <g>
            <rect x={x + 3} y={top + plotHeight - h} width={column - 6} height={h} fill={BAR} />
            {bar.value > 0 && <text x={x + column / 2} y={top + plotHeight - h - 4} font-size="11" text-anchor="middle" fill={INK}>{bar.value}</text>}
            {labelled && (slanted
              ? <text x={x + column / 2} y={top + plotHeight + 16} font-size="11" text-anchor="end" transform={`rotate(-40 ${x + column / 2} ${top + plotHeight + 16})`} fill={INK}>{bar.label}</text>
              : <text x={x + column / 2} y={top + plotHeight + 18} font-size="12" text-anchor="middle" fill={INK}>{bar.label}</text>)}
          </g>
        );
      })}
    </svg>
  );
}

/** A chart with its accessible name, and a table of the same numbers for anyone who cannot see it. */
export function BarChart(props: BarChartProps) {
  const { id, title, description, bars, orientation = 'rows', lang = 'ja' } = props;
  const ja = lang === 'ja';
  const { unit = ja ? '件' : '', labelHeader = ja ? '区分' : 'Category' } = props;
  if (bars.length === 0) {
    return (
      <section aria-labelledby={`${id}-heading`} class="chart-block">
        <h2 id={`${id}-heading`}>{title}</h2>
        <p>{ja ? 'データがまだありません。' : 'No data yet.'}</p>
      </section>
    );
  }
  const svg = orientation === 'rows' ? RowsSvg(props) : ColumnsSvg(props);
  return (
    <section aria-labelledby={`${id}-heading`} class="chart-block">
      <h2 id={`${id}-heading`}>{title}</h2>
      <figure>
        {/* Focusable and named, so a keyboard can scroll a chart wider than the screen (WCAG 2.1.1). */}
        <div class="chart-scroll" tabindex={0} role="region" aria-label={title}>{svg}</div>
        <figcaption id={`${id}-caption`}>{description}</figcaption>
      </figure>
      <details>
        <summary>{ja ? `表で見る（${title}）` : `Show as a table (${title})`}</summary>
        <table>
          <caption>{props.tableCaption ?? title}</caption>
          <thead>
            <tr><th scope="col">{labelHeader}</th><th scope="col">{ja ? `件数（${unit}）` : 'Count'}</th></tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr><th scope="row">{bar.label}</th><td class="number">{bar.value}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

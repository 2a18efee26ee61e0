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

/**
 * A label's lines, each at most `em` wide (a full-width character 1em, any other about 0.6em):
 * SVG text does not wrap, and a label wider than a phone's screen was cut off. Latin text breaks
 * between words, Japanese between any two characters.
 */
export function wrapLabel(label: string, em = 20): string[] {
  const widthOf = (text: string) => [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) < 0x2000 ? 0.6 : 1), 0);
  const lines: string[] = [];
  let line = '';
  for (const piece of label.match(/[\x21-\x7e]+ ?|./gsu) ?? []) {
    if (line && widthOf((line + piece).trimEnd()) > em) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += piece;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/**
 * Rows stacked as label, then bar with its value: the chart is as wide as the screen (widths in
 * percent, no viewBox, so text keeps its size), with nothing to scroll sideways on a 320 px phone.
 * A bar longer than half the chart carries its value inside its end, a shorter one just after it,
 * so the value always has half the width to itself. No axis: every bar says its value.
 */
function RowsSvg(props: BarChartProps) {
  const { id, bars, unit = '' } = props;
  const line = 18, bar = 18, gap = 12;
  const max = Math.max(1, ...bars.map((b) => b.value));
  let y = 0;
  const rows = bars.map((b) => {
    const lines = wrapLabel(b.label);
    const top = y;
    y += lines.length * line + 4 + bar + gap;
    const percent = (b.value / max) * 100;
    return { ...b, lines, top, percent: b.value > 0 ? Math.max(percent, 0.5) : 0 };
  });
  const height = y - gap + 2;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width="100%" height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`} class="chart chart-rows">
      <ChartText {...props} />
      {rows.map((row) => {
        const barTop = row.top + row.lines.length * line + 4;
        const inside = row.percent >= 50;
        return (
          <g>
            <text y={row.top + 14} font-size="13" fill={INK}>
              {row.lines.map((text, i) => <tspan x="0" dy={i === 0 ? 0 : line}>{text}</tspan>)}
            </text>
            <rect x="0" y={barTop} width={`${row.percent}%`} height={bar} fill={BAR} />
            <text x={`${row.percent}%`} dx={inside ? -6 : 6} y={barTop + 14} font-size="13" text-anchor={inside ? 'end' : 'start'} class={inside ? 'chart__on-bar' : undefined} fill={inside ? '#ffffff' : INK} font-weight={inside ? 'bold' : undefined}>{`${row.value}${unit}`}</text>
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
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`} class="chart chart-columns">
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
  // Columns need about 46rem: a narrower screen gets the same numbers as rows (the CSS picks one by
  // the chart's width), each with its own name for a screen reader, only the one shown being read.
  const svg = orientation === 'rows' ? RowsSvg(props) : (
    <>
      <div class="chart-wide">{ColumnsSvg(props)}</div>
      <div class="chart-narrow">{RowsSvg({ ...props, id: `${id}-rows` })}</div>
    </>
  );
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

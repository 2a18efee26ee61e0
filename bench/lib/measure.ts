/**
 * In-process measurement helpers and the table of latency and growth figures. HTTP load is
 * driven by autocannon in its own process: bench/lib/load.ts. These machines are noisy: compare
 * figures measured in the same run only.
 */

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The baseline measured in the same run, and what the ratio should reach. */
  baseline?: { name: string; value: number; target?: string };
}

/** Runs `op` back to back in this process for `seconds`; ops per second. */
export async function loop(op: (i: number) => Promise<unknown>, seconds: number): Promise<number> {
  return (await loopCpu(op, seconds)).perSecond;
}

/** loop(), also charging this process's CPU time (µs) to each op, warm-up excluded. */
export async function loopCpu(op: (i: number) => Promise<unknown>, seconds: number): Promise<{ perSecond: number; cpuPerOp: number }> {
  for (let i = 0; i < 5; i++) await op(i);
  let n = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) await op(n++);
  const perSecond = n / ((performance.now() - start) / 1000);
  const used = process.cpuUsage(cpu);
  return { perSecond, cpuPerOp: (used.user + used.system) / n };
}

/** One table: each figure next to its baseline and the ratio. */
export function printTable(figures: Figure[]) {
  const rows = figures.map((f) => [
    f.name,
    `${format(f.value)} ${f.unit}`,
    f.baseline ? `${f.baseline.name}: ${format(f.baseline.value)}` : '',
    f.baseline ? `${(f.value / f.baseline.value).toFixed(2)}×` : '',
    f.baseline?.target ?? '',
  ]);
  const header = ['figure', 'value', 'baseline (same run)', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c + ' '.repeat(widths[i]! - displayWidth(c))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/** Terminal columns: CJK and full-width characters take two. */
const displayWidth = (text: string) =>
  [...text].reduce((width, ch) => width + (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1), 0);

const format = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

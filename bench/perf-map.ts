/**
 * Makes a Node perf map (`/tmp/perf-<pid>.map`, written by `node --perf-basic-prof`) name the
 * code that really ran. V8 reuses the addresses of code it freed and appends the new code's line,
 * and `perf` gives a sample the first name it finds for an address: the dead function's. This
 * rewrites the map in place, keeping for each address range only the line written last.
 *
 *   npx tsx bench/perf-map.ts /tmp/perf-<pid>.map   # before `perf script` or `perf report`
 */
import { readFileSync, writeFileSync } from 'node:fs';

const path = process.argv[2];
if (!path) {
  console.error('usage: npx tsx bench/perf-map.ts /tmp/perf-<pid>.map');
  process.exit(2);
}
const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
// Kept entries, sorted by start address; addresses fit in a double (48-bit user space).
const kept: { start: number; end: number; line: string }[] = [];
const firstAtOrAfter = (address: number) => {
  let low = 0;
  let high = kept.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (kept[middle]!.start < address) low = middle + 1;
    else high = middle;
  }
  return low;
};
for (const line of lines) {
  const [startHex, sizeHex] = line.split(' ', 2);
  const start = Number.parseInt(startHex!, 16);
  const end = start + Number.parseInt(sizeHex!, 16);
  let i = firstAtOrAfter(start);
  // An older entry that begins before this one and reaches into it, then those that begin inside it.
  if (i > 0 && kept[i - 1]!.end > start) i--;
  let j = i;
  while (j < kept.length && kept[j]!.start < end) j++;
  kept.splice(i, j - i, { start, end, line });
}
writeFileSync(path, `${kept.map((entry) => entry.line).join('\n')}\n`);
console.log(`${path}: ${lines.length} → ${kept.length} entries`);

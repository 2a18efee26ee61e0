// Fitting user text into a box without font metrics: the badge SVG must render fast and on
// Workers, so widths are estimated per character class, erring wide so nothing overflows.

/** Escapes text for XML element content and attribute values (either quote style). */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '') // not allowed in XML 1.0
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Estimated advance of one character in em, for Noto Sans JP (proportional Latin, full-width CJK). */
function charWidthEm(code: number): number {
  if (code === 0x20) return 0.26;
  if (code < 0x7f) {
    // Bold Latin is wide: W and M reach ~0.93 em in Noto Sans JP Bold.
    if (code === 0x4d || code === 0x57 || code === 0x6d || code === 0x77 || code === 0x40 || code === 0x25) return 0.96;
    if ((code >= 0x41 && code <= 0x5a) || code === 0x26 || code === 0x23) return 0.74;
    return 0.6;
  }
  if (code >= 0xff61 && code <= 0xff9f) return 0.55; // half-width katakana
  if (code < 0x2000) return 0.62; // accented Latin etc.
  return 1; // kana, kanji, full-width forms and punctuation
}

export function estimateWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += charWidthEm(ch.codePointAt(0)!);
  return em * fontSize;
}

// Characters that must not begin a line (simplified 禁則処理).
const NO_LINE_START = new Set([...'、。，．,.)]）」』】〕！？!?ー～ゃゅょっぁぃぅぇぉャュョッァィゥェォ・：；:;']);

/** Greedy line breaking; prefers breaking at a space for Latin text, anywhere for Japanese. */
export function wrapText(text: string, fontSize: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let widths: number[] = []; // per character of `line`, so the running width is O(1) to update
  let lineWidth = 0;
  for (const ch of text) {
    const w = charWidthEm(ch.codePointAt(0)!) * fontSize;
    if (line.length > 0 && lineWidth + w > maxWidth) {
      let breakAt = line.length;
      const lastSpace = line.lastIndexOf(' ');
      if (lastSpace > line.length / 2) breakAt = lastSpace + 1;
      else if (NO_LINE_START.has(ch) && line.length > 1) breakAt = line.length - 1;
      lines.push(line.slice(0, breakAt).join('').trimEnd());
      line = line.slice(breakAt);
      widths = widths.slice(breakAt);
      lineWidth = widths.reduce((a, b) => a + b, 0);
      if (line.length === 0 && ch === ' ') continue;
    }
    line.push(ch);
    widths.push(w);
    lineWidth += w;
  }
  if (line.length > 0) lines.push(line.join('').trimEnd());
  return lines;
}

export interface FittedText {
  fontSize: number;
  lines: string[];
}

/**
 * The largest font size in [minSize, maxSize] at which `text` fits in `maxLines` lines of
 * `maxWidth`. With `oneLineDownTo`, a single line is preferred while it fits at that size or
 * larger (headlines read better unbroken). At the minimum size any excess is cut with an
 * ellipsis, so text can never spill out of its box.
 */
export function fitText(
  text: string,
  opts: { maxWidth: number; maxSize: number; minSize: number; maxLines: number; oneLineDownTo?: number },
): FittedText {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (opts.oneLineDownTo !== undefined) {
    for (let size = opts.maxSize; size >= opts.oneLineDownTo; size -= 1) {
      if (estimateWidth(clean, size) <= opts.maxWidth) return { fontSize: size, lines: [clean] };
    }
  }
  for (let size = opts.maxSize; size >= opts.minSize; size -= 1) {
    const lines = wrapText(clean, size, opts.maxWidth);
    if (lines.length <= opts.maxLines) return { fontSize: size, lines };
  }
  const lines = wrapText(clean, opts.minSize, opts.maxWidth).slice(0, opts.maxLines);
  const last = [...(lines[lines.length - 1] ?? '')];
  while (last.length > 0 && estimateWidth(last.join('') + '…', opts.minSize) > opts.maxWidth) last.pop();
  lines[lines.length - 1] = last.join('') + '…';
  return { fontSize: opts.minSize, lines };
}

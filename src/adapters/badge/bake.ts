// Open Badges 3.0 baking (OB 3.0 §5.3 "Baked Badge"): the signed credential travels inside the
// image, so the image alone can be verified.
//   SVG: <openbadges:credential> directly after the <svg> tag, namespace
//        https://purl.imsglobal.org/ob/v3p0; a VC-JWT goes in its `verify` attribute, a credential
//        with an embedded proof goes in the body as JSON wrapped in CDATA.
//   PNG: one iTXt chunk, keyword `openbadgecredential`, uncompressed, text = compact JWS or JSON.
// Uint8Array/DataView only (no Buffer) so this runs on Workers too. Extraction reads untrusted
// uploads: it returns null for anything malformed and never throws.
import { assemblePng, parseChunks } from './png.js';

export const OB3_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
export const PNG_KEYWORD = 'openbadgecredential';

/** A JSON-LD credential (embedded proof) or a compact JWS (VC-JWT). */
export type BakedCredential = Record<string, unknown> | string;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;

/** Serialises for baking: the JWS as is, or the credential as JSON text. */
function credentialText(credential: BakedCredential): string {
  if (typeof credential === 'string') {
    if (!COMPACT_JWS.test(credential)) throw new TypeError('a string credential must be a compact JWS');
    return credential;
  }
  return JSON.stringify(credential);
}

/** Reads baked text back: JSON object → object, compact JWS → string, anything else → null. */
function parseCredentialText(text: string): BakedCredential | null {
  const trimmed = text.trim();
  if (COMPACT_JWS.test(trimmed)) return trimmed;
  if (!trimmed.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// ---- SVG ----

const SVG_OPEN_TAG = /<svg\b(?:[^>"']|"[^"]*"|'[^']*')*>/;
const ANY_CREDENTIAL_ELEMENT = /<openbadges:credential\b(?:[^>"']|"[^"]*"|'[^']*')*?(?:\/>|>[\s\S]*?<\/openbadges:credential>)\s*/g;

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, ref: string) => {
    if (ref === 'amp') return '&';
    if (ref === 'lt') return '<';
    if (ref === 'gt') return '>';
    if (ref === 'quot') return '"';
    if (ref === 'apos') return "'";
    const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * Bakes the credential into an SVG, replacing any credential already baked there (the spec
 * allows one only). JSON goes in CDATA. A `]]>` inside a JSON string would end the CDATA early,
 * and an SVG inlined into HTML by a careless tool should not carry live `<script>` text, so
 * `<`, `>` and `&` are written as JSON \u escapes: the same JSON value, parsed back identically.
 * So are U+FFFE and U+FFFF, which XML allows nowhere, CDATA included (one in a name the API took
 * made the whole image unreadable); JSON.stringify already escapes the controls and lone surrogates.
 */
export function bakeSvg(svg: string, credential: BakedCredential): string {
  const text = credentialText(credential);
  const unbaked = svg.replace(ANY_CREDENTIAL_ELEMENT, '');
  const open = SVG_OPEN_TAG.exec(unbaked);
  if (!open) throw new TypeError('not an SVG document: no <svg> start tag');
  let openTag = open[0];
  if (openTag.endsWith('/>')) throw new TypeError('an empty <svg/> cannot carry a credential');
  if (!/\sxmlns:openbadges\s*=/.test(openTag)) {
    openTag = `${openTag.slice(0, -1)} xmlns:openbadges="${OB3_NAMESPACE}">`;
  }
  const element =
    typeof credential === 'string'
      ? `<openbadges:credential verify="${escapeAttribute(text)}"></openbadges:credential>`
      : `<openbadges:credential><![CDATA[${jsonForCdata(text)}]]></openbadges:credential>`;
  return unbaked.slice(0, open.index) + openTag + element + unbaked.slice(open.index + open[0].length);
}

function jsonForCdata(json: string): string {
  return json.replace(/[<>&\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The credential baked into an SVG (first <openbadges:credential>, any prefix bound to the OB 3.0 namespace), or null. */
export function extractFromSvg(svg: string): BakedCredential | null {
  if (typeof svg !== 'string') return null;
  const binding = /xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']https:\/\/purl\.imsglobal\.org\/ob\/v3p0["']/.exec(svg);
  const prefix = binding?.[1] ?? 'openbadges';
  // Only the first element counts (spec); matching from its index alone keeps a hostile upload
  // with thousands of unclosed tags linear rather than quadratic.
  const start = svg.indexOf(`<${prefix}:credential`);
  if (start < 0) return null;
  const element = new RegExp(
    `<${prefix}:credential\\b((?:[^>"']|"[^"]*"|'[^']*')*?)(?:/>|>([\\s\\S]*?)</${prefix}:credential>)`,
    'y',
  );
  element.lastIndex = start;
  const match = element.exec(svg);
  if (!match) return null;
  const verify = /\sverify\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(match[1] ?? '');
  if (verify) return parseCredentialText(decodeXmlEntities(verify[1] ?? verify[2] ?? ''));
  // Body: CDATA sections verbatim, other text with entities decoded (a baker may use either).
  const body = (match[2] ?? '').replace(/<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g, (_, cdata?: string, plain?: string) =>
    cdata ?? decodeXmlEntities(plain ?? ''),
  );
  return parseCredentialText(body);
}

// ---- PNG ----

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** iTXt data: keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, UTF-8 text. */
function itxtData(text: string): Uint8Array {
  const head = latin1(`${PNG_KEYWORD}\0\0\0\0\0`);
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

function isCredentialChunk(type: string, data: Uint8Array): boolean {
  if (type !== 'iTXt' || data.length <= PNG_KEYWORD.length) return false;
  for (let i = 0; i < PNG_KEYWORD.length; i++) if (data[i] !== PNG_KEYWORD.charCodeAt(i)) return false;
  return data[PNG_KEYWORD.length] === 0;
}

/** Bakes the credential into a PNG (before IEND), replacing one already baked. Throws on a malformed PNG. */
export function bakePng(png: Uint8Array, credential: BakedCredential): Uint8Array {
  const chunks = parseChunks(png);
  if (!chunks) throw new TypeError('not a valid PNG');
  const kept = chunks.filter((c) => !isCredentialChunk(c.type, c.data));
  kept.splice(kept.length - 1, 0, { type: 'iTXt', data: itxtData(credentialText(credential)) });
  return assemblePng(kept);
}

/** The credential baked into a PNG, or null (not a PNG, bad CRC, no chunk, compressed, not UTF-8, not a credential). */
export function extractFromPng(png: Uint8Array): BakedCredential | null {
  if (!(png instanceof Uint8Array)) return null;
  const chunk = parseChunks(png)?.find((c) => isCredentialChunk(c.type, c.data));
  if (!chunk) return null;
  const data = chunk.data;
  let offset = PNG_KEYWORD.length + 1;
  if (data[offset] !== 0) return null; // compressed: forbidden by the spec
  offset += 2; // compression flag, compression method
  for (let nul = 0; nul < 2; nul++) {
    const end = data.indexOf(0, offset); // language tag, then translated keyword
    if (end < 0) return null;
    offset = end + 1;
  }
  try {
    return parseCredentialText(new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(offset)));
  } catch {
    return null;
  }
}

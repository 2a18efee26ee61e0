/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), written as their
 * code point ([U+202E]) in text the verification pages show from a credential: U+202E makes
 * 「株式会社<U+202E>クイメ」 read 「株式会社メイク」, a scam company posing as another. The registry refuses
 * them in what it records (domain/readable-text.ts); a pasted or another issuer's credential can
 * carry anything. Shown, not dropped, so that whoever checks sees the badge was made to mislead.
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

export const bidiShown = (text: string): string => text.replace(BIDI_CONTROL, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);

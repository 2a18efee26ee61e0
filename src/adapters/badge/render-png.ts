// SVG → PNG on Node with resvg (a real SVG renderer, native binary shipped in an npm package).
// This is the only Node-specific file of the badge library: fonts are read from node_modules so
// Japanese renders on a server with no fonts installed, and system fonts are never consulted so
// the output is the same on every machine.
import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/** Noto Sans JP (SIL OFL) as static TTFs: resvg reads TTF/OTF only, not WOFF/WOFF2. */
export const BADGE_FONT_FILES: readonly string[] = [
  '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
].map((specifier) => require.resolve(specifier));

export interface RenderPngOptions {
  /** Output width in px; the height follows the SVG's aspect ratio. */
  width: number;
}

/**
 * Renders an SVG to PNG bytes. Runs on libuv's thread pool (renderAsync) so a render does not
 * block the event loop; callers should still cache the result (a badge render takes tens of ms).
 */
export async function renderPng(svg: string, options: RenderPngOptions): Promise<Uint8Array> {
  const width = Math.max(16, Math.min(4096, Math.round(options.width)));
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: width },
    font: {
      loadSystemFonts: false,
      fontFiles: [...BADGE_FONT_FILES],
      defaultFontFamily: 'Noto Sans JP',
      sansSerifFamily: 'Noto Sans JP',
    },
    logLevel: 'off',
  });
  const png = image.asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/**
 * The report fonts: Noto Sans Hans from `@embedpdf/fonts-sc`, so no system font is needed. The font files
 * (about 8 MB each) are read once per process. Parsing such a font is the slowest part of rendering, so
 * the parsed font objects are shared by all documents as well: each document still gets its own subset
 * (pdfkit embeds only the glyphs that document uses), only the read-only parsed tables are shared.
 *
 * Sharing relies on two pdfkit 0.17 internals (`_fontFamilies`, `_fontCount`); when they are missing (a
 * different pdfkit), every document falls back to pdfkit's public `registerFont`, which is slower but
 * produces the same output.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * Two weights only: every embedded font costs a subset per document (~30–50 ms for these CID fonts, most of
 * it spent on the 22,000 subroutines of the ideograph font dictionary), so a third weight is not worth it.
 */
export type FontWeight = 'regular' | 'bold';

export const FONT_WEIGHTS: readonly FontWeight[] = ['regular', 'bold'];

const FILES: Record<FontWeight, string> = {
  regular: 'NotoSansHans-Regular.otf',
  bold: 'NotoSansHans-Bold.otf',
};

/** The name a weight is registered under in each document. */
export const FONT_NAME: Record<FontWeight, string> = { regular: 'ZsRegular', bold: 'ZsBold' };

/** pdfkit options that skip loading its default Helvetica (parsing its metrics costs a few ms per document). */
export const NO_DEFAULT_FONT = { font: '' } as const;

/** The package's `fonts/` directory. */
export function fontDirectory(): string {
  const require = createRequire(import.meta.url);
  try {
    return path.join(path.dirname(require.resolve('@embedpdf/fonts-sc/package.json')), 'fonts');
  } catch {
    // The package's "exports" map does not export package.json: resolve its entry point and walk up to
    // the directory holding package.json.
    let dir = path.dirname(require.resolve('@embedpdf/fonts-sc'));
    while (!existsSync(path.join(dir, 'package.json'))) {
      const parent = path.dirname(dir);
      if (parent === dir) throw new Error('@embedpdf/fonts-sc: package root not found');
      dir = parent;
    }
    return path.join(dir, 'fonts');
  }
}

let buffers: Record<FontWeight, Buffer> | null = null;

/** The font files, read on first use and kept for the life of the process. */
export function fontBuffers(): Record<FontWeight, Buffer> {
  if (!buffers) {
    const dir = fontDirectory();
    buffers = {
      regular: readFileSync(path.join(dir, FILES.regular)),
      bold: readFileSync(path.join(dir, FILES.bold)),
    };
  }
  return buffers;
}

// ---------------------------------------------------------------------------------------------------------
// Shared parsed fonts (pdfkit internals, checked at run time).

type EmbeddedFontConstructor = new (doc: PDFKit.PDFDocument, font: object, id: string) => object;

interface DocumentInternals {
  _font?: unknown;
  _fontFamilies?: unknown;
  _fontCount?: unknown;
}

interface SharedFonts {
  construct: EmbeddedFontConstructor;
  parsed: Record<FontWeight, object>;
  /**
   * pdfkit caches the shaped glyph run of each word per font object; the runs depend only on the parsed
   * font, so documents share one cache per weight (cleared when it grows large).
   */
  layoutCaches: Record<FontWeight, Record<string, unknown>>;
}

const LAYOUT_CACHE_LIMIT = 20_000;

/** null: not tried yet; false: internals not as expected, use registerFont. */
let shared: SharedFonts | false | null = null;
let sharingEnabled = true;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Loads each weight once through pdfkit and keeps pdfkit's font class and the parsed fontkit fonts. */
function loadShared(): SharedFonts | false {
  const files = fontBuffers();
  const probe = new PDFDocument({ autoFirstPage: false, ...NO_DEFAULT_FONT });
  const internals = probe as unknown as DocumentInternals;
  if (!isObject(internals._fontFamilies) || typeof internals._fontCount !== 'number') return false;
  let construct: EmbeddedFontConstructor | null = null;
  const parsed: Partial<Record<FontWeight, object>> = {};
  for (const weight of FONT_WEIGHTS) {
    probe.font(files[weight]);
    const embedded = internals._font;
    if (!isObject(embedded) || !isObject(embedded.font)) return false;
    const font = embedded.font;
    if (typeof font.createSubset !== 'function' || typeof font.postscriptName !== 'string') return false;
    const ctor: unknown = embedded.constructor;
    if (typeof ctor !== 'function') return false;
    construct = ctor as EmbeddedFontConstructor;
    parsed[weight] = font;
  }
  const { regular, bold } = parsed;
  if (!construct || !regular || !bold) return false;
  const cache = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;
  return { construct, parsed: { regular, bold }, layoutCaches: { regular: cache(), bold: cache() } };
}

/** For tests: turn the shared parsed fonts off (every document registers the font files itself). */
export function setFontSharing(enabled: boolean): void {
  sharingEnabled = enabled;
}

/** Makes the three weights available in `doc` under FONT_NAME. */
export function installFonts(doc: PDFKit.PDFDocument): void {
  if (sharingEnabled && shared === null) shared = loadShared();
  const internals = doc as unknown as DocumentInternals;
  const families = internals._fontFamilies;
  if (sharingEnabled && shared && isObject(families) && typeof internals._fontCount === 'number') {
    for (const weight of FONT_WEIGHTS) {
      internals._fontCount += 1;
      const font = new shared.construct(doc, shared.parsed[weight], `F${internals._fontCount}`) as { layoutCache?: unknown };
      if (isObject(font.layoutCache)) {
        if (Object.keys(shared.layoutCaches[weight]).length > LAYOUT_CACHE_LIMIT) {
          shared.layoutCaches[weight] = Object.create(null) as Record<string, unknown>;
        }
        font.layoutCache = shared.layoutCaches[weight];
      }
      families[FONT_NAME[weight]] = font;
    }
    return;
  }
  const files = fontBuffers();
  for (const weight of FONT_WEIGHTS) doc.registerFont(FONT_NAME[weight], files[weight]);
}

/** Reads and parses the fonts now (e.g. at server start) so the first report is not slower. */
export function preloadReportFonts(): void {
  fontBuffers();
  if (sharingEnabled && shared === null) shared = loadShared();
}

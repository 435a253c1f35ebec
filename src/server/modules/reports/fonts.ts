/**
 * The report fonts: Noto Sans Hans from `@embedpdf/fonts-sc`, so no system font is needed. A font file
 * (about 8 MB) is read once per process, on first use. Parsing such a font is slow, so the parsed font
 * objects are shared by all documents as well: each document still gets its own subset (pdfkit embeds only
 * the glyphs that document uses); only the read-only parsed tables and the shaped-word cache are shared.
 *
 * Sharing relies on two pdfkit 0.17 internals (`_fontFamilies`, `_fontCount`, checked at run time); when
 * they are missing (another pdfkit), every document falls back to pdfkit's public `registerFont`, which is
 * slower but produces the same output.
 *
 * Every embedded font also costs a subset per document — 40–60 ms of CPU for these CID fonts, nearly all of
 * it spent re-encoding the 22,000 subroutines of the ideograph font dictionary, whatever the number of
 * glyphs. So by default bold is synthetic: the Regular font drawn with fill plus a thin outline of the same
 * colour (text rendering mode 2), which halves the rendering time and the file size. `setBoldMode('font')`
 * embeds the real Bold instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

export type FontWeight = 'regular' | 'bold';
export type BoldMode = 'synthetic' | 'font';

const FILES: Record<FontWeight, string> = {
  regular: 'NotoSansHans-Regular.otf',
  bold: 'NotoSansHans-Bold.otf',
};

/** The name a weight is registered under in each document. */
export const FONT_NAME: Record<FontWeight, string> = { regular: 'ZsRegular', bold: 'ZsBold' };

/** Outline width of synthetic bold, as a share of the font size. */
export const SYNTHETIC_BOLD_STROKE = 0.035;

/** pdfkit options that skip loading its default Helvetica (parsing its metrics costs a few ms per document). */
export const NO_DEFAULT_FONT = { font: '' } as const;

let boldMode: BoldMode = 'synthetic';
let sharingEnabled = true;

export function setBoldMode(mode: BoldMode): void {
  boldMode = mode;
}

export function getBoldMode(): BoldMode {
  return boldMode;
}

/** For tests: turn the shared parsed fonts off (every document registers the font files itself). */
export function setFontSharing(enabled: boolean): void {
  sharingEnabled = enabled;
}

/** The weights a document embeds in the current bold mode. */
function weightsInUse(): FontWeight[] {
  return boldMode === 'font' ? ['regular', 'bold'] : ['regular'];
}

/** The registered font name to draw `weight` with in the current bold mode. */
export function fontNameFor(weight: FontWeight): string {
  return weight === 'bold' && boldMode === 'font' ? FONT_NAME.bold : FONT_NAME.regular;
}

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

const buffers = new Map<FontWeight, Buffer>();

/** A font file, read on first use and kept for the life of the process. */
export function fontBuffer(weight: FontWeight): Buffer {
  let buffer = buffers.get(weight);
  if (!buffer) {
    buffer = readFileSync(path.join(fontDirectory(), FILES[weight]));
    buffers.set(weight, buffer);
  }
  return buffer;
}

// ---------------------------------------------------------------------------------------------------------
// Shared parsed fonts (pdfkit internals, checked at run time).

type EmbeddedFontConstructor = new (doc: PDFKit.PDFDocument, font: object, id: string) => object;

interface DocumentInternals {
  _font?: unknown;
  _fontFamilies?: unknown;
  _fontCount?: unknown;
}

interface SharedFont {
  construct: EmbeddedFontConstructor;
  /** The parsed (fontkit) font. */
  parsed: object;
  /**
   * pdfkit caches the shaped glyph run of each word per font object; the runs depend only on the parsed
   * font, so documents share one cache per weight (dropped when it grows large).
   */
  layoutCache: Record<string, unknown>;
}

const LAYOUT_CACHE_LIMIT = 20_000;

/** Per weight: the shared font, or false when pdfkit's internals are not as expected. */
const shared = new Map<FontWeight, SharedFont | false>();

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const emptyCache = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;

/** Loads a weight once through pdfkit and keeps pdfkit's font class and the parsed font. */
function loadShared(weight: FontWeight): SharedFont | false {
  const probe = new PDFDocument({ autoFirstPage: false, ...NO_DEFAULT_FONT });
  const internals = probe as unknown as DocumentInternals;
  if (!isObject(internals._fontFamilies) || typeof internals._fontCount !== 'number') return false;
  probe.font(fontBuffer(weight));
  const embedded = internals._font;
  if (!isObject(embedded) || !isObject(embedded.font)) return false;
  const font = embedded.font;
  if (typeof font.createSubset !== 'function' || typeof font.postscriptName !== 'string') return false;
  const construct: unknown = embedded.constructor;
  if (typeof construct !== 'function') return false;
  return { construct: construct as EmbeddedFontConstructor, parsed: font, layoutCache: emptyCache() };
}

function sharedFont(weight: FontWeight): SharedFont | false {
  let font = shared.get(weight);
  if (font === undefined) {
    font = loadShared(weight);
    shared.set(weight, font);
  }
  return font;
}

/** Makes the weights of the current bold mode available in `doc` under FONT_NAME. */
export function installFonts(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as DocumentInternals;
  for (const weight of weightsInUse()) {
    const font = sharingEnabled ? sharedFont(weight) : false;
    const families = internals._fontFamilies;
    if (font && isObject(families) && typeof internals._fontCount === 'number') {
      internals._fontCount += 1;
      const embedded = new font.construct(doc, font.parsed, `F${internals._fontCount}`) as { layoutCache?: unknown };
      if (isObject(embedded.layoutCache)) {
        if (Object.keys(font.layoutCache).length > LAYOUT_CACHE_LIMIT) font.layoutCache = emptyCache();
        embedded.layoutCache = font.layoutCache;
      }
      families[FONT_NAME[weight]] = embedded;
    } else {
      doc.registerFont(FONT_NAME[weight], fontBuffer(weight));
    }
  }
}

/** Reads and parses the fonts now (e.g. at server start) so that the first report is not slower. */
export function preloadReportFonts(): void {
  for (const weight of weightsInUse()) {
    fontBuffer(weight);
    if (sharingEnabled) sharedFont(weight);
  }
}

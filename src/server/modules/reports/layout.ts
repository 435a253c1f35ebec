/**
 * A small layout layer over pdfkit: colours, text styles, a vertical cursor with explicit page breaks
 * (nothing is left to pdfkit's automatic breaking), section headings and ruled tables whose rows are
 * never split across pages.
 */
import type { Locale, Text } from '../../../core/text';
import { SYNTHETIC_BOLD_STROKE, fontNameFor, getBoldMode, type FontWeight } from './fonts';
import { LABELS, type LabelKey } from './labels';

/** One colour per meaning. */
export const COLORS = {
  text: '#1F2937',
  muted: '#5B6472',
  faint: '#9AA3AF',
  rule: '#D5DAE1',
  ruleStrong: '#4B5563',
  band: '#F3F6FA',
  /** Neutral: the platform, the current assessment, headings. */
  primary: '#1F4E8C',
  primaryLight: '#DCE6F2',
  /** Passed / met / improved. */
  pass: '#2E7D32',
  passLight: '#EAF5EA',
  /** Failed / unmet / declined. */
  fail: '#C62828',
  failLight: '#FCEBEA',
  /** The earlier assessment in comparisons. */
  before: '#A3AAB5',
  /** Constraint scenes. */
  constraint: '#B45309',
} as const;

export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  size?: number;
  weight?: FontWeight;
  color?: string;
  align?: Align;
  /** Line height as a multiple of the font size (default 1.35). */
  leading?: number;
}

/** The font's own line height (ascent + descent + line gap) is 1.5 × the size. */
const FONT_LINE = 1.5;
const DEFAULT_LEADING = 1.35;
const MARK_WIDTH = 12;

export const PAGE = {
  width: 595.28,
  height: 841.89,
  left: 50,
  right: 50,
  top: 58,
  /** Space kept free at the bottom for the footer. */
  bottom: 62,
} as const;

export interface Column {
  header: string;
  width: number;
  align?: Align;
}

export interface Cell {
  text: string;
  weight?: FontWeight;
  color?: string;
  size?: number;
  align?: Align;
  /** A coloured mark before the text (e.g. ★ for constraint scenes). */
  mark?: { text: string; color: string };
  /** Extra drawing inside the cell (e.g. a bar), after the text; gets the cell's inner box. */
  draw?: (x: number, y: number, width: number, height: number) => void;
}

export type TableRow = { cells: (Cell | string)[]; fill?: string } | { group: string };

export interface TableOptions {
  size?: number;
  /** Left edge (default: the left margin). */
  x?: number;
}

export class Layout {
  readonly left: number = PAGE.left;
  readonly width: number = PAGE.width - PAGE.left - PAGE.right;
  readonly right: number = PAGE.width - PAGE.right;
  readonly top: number = PAGE.top;
  readonly bottom: number = PAGE.height - PAGE.bottom;
  y: number = PAGE.top;
  private sectionCount = 0;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly locale: Locale,
  ) {}

  /** A bilingual text in the report's locale. */
  t(text: Text): string {
    return this.locale === 'en' ? text.en : text.zh;
  }

  l(key: LabelKey): string {
    return this.t(LABELS[key]);
  }

  private apply(style: TextStyle): { size: number; lineGap: number; align: Align } {
    const size = style.size ?? 9.5;
    this.doc
      .font(fontNameFor(style.weight ?? 'regular'))
      .fontSize(size)
      .fillColor(style.color ?? COLORS.text);
    return { size, lineGap: ((style.leading ?? DEFAULT_LEADING) - FONT_LINE) * size, align: style.align ?? 'left' };
  }

  /** pdfkit's text(), with synthetic bold (fill + outline) when bold has no font of its own. */
  private draw(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions, style: TextStyle, size: number): void {
    if (style.weight !== 'bold' || getBoldMode() !== 'synthetic') {
      this.doc.text(text, x, y, options);
      return;
    }
    this.doc
      .save()
      .lineWidth(size * SYNTHETIC_BOLD_STROKE)
      .lineJoin('round')
      .strokeColor(style.color ?? COLORS.text);
    this.doc.text(text, x, y, { ...options, fill: true, stroke: true });
    this.doc.restore();
  }

  /** Height of `text` wrapped to `width`. */
  measure(text: string, width: number, style: TextStyle = {}): number {
    if (text === '') return 0;
    const { lineGap } = this.apply(style);
    return this.doc.heightOfString(text, { width, lineGap });
  }

  widthOf(text: string, style: TextStyle = {}): number {
    this.apply(style);
    return this.doc.widthOfString(text);
  }

  /** Draws `text` wrapped to `width` with its top at `y`; returns the height used. */
  textAt(text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
    if (text === '') return 0;
    const { lineGap, align, size } = this.apply(style);
    const height = this.doc.heightOfString(text, { width, lineGap });
    this.draw(text, x, y, { width, lineGap, align }, style, size);
    return height;
  }

  /** One line, no wrapping (for short labels whose width is known). */
  lineAt(text: string, x: number, y: number, style: TextStyle = {}, width?: number): void {
    const { align, size } = this.apply(style);
    this.draw(text, x, y, { lineBreak: false, align, ...(width === undefined ? {} : { width }) }, style, size);
  }

  /** `text` cut (with "…") to fit one line of `width`. */
  fitLine(text: string, width: number, style: TextStyle = {}): string {
    if (this.widthOf(text, style) <= width) return text;
    const chars = Array.from(text);
    let low = 0;
    let high = chars.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.widthOf(`${chars.slice(0, mid).join('')}…`, style) <= width) low = mid;
      else high = mid - 1;
    }
    return `${chars.slice(0, low).join('')}…`;
  }

  /** Line height of one line at `size`. */
  lineHeight(size = 9.5, leading = DEFAULT_LEADING): number {
    return size * leading;
  }

  remaining(): number {
    return this.bottom - this.y;
  }

  addPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  /** Starts a new page unless `height` fits below the cursor; returns whether a page was added. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom || this.y <= this.top) return false;
    this.addPage();
    return true;
  }

  gap(height: number): void {
    this.y = Math.min(this.y + height, this.bottom);
  }

  /** A paragraph across the content width (moved to the next page as a whole when it does not fit). */
  paragraph(text: string, style: TextStyle = {}, x = this.left, width = this.width): void {
    const height = this.measure(text, width, style);
    this.ensure(height);
    this.y += this.textAt(text, x, this.y, width, style);
  }

  /** A numbered section heading with a rule; kept with at least `keep` points of what follows. */
  heading(text: string, keep = 90): void {
    this.sectionCount += 1;
    const height = 26;
    if (this.y > this.top) this.gap(14);
    this.ensure(height + keep);
    const { doc } = this;
    this.lineAt(`${this.sectionCount}`, this.left, this.y, { size: 12.5, weight: 'bold', color: COLORS.primary });
    this.lineAt(text, this.left + 18, this.y, { size: 12.5, weight: 'bold', color: COLORS.primary });
    const ruleY = this.y + 20;
    doc.save().moveTo(this.left, ruleY).lineTo(this.right, ruleY).lineWidth(1).strokeColor(COLORS.primary).stroke().restore();
    this.y += height + 4;
  }

  subheading(text: string, keep = 60): void {
    const height = this.lineHeight(10.5) + 4;
    this.ensure(height + keep);
    this.lineAt(text, this.left, this.y, { size: 10.5, weight: 'bold', color: COLORS.text });
    this.y += height;
  }

  hline(y: number, color: string = COLORS.rule, width = 0.5, x1 = this.left, x2 = this.right): void {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore();
  }

  rect(x: number, y: number, w: number, h: number, fill: string, stroke?: string): void {
    const { doc } = this;
    doc.save().rect(x, y, w, h);
    if (stroke) doc.lineWidth(0.8).fillAndStroke(fill, stroke);
    else doc.fill(fill);
    doc.restore();
  }

  /**
   * A ruled table across the content width. Cells wrap; a row is never split (it moves to the next page,
   * which repeats the header). Group rows span all columns.
   */
  table(columns: readonly Column[], rows: readonly TableRow[], options: TableOptions = {}): void {
    const size = options.size ?? 8.8;
    const x0 = options.x ?? this.left;
    const totalWidth = columns.reduce((sum, column) => sum + column.width, 0);
    const padX = 4;
    const padY = 3.5;
    const headerStyle: TextStyle = { size: size - 0.5, weight: 'regular', color: COLORS.muted };
    const headerHeight =
      Math.max(...columns.map((column) => this.measure(column.header, column.width - 2 * padX, headerStyle))) + 2 * padY;

    const drawHeader = (): void => {
      let x = x0;
      for (const column of columns) {
        this.textAt(column.header, x + padX, this.y + padY, column.width - 2 * padX, { ...headerStyle, align: column.align ?? 'left' });
        x += column.width;
      }
      this.y += headerHeight;
      this.hline(this.y, COLORS.ruleStrong, 0.8, x0, x0 + totalWidth);
    };

    const cellOf = (cell: Cell | string): Cell => (typeof cell === 'string' ? { text: cell } : cell);
    const rowHeight = (row: TableRow): number => {
      if ('group' in row) return this.measure(row.group, totalWidth - 2 * padX, { size, weight: 'bold' }) + 2 * padY;
      let height = 0;
      row.cells.forEach((raw, i) => {
        const cell = cellOf(raw);
        const width = (columns[i]?.width ?? 0) - 2 * padX - (cell.mark ? MARK_WIDTH : 0);
        height = Math.max(height, this.measure(cell.text, width, { size: cell.size ?? size, weight: cell.weight ?? 'regular' }));
      });
      return height + 2 * padY;
    };

    const first = rows[0];
    this.ensure(headerHeight + (first ? rowHeight(first) : 0));
    drawHeader();
    for (const row of rows) {
      const height = rowHeight(row);
      if (this.ensure(height)) drawHeader();
      if ('group' in row) {
        this.rect(x0, this.y, totalWidth, height, COLORS.band);
        this.textAt(row.group, x0 + padX, this.y + padY, totalWidth - 2 * padX, { size, weight: 'bold', color: COLORS.primary });
      } else {
        if (row.fill) this.rect(x0, this.y, totalWidth, height, row.fill);
        let x = x0;
        row.cells.forEach((raw, i) => {
          const cell = cellOf(raw);
          const column = columns[i];
          if (!column) return;
          const markW = cell.mark ? MARK_WIDTH : 0;
          if (cell.mark) this.lineAt(cell.mark.text, x + padX, this.y + padY, { size: cell.size ?? size, color: cell.mark.color });
          this.textAt(cell.text, x + padX + markW, this.y + padY, column.width - 2 * padX - markW, {
            size: cell.size ?? size,
            weight: cell.weight ?? 'regular',
            color: cell.color ?? COLORS.text,
            align: cell.align ?? column.align ?? 'left',
          });
          cell.draw?.(x + padX, this.y + padY, column.width - 2 * padX, height - 2 * padY);
          x += column.width;
        });
      }
      this.y += height;
      this.hline(this.y, COLORS.rule, 0.5, x0, x0 + totalWidth);
    }
  }
}

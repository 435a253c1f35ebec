import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLORS, TAG_TEXT_SHADES, THEME } from './theme';

/** WCAG 2.x relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const v = Number.parseInt(c ?? '0', 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const WHITE = '#ffffff';
/** The greys text sits on: antd Layout, the page, table headers, hovered rows / dividers. */
const GREYS = ['#f5f5f5', COLORS.pageBg, '#fafafa', '#f0f0f0'];
/** The light backgrounds of antd's status tags and alerts (colour 1 of each palette). */
const TAG_BACKGROUNDS = { success: '#f6ffed', warning: '#fffbe6', error: '#fff2f0', info: '#e6f4ff' };

describe('theme colours meet WCAG 2.1 AA (4.5:1 for text)', () => {
  it.each([
    ['text', COLORS.text],
    ['secondary text', COLORS.textSecondary],
    ['tertiary text', COLORS.textTertiary],
    ['link / primary', COLORS.primary],
    ['link hover', COLORS.primaryHover],
    ['success text', COLORS.successText],
    ['warning text', COLORS.warningText],
    ['error text', COLORS.errorText],
  ])('%s on white and on the page greys', (_name, colour) => {
    for (const bg of [WHITE, ...GREYS]) expect(contrast(colour, bg), `${colour} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it('placeholders on white and on table-header grey', () => {
    for (const bg of [WHITE, '#fafafa']) expect(contrast(COLORS.textPlaceholder, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('white on the primary, hover and brand colours (buttons, the portal header)', () => {
    for (const bg of [COLORS.primary, COLORS.primaryHover, COLORS.primaryActive, COLORS.brand]) expect(contrast(WHITE, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('status tag text on the tag backgrounds', () => {
    expect(contrast(COLORS.successText, TAG_BACKGROUNDS.success)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(COLORS.warningText, TAG_BACKGROUNDS.warning)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(COLORS.errorText, TAG_BACKGROUNDS.error)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(COLORS.primary, TAG_BACKGROUNDS.info)).toBeGreaterThanOrEqual(4.5);
  });

  it('the darker preset tag shades on their light backgrounds', () => {
    const light: Record<keyof typeof TAG_TEXT_SHADES, string> = { green7: '#f6ffed', cyan7: '#e6fffb', volcano7: '#fff2e8', orange7: '#fff7e6', gold7: '#fffbe6', lime7: '#fcffe6', yellow7: '#feffe6' };
    for (const [key, shade] of Object.entries(TAG_TEXT_SHADES)) expect(contrast(shade, light[key as keyof typeof light]), key).toBeGreaterThanOrEqual(4.5);
  });

  it('a failing pair fails (the check can fail): antd grey #8c8c8c on white is 3.36:1', () => {
    expect(contrast('#8c8c8c', WHITE)).toBeCloseTo(3.36, 2);
  });
});

describe('one set of colours', () => {
  it('antd is themed with them', () => {
    expect(THEME.token).toMatchObject({
      colorPrimary: COLORS.primary,
      colorLink: COLORS.primary,
      colorInfo: COLORS.primary,
      colorTextSecondary: COLORS.textSecondary,
      colorTextTertiary: COLORS.textTertiary,
      colorTextDescription: COLORS.textTertiary,
      colorTextPlaceholder: COLORS.textPlaceholder,
    });
  });

  it('styles.css declares the same values as CSS variables', () => {
    const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');
    const vars = Object.fromEntries([...css.matchAll(/--zs-([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], (m[2] ?? '').toLowerCase()]));
    expect(vars).toEqual({
      primary: COLORS.primary,
      brand: COLORS.brand,
      'text-secondary': COLORS.textSecondary,
      'text-tertiary': COLORS.textTertiary,
      'success-text': COLORS.successText,
      'error-text': COLORS.errorText,
      'page-bg': COLORS.pageBg,
    });
  });

  it.each(['./styles.css', './assessment/assessment.css'])('%s sets no text colour outside the variables except white and near-black', (file) => {
    const css = readFileSync(new URL(file, import.meta.url), 'utf8');
    const colours = [...css.matchAll(/(?:^|[\s;{])color:\s*([^;]+);/g)].map((m) => (m[1] ?? '').trim());
    const allowed = /^(var\(--zs-[a-z-]+\)|#fff|#ffffff|inherit|currentColor|rgba\(255, 255, 255, 0\.(8|9)\d?\)|rgba\(0, 0, 0, 0\.(7|8|9)\d?\))( !important)?$/;
    expect(colours.filter((c) => !allowed.test(c))).toEqual([]);
  });
});

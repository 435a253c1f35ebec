/**
 * The platform's colours, themed once (WCAG 2.1 AA): every text colour reaches 4.5:1 on the backgrounds it is
 * used on (white, the page greys #f5f5f5 / #f5f7fa, table headers #fafafa, the light tag backgrounds). antd's
 * defaults do not: grey text rgba(0,0,0,.45) is 3.36:1 on white, placeholders 1.83:1, links #1677ff 4.1:1,
 * success / warning / error text 2–3.4:1.
 *
 * The same values are CSS variables in styles.css (`--zs-*`) for the platform's own classes; theme.test.ts
 * checks that the two agree and that each pair meets its contrast.
 */
import type { ThemeConfig } from 'antd';

export const COLORS = {
  /** Links, primary buttons, the selected menu item, progress. White on it: 6.2:1. */
  primary: '#1558d6',
  primaryHover: '#0f47b3',
  primaryActive: '#0b3d91',
  /** The portal's header and brand. */
  brand: '#0b3d91',
  /** Body text (antd's rgba(0,0,0,.88) on white). */
  text: '#1f1f1f',
  /** Secondary text: 7.0:1 on white. */
  textSecondary: '#595959',
  /** Descriptions, captions, breadcrumbs, empty states: 5.7:1 on white, 5.0:1 on #f0f0f0. */
  textTertiary: '#666666',
  /** Placeholders: 4.95:1 on white, 4.7:1 on #fafafa. */
  textPlaceholder: '#707070',
  /** Status text (tags, Typography type=…, form messages). */
  successText: '#237804',
  warningText: '#ad4e00',
  errorText: '#cf1322',
  /** Page backgrounds. */
  pageBg: '#f5f7fa',
} as const;

/**
 * Preset tag colours whose antd text shade (`<colour>7`) is below 4.5:1 on the tag's own light background
 * (`<colour>1`): the first darker shade that passes. The others (blue, red, purple, magenta, geekblue) pass as
 * they are.
 */
export const TAG_TEXT_SHADES = {
  green7: '#237804',
  cyan7: '#006d75',
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  lime7: '#3f6600',
  yellow7: '#876800',
} as const;

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: COLORS.primary,
    colorPrimaryHover: COLORS.primaryHover,
    colorPrimaryActive: COLORS.primaryActive,
    colorInfo: COLORS.primary,
    colorLink: COLORS.primary,
    colorLinkHover: COLORS.primaryHover,
    colorLinkActive: COLORS.primaryActive,
    colorTextSecondary: COLORS.textSecondary,
    colorTextTertiary: COLORS.textTertiary,
    colorTextDescription: COLORS.textTertiary,
    colorTextPlaceholder: COLORS.textPlaceholder,
    colorSuccessText: COLORS.successText,
    colorWarningText: COLORS.warningText,
    colorError: COLORS.errorText,
    colorErrorText: COLORS.errorText,
    borderRadius: 6,
  },
  components: {
    // Status tags write their text in the status colour itself: the darker text shades here.
    Tag: { colorSuccess: COLORS.successText, colorWarning: COLORS.warningText, colorError: COLORS.errorText, ...TAG_TEXT_SHADES },
  },
};

/** The theme for a user who asked the system for less motion (WCAG 2.3.3): antd's transitions and animations off. */
export const THEME_REDUCED_MOTION: ThemeConfig = { ...THEME, token: { ...THEME.token, motion: false } };

/** What the catalog pages share: scene, indicator and industry names, price and state display, a product's fields. */
import { Descriptions, Flex, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogScenes, getCatalog, indexCatalog } from '../../../core/assessment';
import { INDUSTRIES } from '../../../core/identity/industries';
import { getState, PRODUCT_ENTRY_LIFECYCLE } from '../../../core/workflow';
import { formatFenAsYuan } from '../../../core/money';
import type { Text } from '../../../core/text';
import { useLang } from '../../i18n';
import { TONE_COLOR, UNKNOWN_TONE_COLOR } from '../../lib/status';
import type { ProductFields } from '../../api/catalog';

const SCENES = catalogScenes(getCatalog());
const INDICATORS = [...indexCatalog(getCatalog()).indicators.values()].map((e) => e.indicator);

export function useCatalogLabels() {
  const { tx } = useLang();
  return useMemo(() => {
    const scenes = new Map<string, Text>(SCENES.map((s) => [s.code, s.name]));
    const indicators = new Map<string, Text>(INDICATORS.map((i) => [i.code, i.name]));
    const industries = new Map<string, Text>(INDUSTRIES.map((i) => [i.code, i.name]));
    return {
      scene: (c: string) => (scenes.has(c) ? tx(scenes.get(c)) : c),
      indicator: (c: string) => (indicators.has(c) ? tx(indicators.get(c)) : c),
      industry: (c: string) => (industries.has(c) ? `${c} ${tx(industries.get(c))}` : c),
      sceneOptions: SCENES.map((s) => ({ value: s.code, label: tx(s.name) })),
      indicatorOptions: INDICATORS.map((i) => ({ value: i.code, label: tx(i.name) })),
      industryOptions: INDUSTRIES.map((i) => ({ value: i.code, label: `${i.code} ${tx(i.name)}` })),
    };
  }, [tx]);
}

/** "12,000.00 – 50,000.00 元" (two decimals), or one amount when both ends are equal. */
export function usePriceText() {
  const { t } = useTranslation();
  return (min: number | null, max: number | null): string => {
    if (min === null || max === null) return '—';
    if (min === max) return `${formatFenAsYuan(min)} ${t('catalog.yuan')}`;
    return t('catalog.priceRange', { min: formatFenAsYuan(min), max: formatFenAsYuan(max) });
  };
}

/** A product's review status as a tag with the table's label and colour. */
export function EntryStateTag({ state }: { state: string }) {
  const { tx } = useLang();
  const s = getState(PRODUCT_ENTRY_LIFECYCLE, state);
  return (
    <Tag color={s ? TONE_COLOR[s.tone] : UNKNOWN_TONE_COLOR} data-state={state} style={{ marginInlineEnd: 0 }}>
      {s ? tx(s.label) : state}
    </Tag>
  );
}

export const FIELD_LABEL_KEYS = {
  name: 'catalog.fieldName',
  nameEn: 'catalog.fieldNameEn',
  summary: 'catalog.fieldSummary',
  scenes: 'catalog.fieldScenes',
  indicators: 'catalog.fieldIndicators',
  industries: 'catalog.fieldIndustries',
  priceMinFen: 'catalog.fieldPriceMin',
  priceMaxFen: 'catalog.fieldPriceMax',
  deliveryDays: 'catalog.fieldDeliveryDays',
  description: 'catalog.fieldDescription',
  references: 'catalog.fieldReferences',
} as const satisfies Record<keyof ProductFields, string>;

/** One field's value as text (lists joined by 、, prices in 元 with two decimals). */
export function useFieldText() {
  const { t } = useTranslation();
  const labels = useCatalogLabels();
  return (field: keyof ProductFields, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('catalog.empty');
    if (Array.isArray(value)) {
      if (value.length === 0) return field === 'industries' ? t('catalog.anyIndustry') : t('catalog.empty');
      const f = field === 'scenes' ? labels.scene : field === 'indicators' ? labels.indicator : labels.industry;
      return value.map((v) => f(String(v))).join('、');
    }
    if (field === 'priceMinFen' || field === 'priceMaxFen') return typeof value === 'number' ? `${formatFenAsYuan(value)} ${t('catalog.yuan')}` : String(value);
    if (field === 'deliveryDays') return t('catalog.days', { count: Number(value) });
    return String(value);
  };
}

/** Every field of a product, as the reviewer and the provider read it. */
export function ProductDescriptions({ p }: { p: ProductFields }) {
  const { t } = useTranslation();
  const text = useFieldText();
  const labels = useCatalogLabels();
  const tags = (codes: string[], f: (c: string) => string, emptyText: string) =>
    codes.length === 0 ? (
      <Typography.Text type="secondary">{emptyText}</Typography.Text>
    ) : (
      <Flex wrap gap={4}>
        {codes.map((c) => (
          <Tag key={c}>{f(c)}</Tag>
        ))}
      </Flex>
    );
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      styles={{ label: { width: 150 } }}
      items={[
        { key: 'name', label: t('catalog.fieldName'), children: p.name },
        { key: 'nameEn', label: t('catalog.fieldNameEn'), children: text('nameEn', p.nameEn) },
        { key: 'summary', label: t('catalog.fieldSummary'), children: p.summary },
        { key: 'scenes', label: t('catalog.fieldScenes'), children: tags(p.scenes, labels.scene, t('catalog.empty')) },
        { key: 'indicators', label: t('catalog.fieldIndicators'), children: tags(p.indicators, labels.indicator, t('catalog.empty')) },
        { key: 'industries', label: t('catalog.fieldIndustries'), children: tags(p.industries, labels.industry, t('catalog.anyIndustry')) },
        { key: 'price', label: t('catalog.fieldPrice'), children: `${text('priceMinFen', p.priceMinFen)} – ${text('priceMaxFen', p.priceMaxFen)}` },
        { key: 'deliveryDays', label: t('catalog.fieldDeliveryDays'), children: text('deliveryDays', p.deliveryDays) },
        { key: 'description', label: t('catalog.fieldDescription'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span> },
        { key: 'references', label: t('catalog.fieldReferences'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{text('references', p.references)}</span> },
      ]}
    />
  );
}

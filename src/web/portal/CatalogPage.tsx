import { Card, Col, Empty, Flex, Input, Pagination, Row, Select, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePublicCatalog, useCatalogProviders, type CatalogItem, type ProviderType } from '../api/catalog';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { DownloadButtons } from './PublicMoney';
import { ErrorState } from '../components/ErrorState';
import { useSearchState } from '../lib/useSearchState';
import { useCatalogLabels, usePriceText } from '../workbench/catalog/shared';

const KEYS = ['q', 'scene', 'industry', 'priceMax', 'providerType'] as const;
/** Budget ceilings offered (万元). */
const BUDGETS_WAN = [1, 3, 5, 10, 20, 50, 100];

function ProductCard({ p }: { p: CatalogItem }) {
  const { t } = useTranslation();
  const labels = useCatalogLabels();
  const price = usePriceText();
  return (
    <Card size="small" style={{ height: '100%' }} data-testid="catalog-card" title={<Typography.Text strong style={{ whiteSpace: 'normal' }}>{p.name}</Typography.Text>}>
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">
          {p.provider.name} · {p.provider.type === 'leading_unit' ? t('catalog.providerTypeLeading') : t('catalog.providerTypeCatalog')}
        </Typography.Text>
        <Typography.Text>{p.summary}</Typography.Text>
        <Flex wrap gap={4} aria-label={t('catalog.scenes')}>
          {p.scenes.map((s) => (
            <Tag key={s} color="blue">
              {labels.scene(s)}
            </Tag>
          ))}
        </Flex>
        <div>
          <Typography.Text type="secondary">{t('catalog.price')}：</Typography.Text>
          <Typography.Text strong data-testid="catalog-price">{price(p.priceMinFen, p.priceMaxFen)}</Typography.Text>
        </div>
        <div>
          <Typography.Text type="secondary">{t('catalog.delivery')}：</Typography.Text>
          {p.deliveryDays ? t('catalog.days', { count: p.deliveryDays }) : '—'}
        </div>
        <div>
          <Typography.Text type="secondary">{t('catalog.industries')}：</Typography.Text>
          {p.industries.length === 0 ? t('catalog.anyIndustry') : p.industries.map((c) => labels.industry(c)).join('、')}
        </div>
        {p.description ? (
          <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 0 }}>
            <Typography.Text type="secondary">{t('catalog.fieldDescription')}：</Typography.Text>
            {p.description}
          </Typography.Paragraph>
        ) : null}
        {p.references ? (
          <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>
            <Typography.Text type="secondary">{t('catalog.cases')}：</Typography.Text>
            {p.references}
          </Typography.Paragraph>
        ) : null}
      </Flex>
    </Card>
  );
}

/** 服务商及产品目录 (public): approved products of active providers, by scene, industry, budget and provider type. */
export function CatalogPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('catalog.publicTitle'));
  const labels = useCatalogLabels();
  const s = useSearchState(KEYS, { pageSize: 12 });
  const priceMaxWan = Number(s.values.priceMax);
  const priceMax = Number.isFinite(priceMaxWan) && priceMaxWan > 0 ? priceMaxWan * 1_000_000 : undefined;
  const providerType = s.values.providerType === 'leading_unit' || s.values.providerType === 'catalog_provider' ? (s.values.providerType as ProviderType) : undefined;
  const q = usePublicCatalog({ page: s.page, pageSize: Math.min(s.pageSize, 50), q: s.values.q, scene: s.values.scene, industry: s.values.industry, priceMax, providerType });
  const providers = useCatalogProviders();
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('catalog.publicTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('catalog.publicIntro')}
          {providers.data ? ` ${t('catalog.providersCount', { count: providers.data.items.length })}` : ''}
        </Typography.Paragraph>
      </div>
      <DownloadButtons dataset="catalog" />
      <Card size="small">
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12} xl={8}>
            <Input.Search
              allowClear
              defaultValue={s.values.q}
              key={s.values.q ?? ''}
              placeholder={t('catalog.searchPlaceholder')}
              aria-label={t('catalog.searchPlaceholder')}
              onSearch={(v) => s.set({ q: v.trim() })}
              enterButton={t('common.search')}
              data-testid="catalog-search"
            />
          </Col>
          <Col xs={24} sm={12} md={12} xl={4}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              placeholder={t('catalog.allScenes')}
              aria-label={t('catalog.sceneFilter')}
              value={s.values.scene}
              onChange={(v: string | undefined) => s.set({ scene: v })}
              options={labels.sceneOptions}
            />
          </Col>
          <Col xs={24} sm={12} md={8} xl={4}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              placeholder={t('catalog.allIndustries')}
              aria-label={t('catalog.industryFilter')}
              value={s.values.industry}
              onChange={(v: string | undefined) => s.set({ industry: v })}
              options={labels.industryOptions}
            />
          </Col>
          <Col xs={12} sm={12} md={8} xl={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('catalog.anyPrice')}
              aria-label={t('catalog.priceFilter')}
              value={s.values.priceMax}
              onChange={(v: string | undefined) => s.set({ priceMax: v })}
              options={BUDGETS_WAN.map((w) => ({ value: String(w), label: t('catalog.priceUpTo', { amount: w }) }))}
            />
          </Col>
          <Col xs={12} sm={12} md={8} xl={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('catalog.allProviders')}
              aria-label={t('catalog.providerTypeFilter')}
              value={providerType}
              onChange={(v: string | undefined) => s.set({ providerType: v })}
              options={[
                { value: 'leading_unit', label: t('catalog.providerTypeLeading') },
                { value: 'catalog_provider', label: t('catalog.providerTypeCatalog') },
              ]}
            />
          </Col>
        </Row>
      </Card>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isLoading ? (
        <Spin />
      ) : (
        <>
          <Typography.Text type="secondary" data-testid="catalog-total">
            {t('catalog.resultCount', { count: q.data?.total ?? 0 })}
          </Typography.Text>
          {(q.data?.items.length ?? 0) === 0 ? (
            <Empty description={t('catalog.noResults')} />
          ) : (
            <Row gutter={[16, 16]}>
              {q.data?.items.map((p) => (
                <Col key={p.id} xs={24} md={12} xl={8}>
                  <ProductCard p={p} />
                </Col>
              ))}
            </Row>
          )}
          <Flex justify="center">
            <Pagination
              current={s.page}
              pageSize={s.pageSize}
              total={q.data?.total ?? 0}
              showSizeChanger={false}
              hideOnSinglePage
              onChange={(page) => s.set({ page })}
              size="small"
            />
          </Flex>
        </>
      )}
    </Flex>
  );
}

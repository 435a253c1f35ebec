import { Alert, App as AntApp, Button, Card, Col, Drawer, Empty, Flex, Form, Grid, Input, InputNumber, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseYuanToFen } from '../../../core/money';
import { ApiError } from '../../api/client';
import { useMyProducts, useProductAction, useSaveProduct, type MyProduct, type ProductInput, type ProductStatus } from '../../api/catalog';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useLang } from '../../i18n';
import { applyFieldErrors } from '../../lib/formErrors';
import { fenToYuanInput } from '../../lib/money';
import { formatDateTime } from '../../lib/format';
import { EntryStateTag, ProductDescriptions, useCatalogLabels, usePriceText } from './shared';

interface ProductForm {
  name: string;
  nameEn?: string;
  summary: string;
  scenes: string[];
  indicators?: string[];
  industries?: string[];
  priceMin: string;
  priceMax: string;
  deliveryDays: number | null;
  description: string;
  references?: string;
}
const FIELDS = ['name', 'nameEn', 'summary', 'scenes', 'indicators', 'industries', 'priceMin', 'priceMax', 'deliveryDays', 'description', 'references'] as const;
const MAP = { priceMinFen: 'priceMin', priceMaxFen: 'priceMax' };

const NEXT = {
  draft: 'catalog.nextDraft',
  underReview: 'catalog.nextUnderReview',
  returned: 'catalog.nextReturned',
  approved: 'catalog.nextApproved',
  rejected: 'catalog.nextRejected',
  withdrawn: 'catalog.nextWithdrawn',
} as const satisfies Record<ProductStatus, string>;

function initialValues(p: MyProduct | null): Partial<ProductForm> {
  if (!p) return { scenes: [], indicators: [], industries: [], deliveryDays: null };
  return {
    name: p.name,
    nameEn: p.nameEn,
    summary: p.summary,
    scenes: p.scenes,
    indicators: p.indicators,
    industries: p.industries,
    priceMin: fenToYuanInput(p.priceMinFen),
    priceMax: fenToYuanInput(p.priceMaxFen),
    deliveryDays: p.deliveryDays,
    description: p.description,
    references: p.references,
  };
}

function ProductDrawer({ product, open, onClose }: { product: MyProduct | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = AntApp.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<ProductForm>();
  const save = useSaveProduct();
  const labels = useCatalogLabels();
  const [error, setError] = useState<string | null>(null);
  const yuanRule = (field: string) => ({
    required: true,
    validator: async (_r: unknown, v: string | undefined) => {
      if (v === undefined || v.trim() === '') throw new Error(t('catalog.required', { field }));
      const r = parseYuanToFen(v);
      if (!r.ok) throw new Error(tx(r.message));
    },
  });
  const onFinish = (v: ProductForm) => {
    setError(null);
    const min = parseYuanToFen(v.priceMin);
    const max = parseYuanToFen(v.priceMax);
    if (!min.ok || !max.ok) return;
    const body: ProductInput = {
      name: v.name,
      nameEn: v.nameEn ?? '',
      summary: v.summary,
      scenes: v.scenes,
      indicators: v.indicators ?? [],
      industries: v.industries ?? [],
      priceMinFen: min.fen,
      priceMaxFen: max.fen,
      deliveryDays: v.deliveryDays ?? 0,
      description: v.description,
      references: v.references ?? '',
    };
    save.mutate(
      { id: product?.id ?? null, body },
      {
        onSuccess: () => {
          void message.success(t('catalog.saved'));
          onClose();
        },
        onError: (e) => {
          const rest = applyFieldErrors(form, e, { fields: FIELDS, map: MAP });
          if (e instanceof ApiError) {
            if (e.fields.length === 0 || rest.length > 0) setError([e.message, ...rest].join('；'));
          } else setError(t('errors.unknown'));
        },
      },
    );
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={product ? t('catalog.editProduct') : t('catalog.newProduct')}
      size={screens.md ? 720 : '100%'}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('catalog.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="product-save">
            {t('catalog.save')}
          </Button>
        </Space>
      }
    >
      {product?.status === 'approved' ? <Alert type="warning" showIcon title={t('catalog.editApprovedWarning')} style={{ marginBottom: 16 }} /> : null}
      {product?.returnReason ? <Alert type="warning" showIcon title={t('catalog.returnReason', { reason: product.returnReason })} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<ProductForm> form={form} layout="vertical" initialValues={initialValues(product)} onFinish={onFinish} disabled={save.isPending} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('catalog.fieldName')} rules={[{ required: true, whitespace: true, min: 2, message: t('catalog.required', { field: t('catalog.fieldName') }) }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('catalog.fieldNameEn')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="summary" label={t('catalog.fieldSummary')} rules={[{ required: true, whitespace: true, min: 5, message: t('catalog.required', { field: t('catalog.fieldSummary') }) }]}>
          <Input.TextArea maxLength={300} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="scenes" label={t('catalog.fieldScenes')} rules={[{ required: true, type: 'array', min: 1, message: t('catalog.required', { field: t('catalog.fieldScenes') }) }]}>
          <Select mode="multiple" options={labels.sceneOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="product-scenes" />
        </Form.Item>
        <Form.Item name="indicators" label={t('catalog.fieldIndicators')}>
          <Select mode="multiple" options={labels.indicatorOptions} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="industries" label={t('catalog.fieldIndustries')}>
          <Select mode="multiple" options={labels.industryOptions} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} md={8}>
            <Form.Item name="priceMin" label={t('catalog.fieldPriceMin')} rules={[yuanRule(t('catalog.fieldPriceMin'))]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="priceMax"
              label={t('catalog.fieldPriceMax')}
              dependencies={['priceMin']}
              rules={[
                yuanRule(t('catalog.fieldPriceMax')),
                ({ getFieldValue }) => ({
                  validator: async (_r, v: string | undefined) => {
                    const a = parseYuanToFen(String(getFieldValue('priceMin') ?? ''));
                    const b = parseYuanToFen(v ?? '');
                    if (a.ok && b.ok && a.fen > b.fen) throw new Error(tx({ zh: '最高价格不能低于最低价格', en: 'The highest price cannot be below the lowest price' }));
                  },
                }),
              ]}
            >
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="deliveryDays" label={t('catalog.fieldDeliveryDays')} rules={[{ required: true, message: t('catalog.required', { field: t('catalog.fieldDeliveryDays') }) }]}>
              <InputNumber min={1} max={730} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('catalog.fieldDescription')} extra={t('catalog.fieldDescriptionHelp')} rules={[{ required: true, whitespace: true, min: 10, message: t('catalog.required', { field: t('catalog.fieldDescription') }) }]}>
          <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="references" label={t('catalog.fieldReferences')}>
          <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function ProductCard({ p, onEdit }: { p: MyProduct; onEdit: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message, modal } = AntApp.useApp();
  const act = useProductAction();
  const price = usePriceText();
  const labels = useCatalogLabels();
  const [open, setOpen] = useState(false);
  const run = (event: 'submit' | 'withdraw') =>
    act.mutate(
      { id: p.id, event },
      {
        onSuccess: () => void message.success(event === 'submit' ? t('catalog.submitted') : t('catalog.withdrawn')),
        onError: (e) => void message.error(e instanceof ApiError ? e.message : t('errors.unknown')),
      },
    );
  return (
    <Card
      size="small"
      data-testid="my-product"
      title={
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong ellipsis={{ tooltip: p.name }} style={{ maxWidth: '100%' }}>
            {p.name}
          </Typography.Text>
          <EntryStateTag state={p.status} />
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text>{p.summary}</Typography.Text>
        <Flex wrap gap={4}>
          {p.scenes.map((s) => (
            <Tag key={s}>{labels.scene(s)}</Tag>
          ))}
        </Flex>
        <Typography.Text type="secondary">
          {price(p.priceMinFen, p.priceMaxFen)} · {p.deliveryDays ? t('catalog.days', { count: p.deliveryDays }) : '—'} · {t('catalog.updatedAt', { at: formatDateTime(p.updatedAt) })}
        </Typography.Text>
        {p.returnReason ? <Alert type="warning" showIcon title={t('catalog.returnReason', { reason: p.returnReason })} /> : null}
        {p.status === 'rejected' && p.decisionReason ? <Alert type="error" showIcon title={t('catalog.rejectReason', { reason: p.decisionReason })} /> : null}
        <Typography.Text type="secondary">{t(NEXT[p.status])}</Typography.Text>
        {p.status === 'underReview' ? <Typography.Text type="secondary">{t('catalog.underReviewLocked')}</Typography.Text> : null}
        <Flex gap={8} wrap>
          {p.editable ? <Button onClick={onEdit}>{t('catalog.edit')}</Button> : null}
          <Button type="link" onClick={() => setOpen(!open)}>
            {t('catalog.view')}
          </Button>
          {p.actions.map((a) => (
            <Button
              key={a.event}
              type={a.kind === 'primary' ? 'primary' : 'default'}
              danger={a.kind === 'danger'}
              disabled={!a.allowed || act.isPending}
              title={a.reasons.map((r) => tx(r)).join('；') || undefined}
              data-testid={`product-${a.event}`}
              onClick={() => {
                const event = a.event as 'submit' | 'withdraw';
                if (a.confirm) modal.confirm({ title: t('catalog.confirmTitle'), content: tx(a.confirm), onOk: () => run(event) });
                else run(event);
              }}
            >
              {tx(a.label)}
            </Button>
          ))}
        </Flex>
        {p.actions.some((a) => !a.allowed) ? (
          <Typography.Text type="warning">{p.actions.flatMap((a) => a.reasons.map((r) => tx(r))).join('；')}</Typography.Text>
        ) : null}
        {open ? <ProductDescriptions p={p} /> : null}
      </Flex>
    </Card>
  );
}

/** 我的产品 (leading units / industry providers and catalog providers): maintain products and submit them for review. */
export function ProductsPage() {
  const { t } = useTranslation();
  const q = useMyProducts();
  const [editing, setEditing] = useState<MyProduct | null>(null);
  const [drawer, setDrawer] = useState(false);
  const openFor = (p: MyProduct | null) => {
    setEditing(p);
    setDrawer(true);
  };
  return (
    <>
      <PageHeader
        title={t('catalog.menuProducts')}
        subTitle={t('catalog.productsIntro')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openFor(null)} data-testid="product-new">
            {t('catalog.newProduct')}
          </Button>
        }
      />
      {q.isLoading ? (
        <Spin />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (q.data?.items.length ?? 0) === 0 ? (
        <Empty description={t('catalog.noProducts')} />
      ) : (
        <Row gutter={[16, 16]}>
          {q.data?.items.map((p) => (
            <Col key={p.id} xs={24} lg={12}>
              <ProductCard p={p} onEdit={() => openFor(p)} />
            </Col>
          ))}
        </Row>
      )}
      <ProductDrawer key={editing?.id ?? 'new'} product={editing} open={drawer} onClose={() => setDrawer(false)} />
    </>
  );
}

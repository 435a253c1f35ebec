/** Stage 3 pages: the enterprise's provider choice, the leading unit's 推荐函, the bureau's review, and the project card. */
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, InputNumber, List, Modal, Radio, Row, Select, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { ProjectDetail } from '../../api/types';
import { ApiError } from '../../api/client';
import { useProject, useTransition } from '../../api/hooks';
import {
  letterFileUrl,
  uploadLetterFile,
  useLetter,
  useLetterTransition,
  useLetters,
  useProviderChoice,
  useProviderOptions,
  useSaveLetter,
  type LetterAction,
  type LetterDetail,
  type LetterForm,
  type ProviderProduct,
} from '../../api/choice';
import { useLang } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorDetails } from '../../components/ErrorDetails';
import { catalogScenes, getCatalog } from '../../../core/assessment';
import { INDUSTRIES } from '../../../core/identity/industries';

type Route = 'leadingUnit' | 'catalog' | 'market';
const SCENES = catalogScenes(getCatalog());

function yuan(fen: number | null | undefined): string {
  return fen == null ? '—' : (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
function priceRange(p: { priceMinFen: number | null; priceMaxFen: number | null }): string {
  if (p.priceMinFen == null && p.priceMaxFen == null) return '—';
  return p.priceMinFen === p.priceMaxFen ? `¥${yuan(p.priceMinFen)}` : `¥${yuan(p.priceMinFen)} – ¥${yuan(p.priceMaxFen)}`;
}
function errorText(e: unknown, fallback: string): string {
  return e instanceof ApiError ? e.message : fallback;
}
const sceneName = (code: string, tx: (t: { zh: string; en: string }) => string) => {
  const s = SCENES.find((x) => x.code === code);
  return s ? tx(s.name) : code;
};

// ---- the enterprise's choice page ------------------------------------------------------------------------

export function ProviderChoicePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { tx } = useLang();
  const navigate = useNavigate();
  const { modal, message } = AntApp.useApp();
  const project = useProject(id);
  const [route, setRoute] = useState<Route>('catalog');
  const [q, setQ] = useState('');
  const [scene, setScene] = useState<string | undefined>();
  const [maxPrice, setMaxPrice] = useState<number | null>(null);
  const [productId, setProductId] = useState<string | null>(null);
  const [leadingUnitId, setLeadingUnitId] = useState<string | undefined>();
  const [market, setMarket] = useState({ provider: '', product: '', recommender: undefined as string | undefined });
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const filters = useMemo(() => ({ ...(q ? { q } : {}), ...(scene ? { scene } : {}), ...(maxPrice != null ? { maxPriceFen: Math.round(maxPrice * 100) } : {}) }), [q, scene, maxPrice]);
  const options = useProviderOptions(id, filters);
  const transition = useTransition(id);
  const p = project.data;
  const action = p?.actions.find((a) => a.event === 'chooseProvider');
  const products = options.data?.products ?? [];
  const units = options.data?.leadingUnits ?? [];
  const chosenProduct = products.find((x) => x.id === productId);

  const input = (): Record<string, unknown> => {
    const base = note.trim() ? { note: note.trim() } : {};
    if (route === 'leadingUnit') return { route, providerOrgId: leadingUnitId, ...base };
    if (route === 'catalog') return { route, productId, ...base };
    return { route, marketProviderName: market.provider.trim(), marketProductName: market.product.trim(), recommenderOrgId: market.recommender, ...base };
  };
  const ready = route === 'leadingUnit' ? !!leadingUnitId : route === 'catalog' ? !!productId : market.provider.trim().length >= 2 && market.product.trim().length >= 2 && !!market.recommender;

  const submit = () =>
    transition.mutateAsync({ event: 'chooseProvider', input: input() }).then(
      () => {
        void message.success(t('choice.done'));
        void navigate(`/workbench/projects/${id}`);
      },
      (e: unknown) => {
        setConfirming(false);
        modal.error({ title: errorText(e, t('errors.unknown')), content: <ErrorDetails error={e} />, okText: t('common.ok') });
      },
    );

  const summary = (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label={t('choice.route')}>{t(route === 'leadingUnit' ? 'choice.routeLeadingUnit' : route === 'catalog' ? 'choice.routeCatalog' : 'choice.routeMarket')}</Descriptions.Item>
      {route === 'leadingUnit' && <Descriptions.Item label={t('choice.provider')}>{units.find((u) => u.id === leadingUnitId)?.name}</Descriptions.Item>}
      {route === 'catalog' && chosenProduct && (
        <>
          <Descriptions.Item label={t('choice.provider')}>{chosenProduct.provider.name}</Descriptions.Item>
          <Descriptions.Item label={t('choice.product')}>{chosenProduct.name}</Descriptions.Item>
        </>
      )}
      {route === 'market' && (
        <>
          <Descriptions.Item label={t('choice.marketProvider')}>{market.provider}</Descriptions.Item>
          <Descriptions.Item label={t('choice.marketProduct')}>{market.product}</Descriptions.Item>
          <Descriptions.Item label={t('choice.recommender')}>{units.find((u) => u.id === market.recommender)?.name}</Descriptions.Item>
        </>
      )}
    </Descriptions>
  );

  return (
    <div>
      <PageHeader crumbs={[{ title: p?.title ?? '…', to: `/workbench/projects/${id}` }]} title={t('choice.pageTitle')} />
      <Alert type="info" showIcon title={t('choice.where')} description={p?.stateInfo.applicantHint ? tx(p.stateInfo.applicantHint) : undefined} style={{ marginBottom: 16 }} />
      {p && !action && (
        <Alert type="warning" showIcon title={t('choice.notNow')} action={<Link to={`/workbench/projects/${id}`}>{t('choice.backToProject')}</Link>} style={{ marginBottom: 16 }} />
      )}
      <Steps size="small" current={confirming ? 1 : 0} items={[{ title: t('choice.pageTitle') }, { title: t('choice.confirmTitle') }]} style={{ marginBottom: 16 }} />
      <Radio.Group value={route} onChange={(e) => setRoute(e.target.value as Route)} optionType="button" buttonStyle="solid" style={{ marginBottom: 16, display: 'flex', flexWrap: 'wrap' }} data-testid="choice-route">
        <Radio.Button value="leadingUnit">{t('choice.routeLeadingUnit')}</Radio.Button>
        <Radio.Button value="catalog">{t('choice.routeCatalog')}</Radio.Button>
        <Radio.Button value="market">{t('choice.routeMarket')}</Radio.Button>
      </Radio.Group>

      {route === 'leadingUnit' && (
        <Card>
          <Form layout="vertical">
            <Form.Item label={t('choice.leadingUnit')} required htmlFor="choice-leading-unit">
              <Select id="choice-leading-unit" showSearch optionFilterProp="label" placeholder={t('choice.pickLeadingUnit')} value={leadingUnitId} onChange={setLeadingUnitId} options={units.map((u) => ({ value: u.id, label: u.name }))} style={{ maxWidth: 480 }} />
            </Form.Item>
          </Form>
        </Card>
      )}

      {route === 'catalog' && (
        <Card>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={24} md={10}>
              <Input.Search allowClear placeholder={t('choice.search')} onSearch={setQ} aria-label={t('choice.search')} />
            </Col>
            <Col xs={24} md={8}>
              <Select allowClear placeholder={t('choice.scene')} aria-label={t('choice.scene')} value={scene} onChange={setScene} options={SCENES.map((s) => ({ value: s.code, label: tx(s.name) }))} style={{ width: '100%' }} />
            </Col>
            <Col xs={24} md={6}>
              <InputNumber min={0} placeholder={t('choice.maxPrice')} aria-label={t('choice.maxPrice')} value={maxPrice} onChange={(v) => setMaxPrice(v)} style={{ width: '100%' }} />
            </Col>
          </Row>
          <List<ProviderProduct>
            loading={options.isLoading}
            dataSource={products}
            locale={{ emptyText: <Empty description={t('choice.noProducts')} /> }}
            renderItem={(item) => (
              <List.Item
                data-testid="choice-product"
                actions={[
                  <Button key="c" type={item.id === productId ? 'primary' : 'default'} onClick={() => setProductId(item.id)}>
                    {item.id === productId ? t('choice.chosen') : t('choice.choose')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      {item.name}
                      {item.recommended && <Tag color="gold">{t('choice.recommended')}</Tag>}
                    </Space>
                  }
                  description={
                    <Space direction="vertical" size={2}>
                      <span>{item.provider.name}</span>
                      {item.reason && <Typography.Text type="warning">{tx(item.reason)}</Typography.Text>}
                      <span>
                        {t('choice.price')}：{priceRange(item)} · {t('choice.delivery')}：{item.deliveryDays ? t('choice.days', { n: item.deliveryDays }) : '—'}
                      </span>
                      {item.scenes.length > 0 && <span>{item.scenes.map((c) => sceneName(c, tx)).join('、')}</span>}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}

      {route === 'market' && (
        <Card>
          <Alert type="warning" showIcon title={t('choice.routeMarketHint')} style={{ marginBottom: 12 }} />
          <Form layout="vertical" style={{ maxWidth: 560 }}>
            <Form.Item label={t('choice.marketProvider')} required htmlFor="choice-market-provider">
              <Input id="choice-market-provider" value={market.provider} maxLength={100} onChange={(e) => setMarket({ ...market, provider: e.target.value })} />
            </Form.Item>
            <Form.Item label={t('choice.marketProduct')} required htmlFor="choice-market-product">
              <Input id="choice-market-product" value={market.product} maxLength={100} onChange={(e) => setMarket({ ...market, product: e.target.value })} />
            </Form.Item>
            <Form.Item label={t('choice.recommender')} required htmlFor="choice-recommender">
              <Select id="choice-recommender" showSearch optionFilterProp="label" value={market.recommender} onChange={(v) => setMarket({ ...market, recommender: v })} options={units.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          </Form>
        </Card>
      )}

      <Form layout="vertical" style={{ maxWidth: 560, marginTop: 16 }}>
        <Form.Item label={t('choice.note')} htmlFor="choice-note">
          <Input.TextArea id="choice-note" value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
      </Form>
      <Flex gap={8} wrap>
        <Button type="primary" disabled={!ready || !action?.allowed} onClick={() => setConfirming(true)} data-testid="choice-next">
          {t('choice.next')}
        </Button>
        <Link to={`/workbench/projects/${id}`}>
          <Button>{t('choice.backToProject')}</Button>
        </Link>
      </Flex>
      <Modal
        open={confirming}
        title={t('choice.confirmTitle')}
        onCancel={() => setConfirming(false)}
        onOk={() => void submit()}
        okText={t('choice.confirm')}
        cancelText={t('choice.back')}
        confirmLoading={transition.isPending}
      >
        {summary}
        <Typography.Paragraph style={{ marginTop: 12 }}>{route === 'market' ? t('choice.confirmMarket') : t('choice.confirmDirect')}</Typography.Paragraph>
      </Modal>
    </div>
  );
}

// ---- the project page's card -----------------------------------------------------------------------------

export function ProviderChoiceCard({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const show = project.stage >= 3;
  const view = useProviderChoice(project.id, show);
  if (!show || !view.data) return null;
  const { choice, letter } = view.data;
  const routeLabel = choice ? t(choice.route === 'leadingUnit' ? 'choice.routeLeadingUnit' : choice.route === 'catalog' ? 'choice.routeCatalog' : 'choice.routeMarket') : '';
  return (
    <Card title={t('choice.cardTitle')} size="small" style={{ marginBottom: 16 }} data-testid="provider-choice-card">
      {!choice ? (
        <Typography.Text type="secondary">{t('choice.cardNone')}</Typography.Text>
      ) : (
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('choice.route')}>{routeLabel}</Descriptions.Item>
          <Descriptions.Item label={t('choice.provider')}>{choice.provider?.name ?? choice.marketProviderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('choice.product')}>{choice.product?.name ?? choice.marketProductName ?? '—'}</Descriptions.Item>
          {choice.recommender && <Descriptions.Item label={t('choice.recommender')}>{choice.recommender.name}</Descriptions.Item>}
          {letter && (
            <Descriptions.Item label={t('choice.letterStatus')} span={2}>
              <Space direction="vertical" size={2}>
                <Tag>{tx(letter.stateLabel)}</Tag>
                {letter.hint && <Typography.Text type="secondary">{tx(letter.hint)}</Typography.Text>}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {project.stage >= 4 && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          title={t('choice.benefitsTitle')}
          description={
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              <li>{t('choice.benefit1')}</li>
              <li>{t('choice.benefit2')}</li>
              <li>{t('choice.benefit3')}</li>
            </ol>
          }
        />
      )}
    </Card>
  );
}

// ---- letters: lists --------------------------------------------------------------------------------------

function LetterList({ state, title, where }: { state?: string; title: string; where: string }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const [page, setPage] = useState(1);
  const list = useLetters({ ...(state ? { state } : {}), page, pageSize: 20 });
  return (
    <div>
      <PageHeader title={title} />
      <Alert type="info" showIcon title={where} style={{ marginBottom: 16 }} />
      {list.error && <Alert type="error" showIcon title={errorText(list.error, t('errors.unknown'))} style={{ marginBottom: 16 }} />}
      <Table
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty description={t('choice.empty')} /> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('choice.enterprise'), dataIndex: 'enterpriseName' },
          { title: t('choice.project'), render: (_, r) => `${r.projectTitle}${r.filingNo ? `（${r.filingNo}）` : ''}` },
          { title: t('choice.marketProvider'), render: (_, r) => `${r.marketProviderName} · ${r.marketProductName}` },
          { title: t('choice.state'), render: (_, r) => <Tag>{tx(r.stateLabel)}</Tag> },
          { title: t('choice.updatedAt'), render: (_, r) => new Date(r.updatedAt).toLocaleString() },
          { title: '', render: (_, r) => <Link to={`/workbench/letters/${r.id}`}>{t('choice.open')}</Link> },
        ]}
      />
    </div>
  );
}

export function LettersPage() {
  const { t } = useTranslation();
  return <LetterList title={t('choice.lettersTitle')} where={t('choice.lettersWhere')} />;
}

export function LetterReviewPage() {
  const { t } = useTranslation();
  return <LetterList state="underReview" title={t('choice.reviewTitle')} where={t('choice.reviewWhere')} />;
}

// ---- one letter ------------------------------------------------------------------------------------------

interface FormValues extends Omit<LetterForm, 'priceMinFen' | 'priceMaxFen'> {
  priceMin?: number | null;
  priceMax?: number | null;
}

function toForm(l: LetterForm): FormValues {
  const { priceMinFen, priceMaxFen, ...rest } = l;
  return { ...rest, priceMin: priceMinFen == null ? null : priceMinFen / 100, priceMax: priceMaxFen == null ? null : priceMaxFen / 100 };
}
function fromForm(v: FormValues): LetterForm {
  const { priceMin, priceMax, ...rest } = v;
  return { ...rest, priceMinFen: priceMin == null ? null : Math.round(priceMin * 100), priceMaxFen: priceMax == null ? null : Math.round(priceMax * 100) };
}

function LetterBody({ letter }: { letter: LetterDetail }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveLetter(letter.id);
  const fire = useLetterTransition(letter.id);
  const [reasonFor, setReasonFor] = useState<LetterAction | null>(null);
  const [reason, setReason] = useState('');
  const ro = !letter.writable;
  const qc = useQueryClient();

  const onSave = async () => {
    try {
      await save.mutateAsync(fromForm(form.getFieldsValue()));
      void message.success(t('choice.saved'));
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = ((e.details as { fields?: Array<{ path: string; message: string }> } | null)?.fields ?? []).map((f) => ({
          name: (f.path === 'priceMinFen' ? 'priceMin' : f.path === 'priceMaxFen' ? 'priceMax' : f.path.split('.')[0]) as keyof FormValues,
          errors: [f.message],
        }));
        form.setFields(fields);
      }
      modal.error({ title: errorText(e, t('errors.unknown')), content: <ErrorDetails error={e} />, okText: t('common.ok') });
    }
  };
  const run = async (a: LetterAction, why?: string) => {
    try {
      if (letter.writable) await save.mutateAsync(fromForm(form.getFieldsValue()));
      await fire.mutateAsync({ event: a.event, ...(why ? { reason: why } : {}) });
      void message.success(t('choice.actionDone', { action: tx(a.label) }));
      setReasonFor(null);
    } catch (e) {
      modal.error({ title: errorText(e, t('errors.unknown')), content: <ErrorDetails error={e} />, okText: t('common.ok') });
    }
  };
  const onAction = (a: LetterAction) => {
    if (a.needsReason) {
      setReason('');
      setReasonFor(a);
    } else if (a.confirm) modal.confirm({ title: tx(a.label), content: tx(a.confirm), onOk: () => run(a), okText: t('common.ok') });
    else void run(a);
  };

  return (
    <>
      <Alert type={letter.tone === 'returned' ? 'warning' : 'info'} showIcon title={tx(letter.stateLabel)} description={letter.hint ? tx(letter.hint) : undefined} style={{ marginBottom: 12 }} />
      {letter.returnReason && <Alert type="warning" showIcon title={t('choice.returnReason', { reason: letter.returnReason })} style={{ marginBottom: 12 }} />}
      {letter.writable && letter.missing.length > 0 && <Alert type="warning" title={t('choice.missing', { list: letter.missing.map(tx).join('、') })} style={{ marginBottom: 12 }} />}
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('choice.enterprise')}>{letter.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label={t('choice.project')}>{letter.projectTitle}</Descriptions.Item>
        <Descriptions.Item label={t('choice.recommender')}>{letter.recommenderName}</Descriptions.Item>
      </Descriptions>
      <Card title={t('choice.formTitle')} size="small" style={{ marginBottom: 12 }}>
        <Form<FormValues> form={form} layout="vertical" initialValues={toForm(letter.letter)} disabled={ro}>
          <Row gutter={12}>
            <Col xs={24} md={12}><Form.Item name="providerName" label={t('choice.providerName')} required><Input maxLength={100} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="providerUscc" label={t('choice.providerUscc')} required><Input maxLength={18} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="contactName" label={t('choice.contactName')} required><Input maxLength={50} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="contactPhone" label={t('choice.contactPhone')} required><Input maxLength={20} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="productName" label={t('choice.productName')} required><Input maxLength={100} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="deliveryDays" label={t('choice.deliveryDays')} required><InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="scenes" label={t('choice.scenes')} required><Select mode="multiple" optionFilterProp="label" options={SCENES.map((s) => ({ value: s.code, label: tx(s.name) }))} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="industries" label={t('choice.industries')}><Select mode="multiple" optionFilterProp="label" options={INDUSTRIES.map((i) => ({ value: i.code, label: tx(i.name) }))} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="priceMin" label={t('choice.priceMin')} required><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="priceMax" label={t('choice.priceMax')} required><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24}><Form.Item name="description" label={t('choice.description')} required><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
            <Col xs={24}><Form.Item name="reasons" label={t('choice.reasons')} required><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
            <Col xs={24}><Form.Item name="experience" label={t('choice.experience')} required><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
          </Row>
        </Form>
        {letter.writable && (
          <Button onClick={() => void onSave()} loading={save.isPending} data-testid="letter-save">
            {t('choice.save')}
          </Button>
        )}
      </Card>
      <Card title={t('choice.files')} size="small" style={{ marginBottom: 12 }}>
        {letter.slots.map((s) => (
          <div key={s.key} style={{ marginBottom: 12 }}>
            <Space wrap>
              <Typography.Text strong>{tx(s.label)}</Typography.Text>
              {s.required && <Tag color="red">{t('choice.required')}</Tag>}
              {s.canUpload && (
                <Upload
                  showUploadList={false}
                  accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
                  customRequest={({ file, onSuccess, onError }) => {
                    uploadLetterFile(letter.id, s.key, file as File).then(
                      () => {
                        onSuccess?.({});
                        void message.success(t('choice.uploaded'));
                        void qc.invalidateQueries({ queryKey: ['letter', letter.id] });
                      },
                      (e: unknown) => {
                        onError?.(e as Error);
                        modal.error({ title: errorText(e, t('errors.unknown')), okText: t('common.ok') });
                      },
                    );
                  }}
                >
                  <Button size="small" data-testid={`upload-${s.key}`}>{t('choice.upload')}</Button>
                </Upload>
              )}
            </Space>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {s.files.map((f) => (
                <li key={f.id}>
                  <a href={letterFileUrl(letter.id, f.id)} target="_blank" rel="noreferrer">{f.fileName}</a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </Card>
      <Flex gap={8} wrap>
        {letter.actions.map((a) => (
          <Button key={a.event} type={a.kind === 'primary' ? 'primary' : 'default'} danger={a.kind === 'danger'} disabled={!a.allowed && !letter.writable} loading={fire.isPending && fire.variables?.event === a.event} onClick={() => onAction(a)} data-event={a.event}>
            {tx(a.label)}
          </Button>
        ))}
      </Flex>
      <Modal open={reasonFor !== null} title={reasonFor ? tx(reasonFor.label) : ''} onCancel={() => setReasonFor(null)} okButtonProps={{ disabled: reason.trim() === '' }} onOk={() => reasonFor && void run(reasonFor, reason.trim())} confirmLoading={fire.isPending} okText={t('common.ok')}>
        <Form layout="vertical">
          <Form.Item label={t('choice.reasonTitle')} required help={reason.trim() === '' ? t('choice.reasonRequired') : undefined}>
            <Input.TextArea rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function LetterPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const letter = useLetter(id);
  return (
    <div>
      <PageHeader crumbs={[{ title: t('choice.lettersTitle'), to: '/workbench/letters' }]} title={t('choice.letterTitle')} />
      {letter.error && <Alert type="error" showIcon title={errorText(letter.error, t('errors.unknown'))} />}
      {letter.data && <LetterBody key={`${letter.data.id}-${letter.data.state}`} letter={letter.data} />}
    </div>
  );
}

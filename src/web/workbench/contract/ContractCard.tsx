/**
 * 项目签约 on the project page (stage ≥ 4): the editable contract form for the enterprise or its authorised
 * leading unit while contracting (parties, price lines with totals in yuan, dates, measures, targets text, save
 * draft, what submission still needs, the return reason), read-only otherwise, and the revisions with their diff.
 */
import { App as AntApp, Alert, Button, Card, Col, Collapse, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, List, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { CloseCircleTwoTone, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import type { ProjectDetail } from '../../api/types';
import { useContract, useContractRevisions, useSaveContract, type ContractFields, type ContractRevision, type ContractView, type Party, type PartyRole, type PriceLine } from '../../api/contract';
import { ErrorState } from '../../components/ErrorState';
import { formatDateTime, todayInShanghai } from '../../lib/format';
import { useLang } from '../../i18n';
import { lineAmountFen, markFieldErrors, toFen, toYuan, yuanText } from './shared';

interface LineForm {
  item: string;
  productId: string | null;
  quantity: number | null;
  unit: string;
  unitPrice: number | null;
}

interface ContractForm {
  contractNo: string;
  amount: number | null;
  amountExTax: number | null;
  signedOn: Dayjs | null;
  periodStart: Dayjs | null;
  periodEnd: Dayjs | null;
  parties: Array<{ role: PartyRole; orgId: string | null; name: string; uscc: string | null; duties: string }>;
  lines: LineForm[];
  measures: string;
  targetsText: string;
  lateReason: string;
}

const FORM_FIELDS = ['contractNo', 'amount', 'amountExTax', 'signedOn', 'periodStart', 'periodEnd', 'parties', 'lines', 'measures', 'targetsText', 'lateReason'] as const;
const RENAME = { amountFen: 'amount', amountExTaxFen: 'amountExTax', unitPriceFen: 'unitPrice' };

const day = (s: string | null) => (s ? dayjs(s) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function initialValues(c: ContractView): ContractForm {
  const parties: ContractForm['parties'] = c.parties.length
    ? c.parties.map((p) => ({ ...p }))
    : [
        { role: 'enterprise', orgId: c.enterprise.id, name: c.enterprise.name, uscc: c.enterprise.uscc, duties: '' },
        ...(c.provider ? [{ role: 'provider' as const, orgId: c.provider.id, name: c.provider.name, uscc: c.provider.uscc, duties: '' }] : []),
      ];
  return {
    contractNo: c.contractNo,
    amount: toYuan(c.amountFen),
    amountExTax: toYuan(c.amountExTaxFen),
    signedOn: day(c.signedOn),
    periodStart: day(c.periodStart),
    periodEnd: day(c.periodEnd),
    parties,
    lines: c.lines.map((l) => ({ item: l.item, productId: l.productId, quantity: l.quantity, unit: l.unit, unitPrice: toYuan(l.unitPriceFen) })),
    measures: c.measures,
    targetsText: c.targetsText,
    lateReason: c.lateReason ?? '',
  };
}

function toBody(v: ContractForm, c: ContractView): Partial<ContractFields> {
  return {
    contractNo: v.contractNo ?? '',
    amountFen: toFen(v.amount),
    amountExTaxFen: toFen(v.amountExTax),
    signedOn: iso(v.signedOn),
    periodStart: iso(v.periodStart),
    periodEnd: iso(v.periodEnd),
    parties: (v.parties ?? []).map((p) => ({
      role: p.role,
      orgId: p.role === 'provider' ? (c.provider?.id ?? null) : p.role === 'enterprise' ? c.enterprise.id : null,
      name: p.name ?? '',
      uscc: p.uscc ? p.uscc : null,
      duties: p.duties ?? '',
    })),
    lines: (v.lines ?? []).map((l) => {
      const unitPriceFen = toFen(l.unitPrice) ?? 0;
      return { item: l.item ?? '', productId: l.productId ?? null, quantity: l.quantity ?? 0, unit: l.unit ?? '', unitPriceFen, amountFen: lineAmountFen(l.quantity, unitPriceFen) };
    }),
    measures: v.measures ?? '',
    targetsText: v.targetsText ?? '',
    lateReason: v.lateReason?.trim() ? v.lateReason : null,
  };
}

function Checklist({ c }: { c: ContractView }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  if (c.missing.length === 0) return <Alert type="success" showIcon title={t('contract.complete')} data-testid="contract-complete" />;
  return (
    <Card size="small" title={t('contract.checklist')} data-testid="contract-checklist">
      <List
        size="small"
        dataSource={c.missing}
        renderItem={(m) => (
          <List.Item>
            <Space align="start">
              <CloseCircleTwoTone twoToneColor="#cf1322" />
              <span>{tx(m)}</span>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function LinesTotal({ form, c }: { form: ReturnType<typeof Form.useForm<ContractForm>>[0]; c: ContractView }) {
  const { t } = useTranslation();
  const lines = Form.useWatch('lines', form) ?? [];
  const amount = toFen(Form.useWatch('amount', form));
  const total = lines.reduce((s, l) => s + lineAmountFen(l?.quantity, toFen(l?.unitPrice)), 0);
  void c;
  if (lines.length === 0) return null;
  const diff = amount === null ? null : Math.abs(total - amount);
  return (
    <Flex gap={8} wrap align="center" data-testid="lines-total">
      <Typography.Text strong>{t('contract.linesTotal', { total: yuanText(total) })}</Typography.Text>
      {diff === null ? null : diff === 0 ? (
        <Tag color="success">{t('contract.linesMatch')}</Tag>
      ) : (
        <Tag color="error">{t('contract.linesDiffer', { amount: yuanText(amount), diff: yuanText(diff) })}</Tag>
      )}
    </Flex>
  );
}

function EditForm({ project, c }: { project: ProjectDetail; c: ContractView }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useMe().data;
  const [form] = Form.useForm<ContractForm>();
  const save = useSaveContract(project);
  const [error, setError] = useState<string[] | null>(null);
  const initial = useMemo(() => initialValues(c), [c]);
  // The server's values fill the form until the user starts typing; a refetch after that never overwrites their input.
  useEffect(() => {
    if (!form.isFieldsTouched()) form.setFieldsValue(initial);
  }, [form, initial]);
  const periodEnd = Form.useWatch('periodEnd', form);
  const late = Boolean(periodEnd && c.plannedEnd && iso(periodEnd)! > c.plannedEnd);
  const today = todayInShanghai();

  const submit = async () => {
    setError(null);
    const v = form.getFieldsValue(true) as ContractForm;
    try {
      await save.mutateAsync(toBody(v, c));
      void message.success(t('contract.saved'));
    } catch (e) {
      const rest = markFieldErrors(form, e, FORM_FIELDS, RENAME);
      setError(rest.length ? rest : e instanceof ApiError && e.fields.length ? [t('contract.saveFailed')] : [e instanceof ApiError ? e.message : t('errors.unknown')]);
    }
  };

  const roleOptions = [
    { value: 'enterprise', label: t('contract.roleEnterprise') },
    { value: 'provider', label: t('contract.roleProvider') },
    { value: 'other', label: t('contract.roleOther') },
  ];

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={() => void submit()} data-testid="contract-form" scrollToFirstError>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('contract.introWrite')} description={me?.org.type === 'leading_unit' ? t('contract.introDelegate') : undefined} />
      <Row gutter={16}>
        <Col xs={24} md={12} lg={8}>
          <Form.Item name="contractNo" label={t('contract.contractNo')}>
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={8}>
          <Form.Item name="amount" label={t('contract.amount')}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={8}>
          <Form.Item name="amountExTax" label={t('contract.amountExTax')}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={8}>
          <Form.Item name="signedOn" label={t('contract.signedOn')} extra={c.filedOn ? t('contract.signedOnHelp', { date: c.filedOn }) : undefined}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today || (c.filedOn !== null && d.format('YYYY-MM-DD') < c.filedOn)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={8}>
          <Form.Item name="periodStart" label={t('contract.periodStart')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} lg={8}>
          <Form.Item name="periodEnd" label={t('contract.periodEnd')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {late ? (
          <Col xs={24}>
            <Form.Item name="lateReason" label={t('contract.lateReason')} extra={t('contract.lateReasonHelp', { date: c.plannedEnd })}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          </Col>
        ) : null}
      </Row>

      <Typography.Title level={5}>{t('contract.parties')}</Typography.Title>
      {c.provider ? <Typography.Paragraph type="secondary">{t('contract.providerFixed', { name: c.provider.name })}</Typography.Paragraph> : <Alert type="warning" title={t('contract.noProvider')} style={{ marginBottom: 8 }} />}
      <Form.List name="parties">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => {
              const role = form.getFieldValue(['parties', f.name, 'role']) as PartyRole | undefined;
              const fixed = role === 'provider' || role === 'enterprise';
              return (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }} data-testid={`party-${f.name}`}>
                  <Row gutter={12}>
                    <Col xs={24} sm={8} lg={5}>
                      <Form.Item name={[f.name, 'role']} label={t('contract.partyRole')}>
                        <Select options={roleOptions} disabled={fixed} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={16} lg={10}>
                      <Form.Item name={[f.name, 'name']} label={t('contract.partyName')}>
                        <Input maxLength={200} disabled={fixed} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} lg={9}>
                      <Form.Item name={[f.name, 'uscc']} label={t('contract.partyUscc')}>
                        <Input maxLength={18} disabled={fixed} />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item name={[f.name, 'duties']} label={t('contract.partyDuties')}>
                        <Input.TextArea autoSize={{ minRows: 2 }} placeholder={t('contract.partyDutiesPlaceholder')} maxLength={4000} />
                      </Form.Item>
                    </Col>
                  </Row>
                  {fixed ? null : (
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)}>
                      {t('contract.removeParty')}
                    </Button>
                  )}
                </Card>
              );
            })}
            <Button icon={<PlusOutlined />} onClick={() => add({ role: 'other', orgId: null, name: '', uscc: null, duties: '' })} style={{ marginBottom: 16 }}>
              {t('contract.addParty')}
            </Button>
          </>
        )}
      </Form.List>

      <Typography.Title level={5}>{t('contract.lines')}</Typography.Title>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="bottom" data-testid={`line-${f.name}`} style={{ marginBottom: 4 }}>
                <Col xs={24} md={8}>
                  <Form.Item name={[f.name, 'item']} label={t('contract.lineItem')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={8} md={3}>
                  <Form.Item name={[f.name, 'quantity']} label={t('contract.lineQuantity')}>
                    <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={8} md={3}>
                  <Form.Item name={[f.name, 'unit']} label={t('contract.lineUnit')}>
                    <Input maxLength={20} />
                  </Form.Item>
                </Col>
                <Col xs={8} md={4}>
                  <Form.Item name={[f.name, 'unitPrice']} label={t('contract.linePrice')}>
                    <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={16} md={4}>
                  <Form.Item label={t('contract.lineAmount')} shouldUpdate>
                    {() => {
                      const l = form.getFieldValue(['lines', f.name]) as LineForm | undefined;
                      return <Typography.Text data-testid={`line-amount-${f.name}`}>{yuanText(lineAmountFen(l?.quantity, toFen(l?.unitPrice)))}</Typography.Text>;
                    }}
                  </Form.Item>
                </Col>
                <Col xs={8} md={2}>
                  <Form.Item label=" ">
                    <Button danger icon={<DeleteOutlined />} aria-label={t('contract.removeLine')} onClick={() => remove(f.name)} />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
              <Button icon={<PlusOutlined />} onClick={() => add({ item: '', productId: null, quantity: 1, unit: '', unitPrice: null })}>
                {t('contract.addLine')}
              </Button>
              <LinesTotal form={form} c={c} />
            </Flex>
          </>
        )}
      </Form.List>

      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="measures" label={t('contract.measures')}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} showCount />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="targetsText" label={t('contract.targetsText')}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} showCount />
          </Form.Item>
        </Col>
      </Row>
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error.join('；')} data-testid="contract-error" /> : null}
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="contract-save">
          {t('contract.save')}
        </Button>
      </Flex>
      <Checklist c={c} />
    </Form>
  );
}

function ReadOnly({ c }: { c: ContractView }) {
  const { t } = useTranslation();
  const roleLabel = (r: PartyRole) => t(r === 'enterprise' ? 'contract.roleEnterprise' : r === 'provider' ? 'contract.roleProvider' : 'contract.roleOther');
  if (c.revision === 0 && !c.contractNo && c.parties.length === 0) return <Empty description={t('contract.notEntered')} />;
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('contract.contractNo')}>{c.contractNo || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('contract.amount')}>{yuanText(c.amountFen)}</Descriptions.Item>
        <Descriptions.Item label={t('contract.amountExTax')}>{yuanText(c.amountExTaxFen)}</Descriptions.Item>
        <Descriptions.Item label={t('contract.signedOn')}>{c.signedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('contract.periodStart')}>{c.periodStart ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('contract.periodEnd')}>{c.periodEnd ?? '—'}</Descriptions.Item>
        {c.lateReason ? <Descriptions.Item label={t('contract.lateReason')} span={3}>{c.lateReason}</Descriptions.Item> : null}
        <Descriptions.Item label={t('contract.measures')} span={3}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.measures || '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('contract.targetsText')} span={3}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.targetsText || '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('contract.parties')}</Typography.Title>
      <List
        size="small"
        bordered
        style={{ marginBottom: 16 }}
        dataSource={c.parties}
        renderItem={(p: Party) => (
          <List.Item>
            <List.Item.Meta title={<Space wrap><Tag>{roleLabel(p.role)}</Tag>{p.name}{p.uscc ? <Typography.Text type="secondary">{p.uscc}</Typography.Text> : null}</Space>} description={<span style={{ whiteSpace: 'pre-wrap' }}>{p.duties || '—'}</span>} />
          </List.Item>
        )}
      />
      <Typography.Title level={5}>{t('contract.lines')}</Typography.Title>
      <LinesTable lines={c.lines} />
    </>
  );
}

function LinesTable({ lines }: { lines: PriceLine[] }) {
  const { t } = useTranslation();
  const total = lines.reduce((s, l) => s + l.amountFen, 0);
  return (
    <Table<PriceLine>
      size="small"
      rowKey={(_, i) => String(i)}
      pagination={false}
      scroll={{ x: 560 }}
      dataSource={lines}
      columns={[
        { title: t('contract.lineItem'), dataIndex: 'item' },
        { title: t('contract.lineQuantity'), dataIndex: 'quantity', align: 'right', width: 80 },
        { title: t('contract.lineUnit'), dataIndex: 'unit', width: 70 },
        { title: t('contract.linePrice'), dataIndex: 'unitPriceFen', align: 'right', width: 130, render: (v: number) => yuanText(v) },
        { title: t('contract.lineAmount'), dataIndex: 'amountFen', align: 'right', width: 140, render: (v: number) => yuanText(v) },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={4}>
            <Typography.Text strong>{t('contract.linesSum')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            <Typography.Text strong>{yuanText(total)}</Typography.Text>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

function Revisions({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const revisions = useContractRevisions(project, true);
  const list = revisions.data ?? [];
  const fieldName = (f: string) => t(`contract.field_${f}`, { defaultValue: f });
  return (
    <Card size="small" title={t('contract.history')} style={{ marginTop: 16 }} data-testid="contract-revisions" loading={revisions.isLoading}>
      {list.length === 0 ? (
        <Typography.Text type="secondary">{t('contract.noRevisions')}</Typography.Text>
      ) : (
        <Collapse
          size="small"
          items={[...list].reverse().map((r: ContractRevision) => ({
            key: String(r.revision),
            label: (
              <Flex vertical gap={2}>
                <span>
                  {t('contract.revisionBy', { n: r.revision, who: r.submittedByName ?? '—', at: formatDateTime(r.submittedAt) })}
                  {r.onBehalfOfName ? t('contract.onBehalf', { org: r.onBehalfOfName }) : ''}
                </span>
                <span>
                  {r.revision === 1 ? (
                    <Tag>{t('contract.firstRevision')}</Tag>
                  ) : r.changedFields.length === 0 ? (
                    <Tag>{t('contract.noChanges')}</Tag>
                  ) : (
                    <>
                      {t('contract.changed')}
                      {r.changedFields.map((f) => (
                        <Tag color="orange" key={f}>
                          {fieldName(f)}
                        </Tag>
                      ))}
                    </>
                  )}
                </span>
              </Flex>
            ),
            children: <SnapshotView r={r} />,
          }))}
        />
      )}
    </Card>
  );
}

function SnapshotView({ r }: { r: ContractRevision }) {
  const { t } = useTranslation();
  const s = r.snapshot;
  const changed = new Set(r.revision === 1 ? [] : r.changedFields);
  const mark = (f: string, node: React.ReactNode) => (changed.has(f) ? <Typography.Text mark>{node}</Typography.Text> : node);
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
      <Descriptions.Item label={t('contract.contractNo')}>{mark('contractNo', s.contractNo || '—')}</Descriptions.Item>
      <Descriptions.Item label={t('contract.amount')}>{mark('amountFen', yuanText(s.amountFen))}</Descriptions.Item>
      <Descriptions.Item label={t('contract.amountExTax')}>{mark('amountExTaxFen', yuanText(s.amountExTaxFen))}</Descriptions.Item>
      <Descriptions.Item label={t('contract.signedOn')}>{mark('signedOn', s.signedOn ?? '—')}</Descriptions.Item>
      <Descriptions.Item label={t('contract.periodStart')}>{mark('periodStart', s.periodStart ?? '—')}</Descriptions.Item>
      <Descriptions.Item label={t('contract.periodEnd')}>{mark('periodEnd', s.periodEnd ?? '—')}</Descriptions.Item>
      <Descriptions.Item label={t('contract.parties')} span={2}>
        {mark('parties', (s.parties ?? []).map((p) => `${p.name}：${p.duties}`).join('；') || '—')}
      </Descriptions.Item>
      <Descriptions.Item label={t('contract.lines')} span={2}>
        {mark('lines', (s.lines ?? []).map((l) => `${l.item} × ${l.quantity} = ${yuanText(l.amountFen)}`).join('；') || '—')}
      </Descriptions.Item>
      <Descriptions.Item label={t('contract.measures')} span={2}>{mark('measures', s.measures || '—')}</Descriptions.Item>
      <Descriptions.Item label={t('contract.targetsText')} span={2}>{mark('targetsText', s.targetsText || '—')}</Descriptions.Item>
      <Descriptions.Item label={t('contract.field_targets')} span={2}>
        {mark('targets', (s.targets ?? []).map((x) => `${x.label}：${x.baseline ?? '—'} → ${x.target ?? '—'}${x.unit}`).join('；') || '—')}
      </Descriptions.Item>
    </Descriptions>
  );
}

export function ContractCard({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const relevant = project.stage >= 4;
  const contract = useContract(project, relevant);
  if (!relevant) return null;
  if (contract.error) {
    return (
      <Card title={t('contract.title')} style={{ marginBottom: 16 }}>
        <ErrorState error={contract.error} onRetry={() => void contract.refetch()} />
      </Card>
    );
  }
  const c = contract.data;
  if (!c) return <Card title={t('contract.title')} loading style={{ marginBottom: 16 }} />;
  const staff = me?.org.type === 'bureau' || me?.org.type === 'town';
  return (
    <Card
      title={t('contract.title')}
      style={{ marginBottom: 16 }}
      data-testid="contract-card"
      extra={
        <Space>
          {c.revision > 0 ? <Tag color="blue">{t('contract.revisionTag', { n: c.revision })}</Tag> : null}
          {c.canEdit ? null : <Tag>{t('contract.readOnly')}</Tag>}
        </Space>
      }
    >
      {c.returnReason && c.canEdit ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('contract.returned')} description={c.returnReason} data-testid="contract-returned" /> : null}
      {c.canEdit ? <EditForm key={project.id} project={project} c={c} /> : <ReadOnly c={c} />}
      {staff || c.revision > 0 ? <Revisions project={project} /> : null}
    </Card>
  );
}

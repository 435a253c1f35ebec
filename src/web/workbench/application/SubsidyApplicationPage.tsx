/**
 * 完工奖补申请 (stage 7) for the enterprise and its authorised leading unit: where the project stands, what is
 * missing, the material checklist (uploads for the slots the applicant fills, earlier uploads and the platform's
 * reports counted), invoices and payments (yuan typed, fen sent), the declarations with the pledge, the suggested
 * amount with each step in words and the policy applied; submit (confirmed) or the honour-only path.
 */
import { App as AntApp, Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, Radio, Row, Select, Skeleton, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SendOutlined, SaveOutlined, IdcardOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useProject, useTransition } from '../../api/hooks';
import type { ProjectAction } from '../../api/types';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorDetails } from '../../components/ErrorDetails';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { useMaterials } from '../../components/materials/api';
import { UploadSlot } from '../../components/materials/UploadSlot';
import { formatDate, formatDateTime } from '../../lib/format';
import { useLang } from '../../i18n';
import { COST_CLASSES, COST_CLASS_LABELS, type CostClass } from '../../../core/subsidy/policy';
import { formatFenAsYuan, parseYuanToFen } from '../../../core/money';
import { OTHER_FUNDING_SOURCES, useApplication, useSaveApplication, type ApplicationInput, type ApplicationView, type OtherFundingSource } from './api';
import { ProfileDrawer } from './ProfileSection';

// ---- the form --------------------------------------------------------------------------------------------

interface InvoiceForm {
  number: string;
  issuedOn: Dayjs | null;
  amount: string;
  tax: string;
  costClass: CostClass | undefined;
  seller: string;
}

interface PaymentForm {
  paidOn: Dayjs | null;
  amount: string;
  payee: string;
  reference: string;
}

type YesNo = 'yes' | 'no' | null;

interface FormValues {
  invoices: InvoiceForm[];
  payments: PaymentForm[];
  truthful: boolean;
  noDishonesty: boolean;
  noSeriousViolation3y: boolean;
  aboveScale: YesNo;
  otherHas: YesNo;
  otherAmount: string;
  otherSource: OtherFundingSource | null;
  otherNote: string;
}

/** Fen as a yuan string the input shows and parseYuanToFen reads back ("1234.50"). */
function yuanInput(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

const yesNo = (v: boolean | null): YesNo => (v === null ? null : v ? 'yes' : 'no');
const fromYesNo = (v: YesNo): boolean | null => (v === null ? null : v === 'yes');

function formOf(v: ApplicationView): FormValues {
  const d = v.declarations;
  return {
    invoices: v.invoices.map((i) => ({ number: i.number, issuedOn: dayjs(i.issuedOn), amount: yuanInput(i.amountFen), tax: yuanInput(i.taxFen), costClass: i.costClass, seller: i.seller })),
    payments: v.payments.map((p) => ({ paidOn: dayjs(p.paidOn), amount: yuanInput(p.amountFen), payee: p.payee, reference: p.reference ?? '' })),
    truthful: d.truthful,
    noDishonesty: d.noDishonesty,
    noSeriousViolation3y: d.noSeriousViolation3y,
    aboveScale: yesNo(d.aboveScale),
    otherHas: yesNo(d.otherFunding.has),
    otherAmount: d.otherFunding.has ? yuanInput(d.otherFunding.amountFen) : '',
    otherSource: d.otherFunding.source,
    otherNote: d.otherFunding.note ?? '',
  };
}

function fen(s: string | undefined): number {
  const r = parseYuanToFen(s ?? '');
  return r.ok ? r.fen : 0;
}

function inputOf(v: FormValues): ApplicationInput {
  const has = fromYesNo(v.otherHas ?? null);
  return {
    invoices: (v.invoices ?? []).map((i) => ({
      number: (i.number ?? '').trim(),
      issuedOn: i.issuedOn ? i.issuedOn.format('YYYY-MM-DD') : '',
      amountFen: fen(i.amount),
      taxFen: i.tax?.trim() ? fen(i.tax) : 0,
      costClass: i.costClass ?? 'other',
      seller: (i.seller ?? '').trim(),
    })),
    payments: (v.payments ?? []).map((p) => ({ paidOn: p.paidOn ? p.paidOn.format('YYYY-MM-DD') : '', amountFen: fen(p.amount), payee: (p.payee ?? '').trim(), reference: p.reference?.trim() ? p.reference.trim() : null })),
    declarations: {
      truthful: Boolean(v.truthful),
      noDishonesty: Boolean(v.noDishonesty),
      noSeriousViolation3y: Boolean(v.noSeriousViolation3y),
      aboveScale: fromYesNo(v.aboveScale ?? null),
      otherFunding: has ? { has, amountFen: fen(v.otherAmount), source: v.otherSource ?? null, note: v.otherNote?.trim() ? v.otherNote.trim() : null } : { has, amountFen: 0, source: null, note: null },
    },
  };
}

/** A server field path as the form's name path (amounts are typed in yuan under other names). */
function formPath(path: string): (string | number)[] | null {
  const parts = path.split('.');
  const [head] = parts;
  if ((head === 'invoices' || head === 'payments') && parts.length >= 3) {
    const index = Number(parts[1]);
    const field = parts[2] === 'amountFen' ? 'amount' : parts[2] === 'taxFen' ? 'tax' : parts[2];
    return Number.isInteger(index) && field ? [head, index, field] : null;
  }
  if (head === 'declarations') {
    if (parts[1] === 'otherFunding') {
      const map: Record<string, string> = { amountFen: 'otherAmount', source: 'otherSource', note: 'otherNote', has: 'otherHas' };
      const name = map[parts[2] ?? 'has'];
      return name ? [name] : null;
    }
    return parts[1] ? [parts[1]] : null;
  }
  return null;
}

// ---- pieces ----------------------------------------------------------------------------------------------

function useYuanRule(opts: { allowZero?: boolean; optional?: boolean } = {}) {
  const { t } = useTranslation();
  const { tx } = useLang();
  return {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value?.trim()) {
        if (opts.optional) return;
        throw new Error(t('application.amountRequired'));
      }
      const r = parseYuanToFen(value);
      if (!r.ok) throw new Error(tx(r.message));
      if (!opts.allowZero && r.fen <= 0) throw new Error(t('application.amountPositive'));
    },
  };
}

function Standing({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const a = view.application;
  const na = t('application.notAvailable');
  return (
    <Card size="small" title={t('application.standing')} style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('application.stateLabel')}>
          <StatusTag state={view.state} label={view.stateLabel} />
        </Descriptions.Item>
        <Descriptions.Item label={t('application.level')}>{view.facts.level !== null ? t('application.levelValue', { level: view.facts.level }) : na}</Descriptions.Item>
        <Descriptions.Item label={t('application.contractAmount')}>{view.facts.contractFen !== null ? t('application.yuan', { amount: formatFenAsYuan(view.facts.contractFen) }) : na}</Descriptions.Item>
        <Descriptions.Item label={t('application.acceptedOn')}>{view.facts.acceptedOn ? formatDate(view.facts.acceptedOn) : na}</Descriptions.Item>
        <Descriptions.Item label={t('application.preSubsidyPaid')}>{t('application.yuan', { amount: formatFenAsYuan(view.facts.preSubsidyPaidFen) })}</Descriptions.Item>
        {a ? (
          <Descriptions.Item label={t('application.round', { round: a.round })}>
            <Tag color={a.status === 'submitted' ? 'processing' : 'default'}>{a.status === 'submitted' ? t('application.statusSubmitted') : t('application.statusDraft')}</Tag>
          </Descriptions.Item>
        ) : null}
        {a?.submittedAt ? <Descriptions.Item label={t('application.submittedAt')}>{formatDateTime(a.submittedAt)}</Descriptions.Item> : null}
        {a?.submittedByName ? (
          <Descriptions.Item label={t('application.submittedBy')}>
            {a.submittedByName}
            {a.onBehalfOfName ? ` · ${t('application.onBehalfOf', { org: a.onBehalfOfName })}` : ''}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

function Notices({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const a = view.application;
  const out = [];
  if (view.returnReason) {
    out.push(<Alert key="returned" type="warning" showIcon title={t('application.returnedTitle')} description={<><div>{t('application.returnedReason', { reason: view.returnReason })}</div><div>{t('application.returnedHint')}</div></>} style={{ marginBottom: 12 }} />);
  }
  if (!a) {
    out.push(<Alert key="notYet" type="info" showIcon title={t('application.notYetTitle')} description={t('application.notYet')} style={{ marginBottom: 12 }} />);
  } else if (a.status === 'submitted') {
    out.push(<Alert key="submitted" type="info" showIcon title={t('application.submittedTitle')} description={t('application.submittedHint')} style={{ marginBottom: 12 }} />);
  } else {
    const lines = [...view.problems.map(tx), ...(view.missingMaterials.length ? [t('application.materialsMissing', { names: view.missingMaterials.map(tx).join('、') })] : [])];
    out.push(
      lines.length ? (
        <Alert
          key="problems"
          type="warning"
          showIcon
          role="alert"
          title={t('application.problemsTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      ) : (
        <Alert key="ready" type="success" showIcon title={t('application.readyTitle')} description={t('application.readyHint')} style={{ marginBottom: 12 }} />
      ),
    );
  }
  if (view.previousRounds.length) {
    out.push(
      <Typography.Paragraph key="rounds" type="secondary" style={{ marginBottom: 12 }}>
        {t('application.previousRounds')}：
        {view.previousRounds.map((r) => t('application.previousRound', { round: r.round, at: r.submittedAt ? formatDate(r.submittedAt) : '—', amount: r.suggestedFen !== null ? formatFenAsYuan(r.suggestedFen) : '—' })).join('；')}
      </Typography.Paragraph>,
    );
  }
  return <>{out}</>;
}

function PolicyCard({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const p = view.policy;
  return (
    <Card size="small" title={t('application.policyTitle')} style={{ marginBottom: 16 }}>
      {p ? (
        <Typography.Text>
          {t('application.policyInForce', { name: p.name, version: p.version, from: formatDate(p.effectiveFrom), to: p.effectiveTo ? t('application.policyTo', { to: formatDate(p.effectiveTo) }) : '' })}
        </Typography.Text>
      ) : (
        <Alert type="error" showIcon title={t('application.noPolicyTitle')} description={tx(view.policyMessage)} />
      )}
    </Card>
  );
}

function Checklist({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const materials = useMaterials(view.projectId);
  const sourceText = { upload: t('application.sourceUpload'), earlier: t('application.sourceEarlier'), report: t('application.sourceReport') };
  return (
    <Card size="small" title={t('application.checklistTitle')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('application.checklistHint')}
      </Typography.Paragraph>
      {view.checklist.map((item) => {
        const slot = item.applicantFills ? materials.data?.slots.find((s) => s.key === item.key && s.canUpload) : undefined;
        if (slot) return <UploadSlot key={item.key} projectId={view.projectId} slot={slot} />;
        return (
          <section key={item.key} aria-label={tx(item.label)} style={{ padding: '10px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
            <Flex wrap align="center" gap={8}>
              <Tag color={item.present ? 'success' : item.required ? 'warning' : 'default'}>{item.present ? t('application.present') : t('application.missing')}</Tag>
              <Typography.Text strong>{tx(item.label)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {item.required ? t('application.required') : t('application.optional')} · {sourceText[item.source]}
                {item.files > 0 ? ` · ${t('application.filesCount', { count: item.files })}` : ''}
              </Typography.Text>
            </Flex>
            {item.note ? (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
                {tx(item.note)}
              </Typography.Paragraph>
            ) : null}
          </section>
        );
      })}
    </Card>
  );
}

function Excluded({ text }: { text: string | null }) {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <Alert type="warning" showIcon style={{ marginTop: 4 }} title={`${t('application.excluded')}：${text}`} />
  );
}

function InvoicesEditor({ view, disabled, today }: { view: ApplicationView; disabled: boolean; today: string }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const amountRule = useYuanRule();
  const taxRule = useYuanRule({ allowZero: true, optional: true });
  const costOptions = COST_CLASSES.map((c) => ({ value: c, label: tx(COST_CLASS_LABELS[c]) }));
  return (
    <Card size="small" title={t('application.invoicesTitle')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('application.invoicesHint')}
      </Typography.Paragraph>
      <Form.List name="invoices">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12}>
            {fields.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('application.invoicesEmpty')} /> : null}
            {fields.map((field, index) => {
              const saved = view.invoices[index];
              return (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  role="group"
                  aria-label={t('application.invoiceN', { n: index + 1 })}
                  title={t('application.invoiceN', { n: index + 1 })}
                  extra={
                    disabled ? null : (
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('application.removeInvoice', { n: index + 1 })} onClick={() => remove(field.name)} />
                    )
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} sm={12} lg={8}>
                      <Form.Item name={[field.name, 'number']} label={t('application.invoiceNumber')} rules={[{ required: true, whitespace: true, message: t('application.invoiceNumberRequired') }]}>
                        <Input maxLength={40} inputMode="numeric" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={8}>
                      <Form.Item name={[field.name, 'issuedOn']} label={t('application.issuedOn')} rules={[{ required: true, message: t('application.issuedOnRequired') }]}>
                        <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(today), 'day')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={8}>
                      <Form.Item name={[field.name, 'costClass']} label={t('application.costClass')} rules={[{ required: true, message: t('application.costClassRequired') }]}>
                        <Select options={costOptions} aria-label={t('application.costClass')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={8}>
                      <Form.Item name={[field.name, 'amount']} label={t('application.amountWithTax')} rules={[amountRule]}>
                        <Input inputMode="decimal" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={8}>
                      <Form.Item
                        name={[field.name, 'tax']}
                        label={t('application.tax')}
                        dependencies={[['invoices', field.name, 'amount']]}
                        rules={[
                          taxRule,
                          ({ getFieldValue }) => ({
                            validator: async (_: unknown, value: string | undefined) => {
                              const amount = parseYuanToFen((getFieldValue(['invoices', field.name, 'amount']) as string | undefined) ?? '');
                              const tax = parseYuanToFen(value ?? '');
                              if (amount.ok && tax.ok && tax.fen > amount.fen) throw new Error(t('application.taxAboveAmount'));
                            },
                          }),
                        ]}
                      >
                        <Input inputMode="decimal" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={8}>
                      <Form.Item name={[field.name, 'seller']} label={t('application.seller')} rules={[{ required: true, whitespace: true, message: t('application.sellerRequired') }]}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Excluded text={saved?.excluded ? tx(saved.excluded) : null} />
                </Card>
              );
            })}
            {disabled ? null : (
              <Button icon={<PlusOutlined />} onClick={() => add({ number: '', issuedOn: null, amount: '', tax: '', costClass: undefined, seller: '' })} style={{ alignSelf: 'flex-start' }}>
                {t('application.addInvoice')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}

function PaymentsEditor({ view, disabled, today }: { view: ApplicationView; disabled: boolean; today: string }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const amountRule = useYuanRule();
  return (
    <Card size="small" title={t('application.paymentsTitle')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('application.paymentsHint')}
      </Typography.Paragraph>
      <Form.List name="payments">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12}>
            {fields.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('application.paymentsEmpty')} /> : null}
            {fields.map((field, index) => {
              const saved = view.payments[index];
              return (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  role="group"
                  aria-label={t('application.paymentN', { n: index + 1 })}
                  title={t('application.paymentN', { n: index + 1 })}
                  extra={disabled ? null : <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('application.removePayment', { n: index + 1 })} onClick={() => remove(field.name)} />}
                >
                  <Row gutter={12}>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item name={[field.name, 'paidOn']} label={t('application.paidOn')} rules={[{ required: true, message: t('application.paidOnRequired') }]}>
                        <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(today), 'day')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item name={[field.name, 'amount']} label={t('application.paymentAmount')} rules={[amountRule]}>
                        <Input inputMode="decimal" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item name={[field.name, 'payee']} label={t('application.payee')} rules={[{ required: true, whitespace: true, message: t('application.payeeRequired') }]}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item name={[field.name, 'reference']} label={t('application.reference')}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Excluded text={saved?.excluded ? tx(saved.excluded) : null} />
                </Card>
              );
            })}
            {disabled ? null : (
              <Button icon={<PlusOutlined />} onClick={() => add({ paidOn: null, amount: '', payee: '', reference: '' })} style={{ alignSelf: 'flex-start' }}>
                {t('application.addPayment')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}

function DeclarationsEditor({ view, onProfile }: { view: ApplicationView; onProfile: () => void }) {
  const { t } = useTranslation();
  const otherRule = useYuanRule();
  const has = Form.useWatch<YesNo>('otherHas');
  const profile = view.profile.aboveScale === null ? t('application.profileUnset') : view.profile.aboveScale ? t('application.aboveScaleYes') : t('application.aboveScaleNo');
  const d = view.declarations;
  const sourceLabel: Record<OtherFundingSource, string> = { central: t('application.sourceCentral'), provincial: t('application.sourceProvincial') };
  return (
    <Card size="small" title={t('application.declarationsTitle')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph style={{ background: 'rgba(0,0,0,0.02)', padding: 12, borderRadius: 6 }}>{t('application.pledgeText')}</Typography.Paragraph>
      <Form.Item name="truthful" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>{t('application.truthful')}</Checkbox>
      </Form.Item>
      <Form.Item name="noDishonesty" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox>{t('application.noDishonesty')}</Checkbox>
      </Form.Item>
      <Form.Item name="noSeriousViolation3y" valuePropName="checked">
        <Checkbox>{t('application.noSeriousViolation3y')}</Checkbox>
      </Form.Item>
      <Form.Item
        name="aboveScale"
        label={t('application.aboveScale')}
        extra={
          <Space wrap size={4}>
            <span>{t('application.profileSays', { value: profile })}</span>
            <Button type="link" size="small" icon={<IdcardOutlined />} onClick={onProfile} style={{ padding: 0 }} disabled={false}>
              {t('application.profileLink')}
            </Button>
          </Space>
        }
      >
        <Radio.Group
          options={[
            { value: 'yes', label: t('application.aboveScaleYes') },
            { value: 'no', label: t('application.aboveScaleNo') },
          ]}
        />
      </Form.Item>
      <Form.Item name="otherHas" label={t('application.otherFunding')}>
        <Radio.Group
          options={[
            { value: 'yes', label: t('application.otherFundingYes') },
            { value: 'no', label: t('application.otherFundingNo') },
          ]}
        />
      </Form.Item>
      {has === 'yes' ? (
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="otherAmount" label={t('application.otherFundingAmount')} rules={[otherRule]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="otherSource" label={t('application.otherFundingSource')} rules={[{ required: true, message: t('application.otherFundingSourceRequired') }]}>
              <Select aria-label={t('application.otherFundingSource')} options={OTHER_FUNDING_SOURCES.map((s) => ({ value: s, label: sourceLabel[s] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="otherNote" label={t('application.otherFundingNote')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {d.signedAt ? t('application.signedAt', { at: formatDateTime(d.signedAt), by: d.signedByName ?? '' }) : t('application.notSigned')}
      </Typography.Text>
    </Card>
  );
}

function ComputationCard({ view }: { view: ApplicationView }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const c = view.computation;
  const frozen = view.application?.status === 'submitted';
  return (
    <Card size="small" title={t('application.computationTitle')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {frozen ? t('application.computationFrozen') : t('application.computationLive')}
      </Typography.Paragraph>
      {c ? (
        <>
          <Flex wrap gap={32} style={{ marginBottom: 12 }}>
            <Statistic title={t('application.suggested')} value={formatFenAsYuan(c.suggestedFen)} />
            <Statistic title={t('application.verified')} value={formatFenAsYuan(c.verifiedInvestmentFen)} />
          </Flex>
          <Typography.Text strong>{t('application.stepsTitle')}</Typography.Text>
          <ol style={{ margin: '4px 0 0', paddingInlineStart: 20 }} aria-label={t('application.stepsTitle')}>
            {c.steps.map((s, i) => (
              <li key={`${s.key}-${i}`} data-step={s.key}>
                {tx(s.text)}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <Typography.Text type="secondary">{view.policy ? t('application.noComputation') : tx(view.policyMessage)}</Typography.Text>
      )}
    </Card>
  );
}

function HonourOnly({ projectId, action, onDone }: { projectId: string; action: ProjectAction; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Card size="small" title={t('application.honourTitle')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph>{t('application.honourText')}</Typography.Paragraph>
      <Button onClick={() => setOpen(true)} disabled={!action.allowed} data-event={action.event}>
        {t('application.honourButton')}
      </Button>
      <ActionDialog project={{ id: projectId }} action={action} open={open} onClose={() => setOpen(false)} onDone={() => onDone()} />
    </Card>
  );
}

// ---- the page --------------------------------------------------------------------------------------------

export function SubsidyApplicationPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message, modal } = AntApp.useApp();
  const q = useApplication(id);
  const project = useProject(id);
  const save = useSaveApplication(id ?? '');
  const transition = useTransition(id ?? '');
  const materials = useMaterials(id ?? '');
  const [form] = Form.useForm<FormValues>();
  const [dirty, setDirty] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [profileOpen, setProfileOpen] = useState(false);
  const view = q.data;
  const initial = useMemo(() => (view ? formOf(view) : null), [view]);
  const refetch = q.refetch;

  useEffect(() => {
    if (initial && !dirty) form.setFieldsValue(initial);
  }, [initial, dirty, form]);

  // An upload in the checklist changes what is missing: read the application again.
  const materialsAt = materials.dataUpdatedAt;
  useEffect(() => {
    if (materialsAt) void refetch();
  }, [materialsAt, refetch]);

  if (q.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const v = q.data;
  const editable = v.abilities.edit;
  const applyAction = project.data?.actions.find((a) => a.event === 'applySubsidy');
  const declineAction = project.data?.actions.find((a) => a.event === 'declineSubsidy');
  const blocked = v.problems.length > 0 || v.missingMaterials.length > 0;

  const saveNow = async (): Promise<ApplicationView | null> => {
    setFormError(null);
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      setFormError(t('application.saveFailed'));
      return null;
    }
    try {
      const next = await save.mutateAsync(inputOf(values));
      setDirty(false);
      form.setFieldsValue(formOf(next));
      void message.success(t('application.saved'));
      return next;
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        const rest: string[] = [];
        const named = e.fields.flatMap((f) => {
          const name = formPath(f.path);
          if (!name) rest.push(f.message);
          return name ? [{ name, errors: [f.message] }] : [];
        });
        (form.setFields as (fields: { name: (string | number)[]; errors: string[] }[]) => void)(named);
        setFormError(rest.length ? rest.join('；') : e.message);
      } else setFormError(e instanceof ApiError ? e.message : t('errors.unknown'));
      return null;
    }
  };

  const submit = async () => {
    const latest = dirty ? await saveNow() : v;
    if (!latest) return;
    const amount = latest.computation ? formatFenAsYuan(latest.computation.suggestedFen) : '0.00';
    modal.confirm({
      title: t('application.submitConfirmTitle'),
      content: t('application.submitConfirm', { amount }),
      okText: t('application.submitOk'),
      cancelText: t('common.cancel'),
      onOk: () =>
        transition.mutateAsync({ event: 'applySubsidy' }).then(
          async () => {
            void message.success(t('application.submitted'));
            await refetch();
          },
          (e: unknown) => {
            modal.error({ title: e instanceof ApiError ? e.message : t('errors.unknown'), content: <ErrorDetails error={e} />, okText: t('common.ok') });
          },
        ),
    });
  };

  const submitButton =
    v.abilities.submit && applyAction ? (
      <Button type="primary" icon={<SendOutlined />} onClick={() => void submit()} disabled={blocked && !dirty} loading={transition.isPending || save.isPending} data-event="applySubsidy">
        {t('application.submit')}
      </Button>
    ) : null;

  return (
    <>
      <PageHeader
        crumbs={[{ title: v.filingNo ?? v.projectTitle, to: `/workbench/projects/${v.projectId}` }, { title: t('application.menuSubsidyApplication') }]}
        title={t('application.title')}
        tag={<StatusTag state={v.state} label={v.stateLabel} />}
        subTitle={`${v.projectTitle} · ${v.enterpriseName}`}
        extra={
          <>
            {editable ? (
              <Button icon={<SaveOutlined />} onClick={() => void saveNow()} loading={save.isPending}>
                {t('application.save')}
              </Button>
            ) : null}
            {submitButton ? blocked && !dirty ? <Tooltip title={t('application.submitDisabled')}><span style={{ display: 'inline-block' }}>{submitButton}</span></Tooltip> : submitButton : null}
          </>
        }
      />
      <Notices view={v} />
      <Standing view={v} />
      <PolicyCard view={v} />
      {v.application ? (
        <>
          <Checklist view={v} />
          <Form<FormValues>
            form={form}
            layout="vertical"
            disabled={!editable}
            initialValues={initial ?? undefined}
            onValuesChange={() => setDirty(true)}
            onFinish={() => void saveNow()}
          >
            {formError ? <Alert type="error" showIcon title={formError} role="alert" style={{ marginBottom: 12 }} /> : null}
            <InvoicesEditor view={v} disabled={!editable} today={v.facts.today} />
            <PaymentsEditor view={v} disabled={!editable} today={v.facts.today} />
            <DeclarationsEditor view={v} onProfile={() => setProfileOpen(true)} />
          </Form>
          {dirty && editable ? (
            <Alert type="info" showIcon title={t('application.unsavedFirst')} style={{ marginBottom: 12 }} />
          ) : null}
          <ComputationCard view={v} />
          {editable ? (
            <Flex gap={8} wrap style={{ marginBottom: 16 }}>
              <Button icon={<SaveOutlined />} onClick={() => void saveNow()} loading={save.isPending}>
                {t('application.save')}
              </Button>
              {submitButton}
            </Flex>
          ) : null}
        </>
      ) : null}
      {v.abilities.decline && declineAction ? <HonourOnly projectId={v.projectId} action={declineAction} onDone={() => void navigate(`/workbench/projects/${v.projectId}`)} /> : null}
      <ProfileDrawer open={profileOpen} onClose={() => setProfileOpen(false)} canEdit={v.abilities.editProfile} />
    </>
  );
}

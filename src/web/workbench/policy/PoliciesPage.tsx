/**
 * 政策配置: the versions of the subsidy policy (the one in force today marked), a draft form with every rule the
 * computation reads (yuan inputs with 万元 hints, shares in %, dated share drops, the pre-subsidy rule, the
 * benchmark maximum, eligible cost classes, tax basis, 规上 requirement, other funding), publish with a confirm,
 * retire with a reason, and "new version from". The bureau's admin writes; the other duties read.
 */
import { Alert, App as AntApp, Button, Card, Checkbox, Col, Descriptions, Drawer, Flex, Form, Grid, Input, Radio, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFenAsWan, formatFenAsYuan, parseYuanToFen } from '../../../core/money';
import { COST_CLASSES, COST_CLASS_LABELS, DEFAULT_POLICY_RULES, type CostClass, type SubsidyPolicyRules } from '../../../core/subsidy/policy';
import { isApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { DataView } from '../../components/DataView';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useLang } from '../../i18n';
import { usePolicies, usePolicyAction, usePolicyInForce, useSavePolicy, type PolicyView } from './api';

const STATUS_COLOR: Record<string, string> = { draft: 'default', active: 'green', retired: 'red' };

/** "50" / "33.33" (percent, ≤ 2 decimals) → basis points, by digits only; null when malformed or above 100 %. */
export function parsePercentToBp(input: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

export function bpToPercent(bp: number): string {
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${Math.trunc(bp / 100)}.${frac}` : String(Math.trunc(bp / 100));
}

function fenToInput(fen: number): string {
  return formatFenAsYuan(fen).replaceAll(',', '').replace(/\.00$/, '');
}

interface FormValues {
  code: string;
  name: string;
  effectiveFrom: string;
  effectiveTo?: string;
  note?: string;
  cap2: string;
  cap3: string;
  cap4: string;
  share?: string;
  deadlines?: Array<{ after: string; share: string }>;
  preEnabled: boolean;
  preShare: string;
  preCap: string;
  preTrigger: 'downPayment' | 'contractAmount';
  benchmarkMax: string;
  benchmarkPaysDifference: boolean;
  eligibleClasses: CostClass[];
  amountsWithTax: boolean;
  requiresAboveScale: boolean;
  otherFunding: 'exclude' | 'deduct';
}

function toForm(p: { code: string; name: string; effectiveFrom: string; effectiveTo: string | null; note: string | null; rules: SubsidyPolicyRules }): FormValues {
  const r = p.rules;
  return {
    code: p.code,
    name: p.name,
    effectiveFrom: p.effectiveFrom,
    effectiveTo: p.effectiveTo ?? '',
    note: p.note ?? '',
    cap2: fenToInput(r.levelCapsFen['2']),
    cap3: fenToInput(r.levelCapsFen['3']),
    cap4: fenToInput(r.levelCapsFen['4']),
    share: r.investmentShareBp === null ? '' : bpToPercent(r.investmentShareBp),
    deadlines: r.shareDeadlines.map((d) => ({ after: d.after, share: bpToPercent(d.shareBp) })),
    preEnabled: r.preSubsidy.enabled,
    preShare: bpToPercent(r.preSubsidy.shareBp),
    preCap: fenToInput(r.preSubsidy.capFen),
    preTrigger: r.preSubsidy.trigger,
    benchmarkMax: fenToInput(r.benchmarkMaxFen),
    benchmarkPaysDifference: r.benchmarkPaysDifference,
    eligibleClasses: r.eligibleClasses,
    amountsWithTax: r.amountsWithTax,
    requiresAboveScale: r.requiresAboveScale,
    otherFunding: r.otherFunding,
  };
}

/** Server field paths → the form's fields. */
const PATH_TO_FIELD: Record<string, string> = {
  'rules.levelCapsFen.2': 'cap2',
  'rules.levelCapsFen.3': 'cap3',
  'rules.levelCapsFen.4': 'cap4',
  'rules.investmentShareBp': 'share',
  'rules.preSubsidy.shareBp': 'preShare',
  'rules.preSubsidy.capFen': 'preCap',
  'rules.benchmarkMaxFen': 'benchmarkMax',
  'rules.eligibleClasses': 'eligibleClasses',
  code: 'code',
  name: 'name',
  effectiveFrom: 'effectiveFrom',
  effectiveTo: 'effectiveTo',
};

function YuanHint({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item noStyle shouldUpdate={(a: Record<string, unknown>, b: Record<string, unknown>) => a[name] !== b[name]}>
      {({ getFieldValue }) => {
        const r = parseYuanToFen(String(getFieldValue(name) ?? ''));
        return r.ok ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('policy.wanHint', { wan: formatFenAsWan(r.fen) })}</Typography.Text> : null;
      }}
    </Form.Item>
  );
}

function PolicyForm({ policy, copyFrom, onClose }: { policy: PolicyView | null; copyFrom: PolicyView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = AntApp.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<FormValues>();
  const save = useSavePolicy();
  const [error, setError] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const initial = policy
    ? toForm(policy)
    : toForm({ code: copyFrom?.code ?? 'zs-2024-5', name: t('policy.defaultName'), effectiveFrom: '2024-01-01', effectiveTo: null, note: null, rules: DEFAULT_POLICY_RULES });

  const yuanRule = {
    validator: async (_r: unknown, v: string | undefined) => {
      const r = parseYuanToFen(String(v ?? ''));
      if (!r.ok) throw new Error(tx(r.message));
    },
  };
  const pctRule = (required: boolean) => ({
    validator: async (_r: unknown, v: string | undefined) => {
      if (!required && (v === undefined || v.trim() === '')) return;
      if (parsePercentToBp(String(v ?? '')) === null) throw new Error(t('policy.percentInvalid'));
    },
  });
  const fen = (v: string) => {
    const r = parseYuanToFen(v);
    return r.ok ? r.fen : 0;
  };

  const onFinish = (v: FormValues) => {
    setError(null);
    setOtherErrors([]);
    const rules: SubsidyPolicyRules = {
      levelCapsFen: { '2': fen(v.cap2), '3': fen(v.cap3), '4': fen(v.cap4) },
      investmentShareBp: v.share && v.share.trim() !== '' ? parsePercentToBp(v.share) : null,
      shareDeadlines: (v.deadlines ?? []).map((d) => ({ after: d.after, shareBp: parsePercentToBp(d.share) ?? 0 })),
      preSubsidy: { enabled: v.preEnabled, shareBp: parsePercentToBp(v.preShare) ?? 0, capFen: fen(v.preCap), trigger: v.preTrigger },
      benchmarkMaxFen: fen(v.benchmarkMax),
      benchmarkPaysDifference: v.benchmarkPaysDifference,
      eligibleClasses: v.eligibleClasses,
      amountsWithTax: v.amountsWithTax,
      requiresAboveScale: v.requiresAboveScale,
      otherFunding: v.otherFunding,
    };
    save.mutate(
      { id: policy?.id ?? null, body: { code: v.code, name: v.name, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo ? v.effectiveTo : null, note: v.note ? v.note : null, rules } },
      {
        onSuccess: () => {
          void message.success(t('policy.saved'));
          onClose();
        },
        onError: (e) => {
          if (isApiError(e) && e.fields.length > 0) {
            const mapped: Array<{ name: keyof FormValues; errors: string[] }> = [];
            const rest: string[] = [];
            for (const f of e.fields) {
              const field = PATH_TO_FIELD[f.path];
              if (field) mapped.push({ name: field as keyof FormValues, errors: [f.message] });
              else rest.push(`${f.path}：${f.message}`);
            }
            form.setFields(mapped);
            setOtherErrors(rest);
          }
          setError(e.message);
        },
      },
    );
  };

  return (
    <Drawer open onClose={onClose} size={screens.md ? 720 : '100%'} title={policy ? t('policy.editDraft', { v: policy.version }) : t('policy.newDraft')} destroyOnHidden>
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} requiredMark="optional" scrollToFirstError>
        {error ? <Alert type="error" showIcon title={error} description={otherErrors.length ? otherErrors.join('；') : undefined} style={{ marginBottom: 12 }} /> : null}
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('policy.code')} extra={t('policy.codeHelp')} rules={[{ required: true, message: t('policy.required') }]}>
              <Input disabled={Boolean(policy)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('policy.name')} rules={[{ required: true, message: t('policy.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="effectiveFrom" label={t('policy.effectiveFrom')} rules={[{ required: true, message: t('policy.required') }]}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="effectiveTo" label={t('policy.effectiveTo')} extra={t('policy.effectiveToHelp')}>
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('policy.capsTitle')}</Typography.Title>
        <Row gutter={12}>
          {(['cap2', 'cap3', 'cap4'] as const).map((name) => (
            <Col xs={24} md={8} key={name}>
              <Form.Item name={name} label={t(`policy.${name}`)} rules={[yuanRule]} extra={<YuanHint name={name} />}>
                <Input suffix={t('policy.yuan')} inputMode="decimal" />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <Typography.Title level={5}>{t('policy.shareTitle')}</Typography.Title>
        <Form.Item name="share" label={t('policy.share')} extra={t('policy.shareHelp')} rules={[pctRule(false)]}>
          <Input suffix="%" inputMode="decimal" style={{ maxWidth: 220 }} />
        </Form.Item>
        <Form.List name="deadlines">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginBottom: 12 }}>
              <Typography.Text>{t('policy.deadlines')}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('policy.deadlinesHelp')}
              </Typography.Text>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'after']} label={t('policy.deadlineAfter')} rules={[{ required: true, message: t('policy.required') }]}>
                    <Input type="date" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'share']} label={t('policy.deadlineShare')} rules={[pctRule(true)]}>
                    <Input suffix="%" inputMode="decimal" style={{ width: 120 }} />
                  </Form.Item>
                  <Button type="text" danger icon={<MinusCircleOutlined />} aria-label={t('policy.removeDeadline')} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ after: '', share: '' })} style={{ alignSelf: 'flex-start' }}>
                {t('policy.addDeadline')}
              </Button>
            </Flex>
          )}
        </Form.List>

        <Typography.Title level={5}>{t('policy.preTitle')}</Typography.Title>
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item name="preEnabled" label={t('policy.preEnabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="preTrigger" label={t('policy.preTrigger')}>
              <Select options={[{ value: 'downPayment', label: t('policy.triggerDownPayment') }, { value: 'contractAmount', label: t('policy.triggerContract') }]} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="preShare" label={t('policy.preShare')} rules={[pctRule(true)]}>
              <Input suffix="%" inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="preCap" label={t('policy.preCap')} rules={[yuanRule]} extra={<YuanHint name="preCap" />}>
              <Input suffix={t('policy.yuan')} inputMode="decimal" />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('policy.benchmarkTitle')}</Typography.Title>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="benchmarkMax" label={t('policy.benchmarkMax')} rules={[yuanRule]} extra={<YuanHint name="benchmarkMax" />}>
              <Input suffix={t('policy.yuan')} inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="benchmarkPaysDifference" label={t('policy.benchmarkPaysDifference')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('policy.costTitle')}</Typography.Title>
        <Form.Item name="eligibleClasses" label={t('policy.eligibleClasses')} extra={t('policy.eligibleHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('policy.eligibleRequired') }]}>
          <Checkbox.Group>
            <Row gutter={[8, 4]}>
              {COST_CLASSES.map((c) => (
                <Col xs={24} sm={12} key={c}>
                  <Checkbox value={c}>{tx(COST_CLASS_LABELS[c])}</Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="amountsWithTax" label={t('policy.taxBasis')}>
          <Radio.Group options={[{ value: true, label: t('policy.withTax') }, { value: false, label: t('policy.withoutTax') }]} />
        </Form.Item>

        <Typography.Title level={5}>{t('policy.declTitle')}</Typography.Title>
        <Form.Item name="requiresAboveScale" label={t('policy.requiresAboveScale')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="otherFunding" label={t('policy.otherFunding')}>
          <Radio.Group options={[{ value: 'deduct', label: t('policy.otherDeduct') }, { value: 'exclude', label: t('policy.otherExclude') }]} />
        </Form.Item>
        <Form.Item name="note" label={t('policy.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Flex gap={8} justify="end">
          <Button onClick={onClose}>{t('policy.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-save">
            {t('policy.saveDraft')}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}

function RulesSummary({ r }: { r: SubsidyPolicyRules }) {
  const { t } = useTranslation();
  return (
    <Typography.Text style={{ fontSize: 12 }}>
      {t('policy.summaryCaps', { c2: formatFenAsWan(r.levelCapsFen['2']), c3: formatFenAsWan(r.levelCapsFen['3']), c4: formatFenAsWan(r.levelCapsFen['4']) })}
      {r.investmentShareBp !== null ? ` · ${t('policy.summaryShare', { p: bpToPercent(r.investmentShareBp) })}` : ''}
      {r.shareDeadlines.length ? ` · ${t('policy.summaryDeadlines', { n: r.shareDeadlines.length })}` : ''}
    </Typography.Text>
  );
}

function PolicyDetails({ p }: { p: PolicyView }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const r = p.rules;
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
      <Descriptions.Item label={t('policy.capsTitle')}>{t('policy.summaryCaps', { c2: formatFenAsWan(r.levelCapsFen['2']), c3: formatFenAsWan(r.levelCapsFen['3']), c4: formatFenAsWan(r.levelCapsFen['4']) })}</Descriptions.Item>
      <Descriptions.Item label={t('policy.share')}>{r.investmentShareBp === null ? t('policy.noShare') : `${bpToPercent(r.investmentShareBp)}%`}</Descriptions.Item>
      <Descriptions.Item label={t('policy.deadlines')}>{r.shareDeadlines.length ? r.shareDeadlines.map((d) => t('policy.deadlineItem', { after: d.after, p: bpToPercent(d.shareBp) })).join('；') : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('policy.preTitle')}>
        {r.preSubsidy.enabled ? t('policy.preSummary', { base: t(r.preSubsidy.trigger === 'downPayment' ? 'policy.triggerDownPayment' : 'policy.triggerContract'), p: bpToPercent(r.preSubsidy.shareBp), cap: formatFenAsWan(r.preSubsidy.capFen) }) : t('policy.preNone')}
      </Descriptions.Item>
      <Descriptions.Item label={t('policy.benchmarkMax')}>
        {t('policy.wanValue', { wan: formatFenAsWan(r.benchmarkMaxFen) })}
        {r.benchmarkPaysDifference ? `（${t('policy.benchmarkPaysDifference')}）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('policy.eligibleClasses')}>{r.eligibleClasses.map((c) => tx(COST_CLASS_LABELS[c])).join('、')}</Descriptions.Item>
      <Descriptions.Item label={t('policy.taxBasis')}>{t(r.amountsWithTax ? 'policy.withTax' : 'policy.withoutTax')}</Descriptions.Item>
      <Descriptions.Item label={t('policy.declTitle')}>
        {r.requiresAboveScale ? t('policy.requiresAboveScale') : t('policy.anyScale')}；{t(r.otherFunding === 'deduct' ? 'policy.otherDeduct' : 'policy.otherExclude')}
      </Descriptions.Item>
    </Descriptions>
  );
}

export function PoliciesPage() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message, modal } = AntApp.useApp();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const isAdmin = me.data?.bureauRole === 'admin';
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = usePolicies(page, pageSize);
  const inForce = usePolicyInForce();
  const action = usePolicyAction();
  const [editing, setEditing] = useState<{ policy: PolicyView | null; copyFrom: PolicyView | null } | null>(null);
  const [open, setOpen] = useState<PolicyView | null>(null);
  const retireReasonRef = useRef('');

  const run = (p: PolicyView, act: 'publish' | 'retire' | 'new-version' | 'delete', reason?: string) =>
    action.mutate(
      { id: p.id, action: act, reason },
      {
        onSuccess: (res) => {
          void message.success(t(`policy.done.${act}`));
          if (act === 'new-version' && res) setEditing({ policy: res, copyFrom: null });
          setOpen(null);
        },
        onError: (e) => void message.error(e.message),
      },
    );

  const confirmPublish = (p: PolicyView) =>
    modal.confirm({
      title: t('policy.publishConfirmTitle', { name: p.name, v: p.version }),
      content: t('policy.publishConfirm', { from: p.effectiveFrom, to: p.effectiveTo ?? t('policy.openEnded') }),
      okText: t('policy.publish'),
      cancelText: t('policy.cancel'),
      onOk: () => run(p, 'publish'),
    });
  const confirmRetire = (p: PolicyView) => {
    retireReasonRef.current = '';
    modal.confirm({
      title: t('policy.retireConfirmTitle', { name: p.name, v: p.version }),
      content: <Input.TextArea aria-label={t('policy.retireReason')} placeholder={t('policy.retireReason')} rows={2} onChange={(e) => (retireReasonRef.current = e.target.value)} />,
      okText: t('policy.retire'),
      okButtonProps: { danger: true },
      cancelText: t('policy.cancel'),
      onOk: () => run(p, 'retire', retireReasonRef.current),
    });
  };

  const actions = (p: PolicyView) =>
    isAdmin ? (
      <Space wrap size={4} onClick={(e) => e.stopPropagation()}>
        {p.canEdit ? (
          <Button size="small" onClick={() => setEditing({ policy: p, copyFrom: null })}>
            {t('policy.edit')}
          </Button>
        ) : null}
        {p.canPublish ? (
          <Button size="small" type="primary" onClick={() => confirmPublish(p)} data-testid="policy-publish">
            {t('policy.publish')}
          </Button>
        ) : null}
        {p.status === 'draft' ? (
          <Button size="small" danger onClick={() => modal.confirm({ title: t('policy.deleteConfirm'), okButtonProps: { danger: true }, onOk: () => run(p, 'delete') })}>
            {t('policy.delete')}
          </Button>
        ) : null}
        <Button size="small" onClick={() => run(p, 'new-version')}>
          {t('policy.newVersion')}
        </Button>
        {p.canRetire ? (
          <Button size="small" danger onClick={() => confirmRetire(p)}>
            {t('policy.retire')}
          </Button>
        ) : null}
      </Space>
    ) : null;

  const statusTag = (p: PolicyView) => (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[p.status]}>{tx(p.statusLabel)}</Tag>
      {p.inForceToday ? <Tag color="blue">{t('policy.inForceToday')}</Tag> : null}
    </Space>
  );
  const dates = (p: PolicyView) => `${p.effectiveFrom} ~ ${p.effectiveTo ?? t('policy.openEnded')}`;

  return (
    <>
      <PageHeader
        title={t('policy.menuPolicies')}
        extra={
          isAdmin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ policy: null, copyFrom: null })} data-testid="policy-new">
              {t('policy.newDraft')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        {inForce.data?.policy ? (
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('policy.inForceNow', { name: inForce.data.policy.name, v: inForce.data.policy.version })}</Typography.Text>
            <Typography.Text type="secondary">{dates(inForce.data.policy)}</Typography.Text>
            <RulesSummary r={inForce.data.policy.rules} />
          </Flex>
        ) : inForce.isLoading ? null : (
          <Alert type="warning" showIcon title={t('policy.noneInForce')} />
        )}
      </Card>
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataView<PolicyView>
          rows={list.data?.items ?? []}
          rowKey={(p) => p.id}
          loading={list.isFetching}
          total={list.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => {
            setPage(p);
            setPageSize(s);
          }}
          onOpen={(p) => setOpen(p)}
          scrollX={1100}
          empty={t('policy.noPolicies')}
          columns={[
            { title: t('policy.codeVersion'), key: 'code', width: 150, render: (_: unknown, p) => `${p.code} · ${t('policy.versionN', { v: p.version })}` },
            { title: t('policy.name'), dataIndex: 'name', width: 260 },
            { title: t('policy.effective'), key: 'dates', width: 190, render: (_: unknown, p) => dates(p) },
            { title: t('policy.status'), key: 'status', width: 150, render: (_: unknown, p) => statusTag(p) },
            { title: t('policy.rulesCol'), key: 'rules', width: 240, render: (_: unknown, p) => <RulesSummary r={p.rules} /> },
            { title: t('policy.actions'), key: 'actions', width: 260, render: (_: unknown, p) => actions(p) },
          ]}
          card={(p) => (
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{p.name}</Typography.Text>
                {statusTag(p)}
              </Flex>
              <Typography.Text type="secondary">
                {p.code} · {t('policy.versionN', { v: p.version })} · {dates(p)}
              </Typography.Text>
              <RulesSummary r={p.rules} />
              {actions(p)}
            </Flex>
          )}
        />
      )}
      {open ? (
        <Drawer open onClose={() => setOpen(null)} size={screens.md ? 720 : '100%'} title={`${open.name} · ${t('policy.versionN', { v: open.version })}`}>
          <Flex vertical gap={12}>
            {statusTag(open)}
            <Typography.Text type="secondary">{dates(open)}</Typography.Text>
            <PolicyDetails p={open} />
            {open.note ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{open.note}</Typography.Paragraph> : null}
            {actions(open)}
          </Flex>
        </Drawer>
      ) : null}
      {editing ? <PolicyForm policy={editing.policy} copyFrom={editing.copyFrom} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

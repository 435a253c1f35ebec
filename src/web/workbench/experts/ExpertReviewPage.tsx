/**
 * One review task of the expert (/workbench/expert-reviews/:id): the conflict-of-interest declaration first (a
 * pledge, or a recusal with its reason), then the case (calculation, invoices, payments, materials) and the rubric
 * form with each item's guidance, a running total, the recommended amount in yuan and the opinion; read-only after
 * submission. One column on a phone.
 */
import { App as AntApp, Alert, Button, Card, Checkbox, Descriptions, Flex, Form, Input, InputNumber, List, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, apiUrl } from '../../api/client';
import { formatFenAsYuan } from '../../../core/money';
import { DueTag } from '../../components/DueTag';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { StatusBadge } from './ExpertHome';
import { useDeclare, useExpertTask, useSaveDraft, useSubmitReview, type CaseFacts, type ExpertTaskView, type ReviewBody } from './api';

interface ReviewForm {
  scores: Record<string, number | null>;
  recommended: number | null;
  opinion: string;
}

const toFen = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? null : Math.round(yuan * 100));
const toYuan = (fen: number | null) => (fen === null ? null : fen / 100);

function Declaration({ task }: { task: ExpertTaskView }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const declare = useDeclare(task.id);
  const [agreed, setAgreed] = useState(false);
  const [recusing, setRecusing] = useState(false);
  const [reason, setReason] = useState('');
  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.message : t('errors.unknown'));
  return (
    <Card title={t('experts.declarationTitle')}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph style={{ fontSize: 15, lineHeight: 1.8, marginBottom: 0 }}>{t('experts.pledge')}</Typography.Paragraph>
        <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)}>
          {t('experts.pledgeCheck')}
        </Checkbox>
        <Flex gap={8} wrap>
          <Button type="primary" disabled={!agreed} loading={declare.isPending} onClick={() => declare.mutate({ noConflict: true }, { onError: fail })}>
            {t('experts.declareNoConflict')}
          </Button>
          <Button danger onClick={() => setRecusing(true)}>
            {t('experts.recuse')}
          </Button>
        </Flex>
      </Space>
      <Modal
        open={recusing}
        title={t('experts.recuseTitle')}
        okText={t('experts.recuseConfirm')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: declare.isPending }}
        onCancel={() => setRecusing(false)}
        onOk={() => declare.mutate({ noConflict: false, reason: reason.trim() }, { onError: fail, onSuccess: () => setRecusing(false) })}
      >
        <Form layout="vertical">
          <Form.Item label={t('experts.recuseReason')} required>
            <Input.TextArea rows={3} maxLength={500} value={reason} placeholder={t('experts.recuseReasonPlaceholder')} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function CaseCard({ taskId, facts }: { taskId: string; facts: CaseFacts }) {
  const { t } = useTranslation();
  const yuan = (fen: number | null) => (fen === null ? '—' : formatFenAsYuan(fen));
  const steps = Array.isArray(facts.calculation?.steps) ? (facts.calculation.steps as unknown[]).filter((s): s is { zh?: string; en?: string; text?: string } => typeof s === 'object' && s !== null) : [];
  return (
    <Card title={t('experts.caseTitle')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions column={{ xs: 1, sm: 1, md: 3 }} size="small" bordered>
          <Descriptions.Item label={t('experts.suggested')}>{yuan(facts.suggestedFen)}</Descriptions.Item>
          <Descriptions.Item label={t('experts.verifiedInvestment')}>{yuan(facts.verifiedInvestmentFen)}</Descriptions.Item>
          <Descriptions.Item label={t('experts.otherFunding')}>{yuan(facts.otherFundingFen)}</Descriptions.Item>
        </Descriptions>
        {steps.length > 0 && (
          <div>
            <Typography.Title level={5}>{t('experts.calculation')}</Typography.Title>
            <ol style={{ paddingInlineStart: 20, margin: 0 }}>
              {steps.map((s, i) => (
                <li key={i}>{s.zh ?? s.text ?? JSON.stringify(s)}</li>
              ))}
            </ol>
          </div>
        )}
        <div>
          <Typography.Title level={5}>{t('experts.invoices')}</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 560 }}
            dataSource={facts.invoices}
            columns={[
              { key: 'no', title: t('experts.invoiceNo'), dataIndex: 'number' },
              { key: 'on', title: t('experts.issuedOn'), dataIndex: 'issuedOn' },
              { key: 'amt', title: t('experts.amount'), align: 'right', render: (_, r) => formatFenAsYuan(r.amountFen) },
              { key: 'tax', title: t('experts.tax'), align: 'right', render: (_, r) => formatFenAsYuan(r.taxFen) },
              { key: 'class', title: t('experts.costClass'), dataIndex: 'costClass' },
              { key: 'seller', title: t('experts.seller'), dataIndex: 'seller' },
            ]}
          />
        </div>
        <div>
          <Typography.Title level={5}>{t('experts.payments')}</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 400 }}
            dataSource={facts.payments}
            columns={[
              { key: 'on', title: t('experts.paidOn'), dataIndex: 'paidOn' },
              { key: 'amt', title: t('experts.amount'), align: 'right', render: (_, r) => formatFenAsYuan(r.amountFen) },
              { key: 'payee', title: t('experts.payee'), dataIndex: 'payee' },
            ]}
          />
        </div>
        <div>
          <Typography.Title level={5}>{t('experts.materialsTitle')}</Typography.Title>
          <List
            size="small"
            bordered
            dataSource={facts.materials}
            renderItem={(m) => (
              <List.Item
                actions={[
                  <a key="dl" href={apiUrl(`/expert-reviews/${taskId}/materials/${m.id}/download`)} aria-label={`${t('experts.download')} ${m.fileName}`}>
                    <DownloadOutlined /> {t('experts.download')}
                  </a>,
                ]}
              >
                <List.Item.Meta title={m.slotLabel} description={m.fileName} />
              </List.Item>
            )}
          />
        </div>
      </Space>
    </Card>
  );
}

function RubricCard({ task }: { task: ExpertTaskView }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ReviewForm>();
  const save = useSaveDraft(task.id);
  const submit = useSubmitReview(task.id);
  const initial = useMemo<ReviewForm>(
    () => ({ scores: Object.fromEntries(task.rubric.items.map((i) => [i.id, task.scores[i.id] ?? null])), recommended: toYuan(task.recommendedFen), opinion: task.opinion ?? '' }),
    [task],
  );
  // The server's values fill the form until the expert starts typing; a refetch after that never overwrites their input.
  useEffect(() => {
    if (!form.isFieldsTouched()) form.setFieldsValue(initial);
  }, [form, initial]);
  const scores = Form.useWatch('scores', form) ?? initial.scores;
  const total = task.rubric.items.reduce((s, i) => s + (typeof scores?.[i.id] === 'number' ? (scores[i.id] as number) : 0), 0);
  const readOnly = task.readOnly;

  const body = (v: ReviewForm): ReviewBody => ({
    scores: Object.fromEntries(Object.entries(v.scores ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number')),
    recommendedFen: toFen(v.recommended),
    opinion: v.opinion ? v.opinion : null,
  });
  const onError = (e: unknown) => {
    if (e instanceof ApiError) {
      if (e.fields.length) {
        form.setFields(
          e.fields.flatMap((f) => {
            const name: ['scores', string] | 'recommended' | 'opinion' | null = f.path.startsWith('scores.') ? ['scores', f.path.slice(7)] : f.path === 'recommendedFen' ? 'recommended' : f.path === 'opinion' ? 'opinion' : null;
            return name ? [{ name, errors: [f.message] }] : [];
          }),
        );
      }
      void message.error(e.message);
    } else void message.error(t('errors.unknown'));
  };
  const onDraft = () => save.mutate(body(form.getFieldsValue(true) as ReviewForm), { onError, onSuccess: () => void message.success(t('experts.saved')) });
  const onSubmit = async () => {
    const v = await form.validateFields();
    submit.mutate(body(v), { onError, onSuccess: () => void message.success(t('experts.submitted')) });
  };
  const suggested = task.suggestedFen;
  return (
    <Card
      title={readOnly ? t('experts.yourReview') : t('experts.rubricTitle')}
      extra={<Typography.Text strong data-testid="rubric-total">{t('experts.runningTotal', { total: readOnly && task.totalScore !== null ? task.totalScore : total, max: task.rubric.max })}</Typography.Text>}
    >
      {readOnly && task.submittedAt && <Alert type="success" showIcon style={{ marginBottom: 16 }} message={t('experts.readOnlyNotice')} description={t('experts.submittedAt', { time: formatDateTime(task.submittedAt) })} />}
      <Form form={form} layout="vertical" initialValues={initial} disabled={readOnly}>
        {task.rubric.items.map((item) => (
          <Form.Item
            key={item.id}
            name={['scores', item.id]}
            label={
              <Flex vertical>
                <Typography.Text strong>
                  {item.label}（{t('experts.maxPoints', { max: item.max })}）
                </Typography.Text>
              </Flex>
            }
            extra={item.guidance}
            rules={[{ required: true, message: t('experts.maxPoints', { max: item.max }) }]}
          >
            <InputNumber min={0} max={item.max} precision={0} step={1} inputMode="numeric" style={{ width: 160 }} addonAfter={`/ ${item.max}`} />
          </Form.Item>
        ))}
        <Form.Item
          name="recommended"
          label={t('experts.recommended')}
          extra={suggested !== null ? t('experts.recommendedHelp', { amount: formatFenAsYuan(suggested) }) : undefined}
          rules={[{ required: true, message: t('experts.recommended') }]}
        >
          <InputNumber min={0} max={suggested !== null ? suggested / 100 : undefined} precision={2} inputMode="decimal" style={{ width: '100%', maxWidth: 280 }} />
        </Form.Item>
        <Form.Item name="opinion" label={t('experts.opinion')} rules={[{ required: true, min: 10, message: t('experts.opinionPlaceholder') }]}>
          <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('experts.opinionPlaceholder')} />
        </Form.Item>
        {!readOnly && (
          <Flex gap={8} wrap>
            <Button onClick={onDraft} loading={save.isPending}>
              {t('experts.saveDraft')}
            </Button>
            <Popconfirm title={t('experts.submitConfirm')} onConfirm={() => void onSubmit()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              <Button type="primary" loading={submit.isPending}>
                {t('experts.submit')}
              </Button>
            </Popconfirm>
          </Flex>
        )}
      </Form>
    </Card>
  );
}

export function ExpertReviewPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const q = useExpertTask(id);
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const task = q.data;
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('experts.menuExpertHome'), to: '/workbench' }, { title: t('experts.menuExpertReview') }]}
        title={task?.project.title ?? t('experts.menuExpertReview')}
        tag={task ? <StatusBadge status={task.status} /> : undefined}
        subTitle={task ? `${task.project.enterpriseName}${task.project.filingNo ? ` · ${t('experts.filingNo', { no: task.project.filingNo })}` : ''}` : undefined}
        extra={task?.active && (task.status === 'toDeclare' || task.status === 'toScore') ? <DueTag dueOn={task.dueOn} overdue={task.overdue} /> : undefined}
      />
      {!task ? (
        <Card loading />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {!task.active && <Alert type="info" showIcon message={t('experts.closedNotice')} />}
          {task.status === 'toDeclare' && task.active && <Declaration task={task} />}
          {task.status === 'recused' && <Alert type="warning" showIcon message={t('experts.recusedNotice', { reason: task.recusalReason ?? '' })} />}
          {task.declaredAt && task.status !== 'recused' && task.active && <Typography.Text type="secondary">{t('experts.declaredAt', { time: formatDateTime(task.declaredAt) })}</Typography.Text>}
          {task.facts && <CaseCard taskId={task.id} facts={task.facts} />}
          {(task.status === 'toScore' || task.status === 'submitted') && <RubricCard key={task.id} task={task} />}
        </Space>
      )}
    </>
  );
}

/** The announcements area's pages (stages 7–8): announcements (list, create, finalise) and objections (finding). */
import { useState } from 'react';
import { App as AntApp, Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { DataView } from '../../components/DataView';
import { ErrorState } from '../../components/ErrorState';
import { useAnnouncements, useCreateAnnouncement, useFinalise, useObjections, useRecordFinding, evidenceUrl, type AnnouncementSummary, type CreateAnnouncementBody, type ObjectionView } from './api';
import { kindText, windowText } from './labels';

export function AnnouncementsAdminPage() {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [kind, setKind] = useState<string | undefined>();
  const q = useAnnouncements({ kind, page: page.page, pageSize: page.pageSize });
  const create = useCreateAnnouncement();
  const finalise = useFinalise();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CreateAnnouncementBody>();
  const doFinalise = (a: AnnouncementSummary) =>
    finalise.mutate(a.id, {
      onSuccess: () => void message.success(t('announcements.finalised')),
      onError: (e) => void modal.warning({ title: t('announcements.finalise'), content: e.message }),
    });
  const columns: TableColumnsType<AnnouncementSummary> = [
    { title: t('announcements.title'), dataIndex: 'title', ellipsis: true, render: (v: string, a) => <Link to={`/announcements/${a.id}`}>{v}</Link> },
    { title: t('announcements.kind'), dataIndex: 'kind', width: 110, render: (v: string) => kindText(t, v) },
    { title: t('announcements.period'), key: 'period', width: 200, render: (_: unknown, a) => `${a.startsOn} ~ ${a.endsOn}` },
    { title: t('announcements.objectionsOpen'), dataIndex: 'openObjections', width: 110 },
    { title: '', key: 'status', width: 160, render: (_: unknown, a) => <Tag>{windowText(t, a)}</Tag> },
    { title: '', key: 'act', width: 90, render: (_: unknown, a) => (a.status === 'open' ? <Button size="small" onClick={() => doFinalise(a)}>{t('announcements.finalise')}</Button> : null) },
  ];
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('announcements.menuAnnouncementsAdmin')} extra={<Button type="primary" onClick={() => setOpen(true)}>{t('announcements.create')}</Button>} />
      <Select allowClear aria-label={t('announcements.allKinds')} placeholder={t('announcements.allKinds')} style={{ width: 200 }} value={kind} onChange={setKind} options={['funded', 'pilot', 'payment', 'benchmark', 'pre', 'catalog'].map((k) => ({ value: k, label: kindText(t, k) }))} />
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView
          rows={q.data?.items ?? []}
          rowKey={(a) => a.id}
          columns={columns}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={page.page}
          pageSize={page.pageSize}
          onPage={(p, s) => setPage({ page: p, pageSize: s })}
          card={(a) => (
            <Flex vertical gap={4}>
              <Link to={`/announcements/${a.id}`}>{a.title}</Link>
              <Typography.Text type="secondary">{kindText(t, a.kind)} · {a.startsOn} ~ {a.endsOn}</Typography.Text>
              <Space>
                <Tag>{windowText(t, a)}</Tag>
                {a.status === 'open' ? <Button size="small" onClick={() => doFinalise(a)}>{t('announcements.finalise')}</Button> : null}
              </Space>
            </Flex>
          )}
        />
      )}
      <Modal
        open={open}
        title={t('announcements.create')}
        onCancel={() => setOpen(false)}
        confirmLoading={create.isPending}
        onOk={() =>
          void form.validateFields().then((v) =>
            create.mutate(v, {
              onSuccess: (r) => {
                setOpen(false);
                form.resetFields();
                void message.success(t('announcements.created', { endsOn: r.endsOn, count: r.itemCount }));
              },
              onError: (e) => void message.error(e.message),
            }),
          )
        }
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'funded', workingDays: 7 }}>
          <Form.Item name="kind" label={t('announcements.kind')} rules={[{ required: true }]}>
            <Select options={(['funded', 'pilot', 'payment'] as const).map((k) => ({ value: k, label: kindText(t, k) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('announcements.title')} rules={[{ required: true, min: 4 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="body" label={t('announcements.body')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="officeName" label={t('announcements.office')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name="officeContact" label={t('announcements.officeContact')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="workingDays" label={t('announcements.workingDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

export function ObjectionsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [status, setStatus] = useState<string | undefined>('open');
  const q = useObjections({ status, page: page.page, pageSize: page.pageSize });
  const record = useRecordFinding();
  const [target, setTarget] = useState<ObjectionView | null>(null);
  const [form] = Form.useForm<{ outcome: string; finding: string }>();
  const outcomeLabel = (o: string | null) => (o === 'upheld' ? t('announcements.outcome_upheld') : o === 'partlyUpheld' ? t('announcements.outcome_partlyUpheld') : o === 'dismissed' ? t('announcements.outcome_dismissed') : '');
  const body = (o: ObjectionView) => (
    <Flex vertical gap={4}>
      <Typography.Text strong>
        {o.announcementTitle} {o.itemLabel ? `· ${o.itemLabel}` : ''}
      </Typography.Text>
      <Space wrap>
        {o.isOrganisation ? <Tag color="purple">{t('announcements.organisationMark')}：{o.organisationName}</Tag> : <Tag>{t('announcements.personal')}</Tag>}
        <Typography.Text>{o.objectorName} · {o.contact}</Typography.Text>
        <Tag color={o.status === 'open' ? 'orange' : 'green'}>{o.status === 'open' ? t('announcements.objStatus_open') : `${t('announcements.objStatus_closed')} · ${outcomeLabel(o.outcome)}`}</Tag>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{o.facts}</Typography.Paragraph>
      {o.evidence.length > 0 ? (
        <Space wrap>
          {t('announcements.evidenceFiles')}:
          {o.evidence.map((e, n) => (
            <a key={e.sha256} href={evidenceUrl(o.id, e.sha256)}>{t('announcements.file', { n: n + 1 })}</a>
          ))}
        </Space>
      ) : null}
      {o.finding ? <Typography.Text type="secondary">{t('announcements.finding')}：{o.finding}</Typography.Text> : null}
      {o.canHandle ? <Button size="small" type="primary" style={{ alignSelf: 'flex-start' }} onClick={() => setTarget(o)}>{t('announcements.recordFinding')}</Button> : null}
    </Flex>
  );
  const columns: TableColumnsType<ObjectionView> = [{ title: t('announcements.objections'), key: 'o', render: (_: unknown, o) => body(o) }];
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('announcements.menuObjections')} />
      <Select allowClear aria-label={t('announcements.allStatuses')} placeholder={t('announcements.allStatuses')} style={{ width: 200 }} value={status} onChange={setStatus} options={[{ value: 'open', label: t('announcements.objStatus_open') }, { value: 'closed', label: t('announcements.objStatus_closed') }]} />
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView rows={q.data?.items ?? []} rowKey={(o) => o.id} columns={columns} card={body} loading={q.isFetching} total={q.data?.total ?? 0} page={page.page} pageSize={page.pageSize} onPage={(p, s) => setPage({ page: p, pageSize: s })} />
      )}
      <Modal
        open={target !== null}
        title={t('announcements.recordFinding')}
        onCancel={() => setTarget(null)}
        confirmLoading={record.isPending}
        onOk={() =>
          void form.validateFields().then((v) =>
            target
              ? record.mutate(
                  { id: target.id, ...v },
                  {
                    onSuccess: () => {
                      setTarget(null);
                      form.resetFields();
                      void message.success(t('announcements.findingSaved'));
                    },
                    onError: (e) => void message.error(e.message),
                  },
                )
              : undefined,
          )
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="outcome" label={t('announcements.outcome')} rules={[{ required: true }]}>
            <Select options={(['upheld', 'partlyUpheld', 'dismissed'] as const).map((o) => ({ value: o, label: outcomeLabel(o) }))} />
          </Form.Item>
          <Form.Item name="finding" label={t('announcements.finding')} rules={[{ required: true, min: 10 }]}>
            <Input.TextArea rows={5} maxLength={5000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

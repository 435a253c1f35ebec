/** Public pages of stages 7–8: lists, announcements with objections, certificate verification. */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Flex, Form, Input, List, Result, Select, Space, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { DataView } from '../components/DataView';
import { ErrorState } from '../components/ErrorState';
import { useRefLookup } from '../api/hooks';
import { isApiError } from '../api/client';
import { formatFenAsWan, formatFenAsYuan } from '../../core/money';
import { useLang } from '../i18n';
import {
  openDataUrl,
  uploadEvidence,
  useLodgeObjection,
  usePublicAnnouncement,
  usePublicAnnouncements,
  usePublicList,
  type DataRow,
  type Dataset,
} from '../workbench/announcements/api';
import { kindText, windowText } from '../workbench/announcements/labels';

const str = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
const fen = (v: string | number | null | undefined): number => (typeof v === 'number' ? v : 0);

/** CSV · XLSX · JSON buttons of a list (stable URLs). */
export function DownloadButtons({ dataset }: { dataset: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small">
      <Flex wrap gap={8} align="center">
        <Typography.Text strong>{t('announcements.download')}</Typography.Text>
        {(['csv', 'xlsx', 'json'] as const).map((f) => (
          <Button key={f} size="small" icon={<DownloadOutlined />} href={openDataUrl(dataset, f)} download>
            {f.toUpperCase()}
          </Button>
        ))}
        <Typography.Text type="secondary">{t('announcements.downloadHint')}</Typography.Text>
      </Flex>
    </Card>
  );
}

/** The announcements of a kind, linked to their pages. */
function RelatedAnnouncements({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const q = usePublicAnnouncements(kind, 1, 5);
  const rows = q.data?.items ?? [];
  return (
    <Card size="small" title={t('announcements.relatedAnnouncements')}>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('announcements.noAnnouncements')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={rows}
          renderItem={(a) => (
            <List.Item>
              <Flex wrap gap={8} align="center" style={{ width: '100%' }}>
                <Link to={`/announcements/${a.id}`}>{a.title}</Link>
                <Tag color={a.window === 'open' && a.status === 'open' ? 'blue' : a.status === 'final' ? 'green' : 'default'}>{windowText(t, a)}</Tag>
                <Typography.Text type="secondary">
                  {a.startsOn} ~ {a.endsOn}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function PublicListPage({ dataset, kind, title, intro, columns, card }: { dataset: Dataset; kind: string; title: string; intro: string; columns: TableColumnsType<DataRow>; card: (r: DataRow) => React.ReactNode }) {
  useDocumentTitle(title);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const q = usePublicList(dataset, page.page, page.pageSize);
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {intro}
        </Typography.Paragraph>
      </div>
      <DownloadButtons dataset={dataset} />
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView
          rows={q.data?.items ?? []}
          rowKey={(r) => str(r.trancheId ?? r.projectId) + str(r.decidedOn)}
          columns={columns}
          card={card}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={page.page}
          pageSize={page.pageSize}
          onPage={(p, s) => setPage({ page: p, pageSize: s })}
        />
      )}
      <RelatedAnnouncements kind={kind} />
    </Flex>
  );
}

export function PilotEnterprisesPage() {
  const { t } = useTranslation();
  const columns: TableColumnsType<DataRow> = [
    { title: t('announcements.enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
    { title: t('announcements.project'), dataIndex: 'projectName', ellipsis: true },
    { title: t('announcements.town'), dataIndex: 'town', width: 140 },
    { title: t('announcements.industry'), dataIndex: 'industry', width: 200, ellipsis: true },
    { title: t('announcements.pilotOn'), dataIndex: 'pilotOn', width: 120 },
  ];
  return (
    <PublicListPage
      dataset="pilot-enterprises"
      kind="pilot"
      title={t('announcements.portalPilotEnterprises')}
      intro={t('announcements.introPilots')}
      columns={columns}
      card={(r) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{str(r.enterpriseName)}</Typography.Text>
          <Typography.Text>{str(r.projectName)}</Typography.Text>
          <Typography.Text type="secondary">
            {str(r.town)} · {str(r.pilotOn)}
          </Typography.Text>
        </Flex>
      )}
    />
  );
}

export function FundedProjectsPage() {
  const { t } = useTranslation();
  const columns: TableColumnsType<DataRow> = [
    { title: t('announcements.enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
    { title: t('announcements.project'), dataIndex: 'projectName', ellipsis: true },
    { title: t('announcements.town'), dataIndex: 'town', width: 120 },
    { title: t('announcements.approvedWan'), dataIndex: 'approvedFen', width: 140, align: 'right', render: (v: number) => formatFenAsWan(fen(v)) },
    { title: t('announcements.paidWan'), dataIndex: 'paidFen', width: 130, align: 'right', render: (v: number) => formatFenAsWan(fen(v)) },
    { title: t('announcements.decidedOn'), dataIndex: 'decidedOn', width: 120 },
  ];
  return (
    <PublicListPage
      dataset="funded-projects"
      kind="funded"
      title={t('announcements.portalFundedProjects')}
      intro={t('announcements.introFunded')}
      columns={columns}
      card={(r) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{str(r.enterpriseName)}</Typography.Text>
          <Typography.Text>{str(r.projectName)}</Typography.Text>
          <Typography.Text>
            {t('announcements.approvedWan')}: {formatFenAsWan(fen(r.approvedFen))} · {t('announcements.paidWan')}: {formatFenAsWan(fen(r.paidFen))}
          </Typography.Text>
          <Typography.Text type="secondary">
            {str(r.town)} · {str(r.decidedOn)}
          </Typography.Text>
        </Flex>
      )}
    />
  );
}

export function BenchmarksPublicPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.portalBenchmarksPublic')} />;
}

export function PaymentsPublicPage() {
  const { t } = useTranslation();
  const columns: TableColumnsType<DataRow> = [
    { title: t('announcements.enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
    { title: t('announcements.project'), dataIndex: 'projectName', ellipsis: true },
    { title: t('announcements.town'), dataIndex: 'town', width: 120 },
    { title: t('announcements.line'), dataIndex: 'line', width: 110 },
    { title: t('announcements.amountYuan'), dataIndex: 'amountFen', width: 150, align: 'right', render: (v: number) => formatFenAsYuan(fen(v)) },
    { title: t('announcements.paidOn'), dataIndex: 'paidOn', width: 120 },
  ];
  return (
    <PublicListPage
      dataset="payments"
      kind="payment"
      title={t('announcements.portalPaymentsPublic')}
      intro={t('announcements.introPayments')}
      columns={columns}
      card={(r) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{str(r.enterpriseName)}</Typography.Text>
          <Typography.Text>
            {str(r.line)} · {formatFenAsYuan(fen(r.amountFen))} {t('announcements.amountYuan').replace(/.*（|）|.*\(|\)/g, '')}
          </Typography.Text>
          <Typography.Text type="secondary">
            {str(r.town)} · {str(r.paidOn)}
          </Typography.Text>
        </Flex>
      )}
    />
  );
}

interface ObjectionForm {
  objectorName: string;
  contact: string;
  isOrganisation: boolean;
  organisationName?: string;
  itemId?: string;
  facts: string;
}

export function AnnouncementPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { id = '' } = useParams();
  const lookup = useRefLookup();
  const q = usePublicAnnouncement(id);
  const lodge = useLodgeObjection(id);
  const [form] = Form.useForm<ObjectionForm>();
  const [evidence, setEvidence] = useState<Array<{ uid: string; name: string; token: string }>>([]);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [done, setDone] = useState<{ id: string; officeName: string } | null>(null);
  const isOrg = Form.useWatch('isOrganisation', form);
  useDocumentTitle(q.data?.title ?? t('announcements.portalAnnouncement'));
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  if (!a) return <Card loading />;
  const rules = lang === 'en' ? a.rules.en : a.rules.zh;

  const submit = async (v: ObjectionForm) => {
    try {
      const r = await lodge.mutateAsync({
        objectorName: v.objectorName,
        contact: v.contact,
        isOrganisation: Boolean(v.isOrganisation),
        ...(v.isOrganisation && v.organisationName ? { organisationName: v.organisationName } : {}),
        ...(v.itemId ? { itemId: v.itemId } : {}),
        facts: v.facts,
        evidence: evidence.map((e) => e.token),
      });
      setDone({ id: r.id, officeName: r.officeName });
    } catch (e) {
      if (isApiError(e) && e.fields.length > 0) form.setFields(e.fields.map((f) => ({ name: f.path as keyof ObjectionForm, errors: [f.message] })));
    }
  };

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {a.title}
        </Typography.Title>
        <Space wrap>
          <Tag>{kindText(t, a.kind)}</Tag>
          <Tag color={a.window === 'open' && a.status === 'open' ? 'blue' : a.status === 'final' ? 'green' : 'default'}>{windowText(t, a)}</Tag>
        </Space>
      </div>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('announcements.period')}>{t('announcements.periodValue', { start: a.startsOn, end: a.endsOn, days: a.workingDays })}</Descriptions.Item>
          <Descriptions.Item label={t('announcements.office')}>{a.officeName}</Descriptions.Item>
          {a.officeContact ? <Descriptions.Item label={t('announcements.officeContact')}>{a.officeContact}</Descriptions.Item> : null}
          <Descriptions.Item label={t('announcements.objections')}>{t('announcements.objectionsCount', { open: a.openObjections, closed: a.closedObjections })}</Descriptions.Item>
        </Descriptions>
        {a.body ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 0 }}>{a.body}</Typography.Paragraph> : null}
      </Card>
      <Card size="small" title={`${t('announcements.items')}（${a.items.length}）`}>
        <List
          size="small"
          dataSource={a.items}
          renderItem={(i, n) => (
            <List.Item>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Typography.Text strong>
                  {n + 1}. {i.enterpriseName}
                </Typography.Text>
                <Typography.Text>{i.projectName}</Typography.Text>
                <Typography.Text type="secondary">
                  {[i.townCode ? lookup.town(i.townCode) : '', i.amountFen !== null ? `${formatFenAsWan(i.amountFen)} ${lang === 'en' ? '(10k yuan)' : '万元'}` : '', i.note ?? ''].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('announcements.howToObject')}>
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ol>
      </Card>
      <Card size="small" title={t('announcements.objectTitle')}>
        {done ? (
          <Result status="success" title={t('announcements.objectionReceived')} subTitle={t('announcements.objectionReceivedText', { office: done.officeName, id: done.id.slice(0, 8).toUpperCase() })} />
        ) : !a.acceptsObjections ? (
          <Alert type="info" showIcon message={a.window === 'notStarted' ? t('announcements.notStartedText') : t('announcements.windowClosedText')} />
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ isOrganisation: false }} style={{ maxWidth: 640 }}>
            {lodge.error && !(isApiError(lodge.error) && lodge.error.fields.length > 0) ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={lodge.error.message} /> : null}
            <Form.Item name="objectorName" label={t('announcements.objectorName')} rules={[{ required: true, whitespace: true, message: t('announcements.required') }]}>
              <Input maxLength={40} autoComplete="name" />
            </Form.Item>
            <Form.Item name="contact" label={t('announcements.contact')} rules={[{ required: true, whitespace: true, message: t('announcements.required') }]}>
              <Input maxLength={100} inputMode="email" />
            </Form.Item>
            <Form.Item name="isOrganisation" valuePropName="checked">
              <Checkbox>{t('announcements.asOrganisation')}</Checkbox>
            </Form.Item>
            {isOrg ? (
              <Form.Item name="organisationName" label={t('announcements.organisationName')} rules={[{ required: true, whitespace: true, message: t('announcements.required') }]}>
                <Input maxLength={200} />
              </Form.Item>
            ) : null}
            {a.items.length > 1 ? (
              <Form.Item name="itemId" label={t('announcements.itemId')}>
                <Select allowClear options={a.items.map((i, n) => ({ value: i.id, label: `${n + 1}. ${i.enterpriseName}` }))} />
              </Form.Item>
            ) : null}
            <Form.Item name="facts" label={t('announcements.facts')} extra={t('announcements.factsHelp')} rules={[{ required: true, min: 20, message: t('announcements.factsTooShort') }]}>
              <Input.TextArea rows={6} maxLength={5000} showCount />
            </Form.Item>
            <Form.Item label={t('announcements.evidence')} validateStatus={uploadError ? 'error' : undefined} help={uploadError ?? undefined}>
              <Upload
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                fileList={evidence.map((e) => ({ uid: e.uid, name: e.name, status: 'done' as const }))}
                onRemove={(f) => setEvidence((list) => list.filter((e) => e.uid !== f.uid))}
                customRequest={(opt) => {
                  const file = opt.file as File & { uid: string };
                  setUploadError(null);
                  uploadEvidence(id, file).then(
                    (r) => setEvidence((list) => [...list, { uid: file.uid, name: file.name, token: r.token }]),
                    (e: unknown) => setUploadError(e instanceof Error ? e.message : String(e)),
                  );
                }}
              >
                <Button icon={<UploadOutlined />} disabled={evidence.length >= 10}>
                  {t('announcements.upload')}
                </Button>
              </Upload>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={lodge.isPending} block>
              {t('announcements.submitObjection')}
            </Button>
          </Form>
        )}
      </Card>
    </Flex>
  );
}

export function VerifyCertificatePage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.portalVerifyCertificate')} />;
}

/**
 * The certificate card on the project page (the 试点企业 certificate with its code, PDF and, for the bureau's
 * administrator, revocation), the application-pack download buttons, and the bureau's export section.
 */
import { App as AntApp, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FilePdfOutlined, FileZipOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiUrl } from '../../api/client';
import { useMe } from '../../api/hooks';
import type { ProjectDetail } from '../../api/types';
import { ErrorDetails } from '../../components/ErrorDetails';
import { WRAP } from '../../components/ProjectPanels';
import { useLang } from '../../i18n';
import { formatDate } from '../../lib/format';
import { isBureauAdmin, roleGroup } from '../../lib/roles';
import { levelLabel, useProjectCertificate, useRevokeCertificate, type Certificate } from './api';

export { levelLabel };

/** Downloads the project's application pack (ZIP): the bureau, the project's town office and the enterprise. */
export function ApplicationPackButton({ projectId, type = 'default' }: { projectId: string; type?: 'default' | 'primary' | 'link' }) {
  const { t } = useTranslation();
  return (
    <Button type={type} icon={<FileZipOutlined />} href={apiUrl(`/projects/${projectId}/application-pack.zip`)} download data-testid="application-pack">
      {t('certificates.packButton')}
    </Button>
  );
}

/** Downloads a decision batch's pack (bureau). */
export function BatchPackButton({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  return (
    <Button icon={<FileZipOutlined />} href={apiUrl(`/decision-batches/${batchId}/pack.zip`)} download data-testid="batch-pack">
      {t('certificates.batchPackButton')}
    </Button>
  );
}

function RevokeButton({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useRevokeCertificate(projectId);
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => { form.resetFields(); setOpen(true); }}>
        {t('certificates.revoke')}
      </Button>
      <Modal
        open={open}
        title={t('certificates.revokeTitle')}
        okText={t('certificates.revoke')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={revoke.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={() => {
          void form.validateFields().then((v) =>
            revoke.mutate(
              { reason: v.reason.trim() },
              {
                onSuccess: () => {
                  setOpen(false);
                  void message.success(t('certificates.revokeDone'));
                },
                onError: (e) => modal.error({ title: e instanceof ApiError ? e.message : t('errors.unknown'), content: <ErrorDetails error={e} />, okText: t('common.ok') }),
              },
            ),
          );
        }}
      >
        <Typography.Paragraph>{t('certificates.revokeExplain')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('certificates.reasonLabel')} rules={[{ required: true, whitespace: true, min: 2, message: t('certificates.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function CertificateFacts({ c }: { c: Certificate }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} style={WRAP}>
      <Descriptions.Item label={t('certificates.code')}>
        <Typography.Text strong copyable data-testid="certificate-code">
          {c.code}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('certificates.status')}>
        {c.status === 'valid' ? <Tag color="green">{t('certificates.valid')}</Tag> : <Tag color="red">{t('certificates.revoked')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('certificates.level')}>{levelLabel(c.level, tx)}</Descriptions.Item>
      <Descriptions.Item label={t('certificates.funded')}>{c.funded ? t('certificates.fundedYes') : t('certificates.fundedNo')}</Descriptions.Item>
      <Descriptions.Item label={t('certificates.issuedOn')}>{formatDate(c.issuedOn)}</Descriptions.Item>
      {c.revokedAt ? <Descriptions.Item label={t('certificates.revokedOn')}>{formatDate(c.revokedAt)}</Descriptions.Item> : null}
      {c.revokeReason ? <Descriptions.Item label={t('certificates.revokeReason')}>{c.revokeReason}</Descriptions.Item> : null}
    </Descriptions>
  );
}

/**
 * On the project page from stage 7 on: the certificate once issued (every role that sees the project), and the
 * application pack for the enterprise, its town office and the bureau.
 */
/** The project states in which the certificate has been issued (project lifecycle: issueCertificate). */
const CERTIFICATE_STATES = new Set(['honourOnly', 'subsidyRejected', 'completed']);

export function CertificateCard({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const group = roleGroup(me?.role ?? '');
  const late = project.stage >= 7;
  // Issued only when the project ends (honour only, subsidy not granted, paid): ask only then, no 404 before.
  const q = useProjectCertificate(project.id, late && CERTIFICATE_STATES.has(project.state));
  if (!late) return null;
  const packRoles = group === 'bureau' || group === 'town' || group === 'enterprise';
  const c = q.data ?? null;
  if (!c && !packRoles) return null;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="certificate-card" title={<Space><SafetyCertificateOutlined />{t('certificates.cardTitle')}</Space>}>
      {c ? <CertificateFacts c={c} /> : <Typography.Paragraph type="secondary">{t('certificates.notIssued')}</Typography.Paragraph>}
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        {c ? (
          <Button type="primary" icon={<FilePdfOutlined />} href={apiUrl(`/projects/${project.id}/certificate.pdf`)} target="_blank" rel="noopener">
            {t('certificates.downloadPdf')}
          </Button>
        ) : null}
        {c ? (
          <Button href={`/verify?code=${encodeURIComponent(c.code)}`} target="_blank" rel="noopener">
            {t('certificates.verifyLink')}
          </Button>
        ) : null}
        {packRoles ? <ApplicationPackButton projectId={project.id} /> : null}
        {c && c.status === 'valid' && isBureauAdmin(me?.role ?? '') ? <RevokeButton projectId={project.id} /> : null}
      </Flex>
      {packRoles ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('certificates.packHint')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** The bureau's export section: applications, approvals, disbursements as Excel, filtered by year, town and line. */
export function ExportsCard({ poolId }: { poolId?: string }) {
  const { t } = useTranslation();
  const [year, setYear] = useState<number | null>(null);
  const [townCode, setTownCode] = useState('');
  const [line, setLine] = useState<string | undefined>(undefined);
  const query = { year: year ?? undefined, townCode: townCode.trim() || undefined, line, poolId };
  const link = (key: string) => apiUrl(`/exports/${key}.xlsx`, query);
  return (
    <Card size="small" title={t('certificates.exportsTitle')} style={{ marginBottom: 16 }} data-testid="exports-card">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <InputNumber aria-label={t('certificates.filterYear')} placeholder={t('certificates.filterYear')} min={2000} max={2100} value={year} onChange={(v) => setYear(v)} />
        <Input aria-label={t('certificates.filterTown')} placeholder={t('certificates.filterTown')} style={{ width: 140 }} value={townCode} onChange={(e) => setTownCode(e.target.value)} />
        <Select
          aria-label={t('certificates.filterLine')}
          style={{ width: 160 }}
          value={line ?? ''}
          onChange={(v: string) => setLine(v || undefined)}
          options={[
            { value: '', label: t('certificates.lineAll') },
            { value: 'pre', label: t('certificates.linePre') },
            { value: 'final', label: t('certificates.lineFinal') },
            { value: 'benchmark', label: t('certificates.lineBenchmark') },
          ]}
        />
      </Flex>
      <Flex gap={8} wrap>
        <Button icon={<FileExcelOutlined />} href={link('applications')} download>
          {t('certificates.exportApplications')}
        </Button>
        <Button icon={<FileExcelOutlined />} href={link('approvals')} download>
          {t('certificates.exportApprovals')}
        </Button>
        <Button icon={<DownloadOutlined />} href={link('disbursements')} download>
          {t('certificates.exportDisbursements')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('certificates.exportsHint')}
      </Typography.Paragraph>
    </Card>
  );
}

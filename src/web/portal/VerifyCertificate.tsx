/** 试点企业证书核验: anyone types (or follows the PDF's link with) a code and sees the certificate's face. */
import { Alert, Button, Card, Descriptions, Form, Input, Skeleton, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useLang } from '../i18n';
import { formatDate } from '../lib/format';
import { levelLabel, useVerifyCertificate } from '../workbench/certificates/api';

export function VerifyCertificatePage() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const [params, setParams] = useSearchParams();
  const code = (params.get('code') ?? '').trim();
  const [form] = Form.useForm<{ code: string }>();
  useEffect(() => form.setFieldsValue({ code }), [code, form]);
  const q = useVerifyCertificate(code);
  const c = q.data;
  const notFound = q.error instanceof ApiError && q.error.code === 'CERTIFICATE_NOT_FOUND';
  useDocumentTitle(t('certificates.verifyTitle'));
  return (
    <>
      {/* A public page: no workbench breadcrumb. */}
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('certificates.verifyTitle')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ code }}
          onFinish={(v) => {
            setParams({ code: v.code.trim() });
          }}
        >
          <Form.Item label={t('certificates.code')} extra={t('certificates.verifyIntro')} required>
            <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
              <Form.Item name="code" noStyle rules={[{ required: true, whitespace: true, message: t('certificates.verifyRequired') }]}>
                <Input aria-label={t('certificates.code')} placeholder={t('certificates.verifyPlaceholder')} maxLength={40} autoCapitalize="characters" autoComplete="off" data-testid="verify-code" />
              </Form.Item>
              <Button type="primary" htmlType="submit" data-testid="verify-submit">
                {t('certificates.verifyButton')}
              </Button>
            </Space.Compact>
          </Form.Item>
        </Form>
      </Card>
      {code && q.isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {notFound ? <Alert type="error" showIcon message={t('certificates.verifyNotFound')} data-testid="verify-result" data-status="notFound" /> : null}
      {q.isError && !notFound ? <Alert type="error" showIcon message={q.error instanceof ApiError ? q.error.message : t('errors.unknown')} /> : null}
      {c ? (
        <Card size="small" data-testid="verify-result" data-status={c.status}>
          <Alert
            type={c.status === 'valid' ? 'success' : 'warning'}
            showIcon
            icon={<SafetyCertificateOutlined />}
            message={c.status === 'valid' ? t('certificates.verifyValid') : t('certificates.verifyRevoked')}
            style={{ marginBottom: 12 }}
          />
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('certificates.code')}>{c.code}</Descriptions.Item>
            <Descriptions.Item label={t('certificates.enterprise')}>{c.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label={t('certificates.project')}>{c.projectName}</Descriptions.Item>
            <Descriptions.Item label={t('certificates.level')}>{levelLabel(c.level, tx)}</Descriptions.Item>
            <Descriptions.Item label={t('certificates.funded')}>{c.funded ? t('certificates.fundedYes') : t('certificates.fundedNo')}</Descriptions.Item>
            <Descriptions.Item label={t('certificates.issuedOn')}>{formatDate(c.issuedOn)}</Descriptions.Item>
            {c.revokedOn ? <Descriptions.Item label={t('certificates.revokedOn')}>{formatDate(c.revokedOn)}</Descriptions.Item> : null}
          </Descriptions>
          <div style={{ marginTop: 8, color: 'rgba(0,0,0,0.65)' }}>{t('certificates.issuer')}</div>
        </Card>
      ) : null}
    </>
  );
}

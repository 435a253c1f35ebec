/**
 * 银行账户 (the enterprise): why the account is needed, who can see it, the account on file (masked, as the
 * server answers it) and the form to enter or change it.
 */
import { App as AntApp, Alert, Button, Card, Descriptions, Empty, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { BankOutlined, LockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { applyFieldErrors } from '../../lib/formErrors';
import { formatDateTime } from '../../lib/format';
import { useEnterpriseAccount, useSaveEnterpriseAccount, type BankAccountInput } from './api';

const FIELDS = ['bankName', 'accountName', 'accountNumber'] as const;

export function BankAccountPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const q = useEnterpriseAccount();
  const save = useSaveEnterpriseAccount();
  const [form] = Form.useForm<BankAccountInput>();
  const [editing, setEditing] = useState(false);
  const [rest, setRest] = useState<string[]>([]);

  const submit = async (values: BankAccountInput) => {
    setRest([]);
    try {
      await save.mutateAsync({ bankName: values.bankName.trim(), accountName: values.accountName.trim(), accountNumber: values.accountNumber });
      void message.success(t('money.bankSaved'));
      form.resetFields();
      setEditing(false);
    } catch (e) {
      const left = applyFieldErrors(form, e, { fields: FIELDS });
      setRest(left.length ? left : isApiError(e) && e.fields.length === 0 ? [e.message] : []);
    }
  };

  const account = q.data?.account ?? null;
  const canEdit = q.data?.canEdit ?? false;
  return (
    <div>
      <PageHeader title={t('money.menuBankAccount')} />
      <Flex vertical gap={16} style={{ maxWidth: 760 }}>
        <Alert type="info" showIcon icon={<BankOutlined />} title={t('money.bankIntro')} />
        <Alert type="warning" showIcon icon={<LockOutlined />} title={t('money.bankWho')} />
        {q.isPending ? (
          <Skeleton active />
        ) : q.isError ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Card
            title={t('money.bankCurrent')}
            extra={
              canEdit && !editing ? (
                <Button type={account ? 'default' : 'primary'} onClick={() => setEditing(true)}>
                  {account ? t('money.bankChange') : t('money.bankEnter')}
                </Button>
              ) : null
            }
          >
            {account ? (
              <Descriptions column={1} size="small" data-testid="bank-account">
                <Descriptions.Item label={t('money.bankName')}>{account.bankName}</Descriptions.Item>
                <Descriptions.Item label={t('money.accountName')}>{account.accountName}</Descriptions.Item>
                <Descriptions.Item label={t('money.accountNumber')}>{account.accountNumber}</Descriptions.Item>
                <Descriptions.Item label={t('money.bankUpdatedAt')}>{formatDateTime(account.updatedAt)}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('money.bankNone')} />
            )}
            {!canEdit ? <Typography.Text type="secondary">{t('money.bankReadOnly')}</Typography.Text> : null}
          </Card>
        )}
        {editing ? (
          <Card title={account ? t('money.bankChange') : t('money.bankEnter')}>
            {account ? <Alert type="info" style={{ marginBottom: 16 }} title={t('money.bankChangeNote')} /> : null}
            <Form<BankAccountInput> form={form} layout="vertical" onFinish={(v) => void submit(v)} autoComplete="off">
              <Form.Item name="bankName" label={t('money.bankName')} rules={[{ required: true, whitespace: true, message: t('money.bankNameRequired') }, { max: 60 }]}>
                <Input placeholder={t('money.bankNamePlaceholder')} maxLength={60} />
              </Form.Item>
              <Form.Item name="accountName" label={t('money.accountName')} rules={[{ required: true, whitespace: true, message: t('money.accountNameRequired') }, { max: 100 }]}>
                <Input placeholder={t('money.accountNamePlaceholder')} maxLength={100} />
              </Form.Item>
              <Form.Item
                name="accountNumber"
                label={t('money.accountNumber')}
                rules={[
                  { required: true, message: t('money.accountNumberInvalid') },
                  { validator: (_r, v: string | undefined) => (!v || /^\d{8,32}$/.test(v.replace(/[\s-]/g, '')) ? Promise.resolve() : Promise.reject(new Error(t('money.accountNumberInvalid')))) },
                ]}
              >
                <Input placeholder={t('money.accountNumberPlaceholder')} inputMode="numeric" maxLength={40} />
              </Form.Item>
              {rest.length ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={rest.join('；')} /> : null}
              <Flex gap={8}>
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  {t('money.bankSave')}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    setEditing(false);
                  }}
                >
                  {t('money.cancel')}
                </Button>
              </Flex>
            </Form>
          </Card>
        ) : null}
      </Flex>
    </div>
  );
}

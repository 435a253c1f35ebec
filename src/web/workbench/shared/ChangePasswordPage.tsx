import { Alert, App as AntApp, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useChangePassword } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { applyFieldErrors } from '../../lib/formErrors';
import { PASSWORD_RE } from '../../lib/validation';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangePassword();
  const [error, setError] = useState<string | null>(null);

  const onFinish = (v: PasswordForm) => {
    setError(null);
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('password.success'));
        },
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'WRONG_PASSWORD') {
            form.setFields([{ name: 'currentPassword', errors: [e.message] }]);
            return;
          }
          const rest = applyFieldErrors(form, e, { fields: ['currentPassword', 'newPassword'] });
          if (!(e instanceof ApiError) || e.fields.length === 0 || rest.length > 0) setError(e instanceof ApiError ? e.message : t('errors.unknown'));
        },
      },
    );
  };

  return (
    <>
      <PageHeader crumbs={[{ title: t('menu.account') }, { title: t('menu.changePassword') }]} title={t('menu.changePassword')} subTitle={t('password.hint')} />
      <Card style={{ maxWidth: 520 }}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('register.passwordRule')}
            rules={[
              { required: true, message: t('register.passwordRequired') },
              { min: 8, message: t('register.passwordTooShort') },
              { pattern: PASSWORD_RE, message: t('register.passwordLettersDigits') },
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('register.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('register.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: async (_r, v: string | undefined) => {
                  if (v && v !== getFieldValue('newPassword')) throw new Error(t('register.passwordMismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}

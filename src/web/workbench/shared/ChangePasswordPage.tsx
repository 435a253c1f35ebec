import { Alert, App as AntApp, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { meKey, useChangePassword, useLogout, useMe } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { applyFieldErrors } from '../../lib/formErrors';
import { newPasswordRules } from '../../lib/validation';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Only same-site paths are followed after the change. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/change-password') ? next : '/workbench';
}

/**
 * 修改密码. With a temporary password from the admin (`mustChangePassword`) this is the only page open: it says
 * why, asks for the temporary password as the current one, and continues to where the user was going.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangePassword();
  const logout = useLogout();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const forced = me.data?.user.mustChangePassword === true;
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(forced ? t('care.forcedTitle') : t('menu.changePassword'));

  const onFinish = (v: PasswordForm) => {
    setError(null);
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: async () => {
          form.resetFields();
          if (forced) {
            void message.success(t('care.forcedDone'));
            await qc.invalidateQueries({ queryKey: meKey });
            void navigate(safeNext(params.get('next')), { replace: true });
            return;
          }
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

  const card = (
    <Card style={{ maxWidth: 520, margin: forced ? '24px auto' : undefined }}>
      {forced ? (
        <>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('care.forcedTitle')}
          </Typography.Title>
          <Alert type="warning" showIcon title={t('care.forcedText')} style={{ marginBottom: 16 }} />
        </>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending}>
        <Form.Item name="currentPassword" label={forced ? t('care.forcedCurrent') : t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('register.passwordRule')}
          rules={newPasswordRules(t)}
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
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={change.isPending} disabled={change.isPending}>
            {t('password.submit')}
          </Button>
          {forced ? (
            <Button onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })} disabled={logout.isPending}>
              {t('care.signOut')}
            </Button>
          ) : null}
        </Space>
      </Form>
    </Card>
  );
  if (forced) return card;
  return (
    <>
      <PageHeader crumbs={[{ title: t('menu.account') }, { title: t('menu.changePassword') }]} title={t('menu.changePassword')} subTitle={t('password.hint')} />
      {card}
    </>
  );
}

import { Alert, Button, Card, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useLogin, useMe } from '../api/hooks';
import { applyFieldErrors } from '../lib/formErrors';
import { useDocumentTitle } from '../lib/useDocumentTitle';

interface LoginForm {
  account: string;
  password: string;
}

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/workbench';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  // On a first start the demo data loads in the background: say so until /api/health reports it ready.
  const health = useQuery({
    queryKey: ['health', 'demo'],
    queryFn: async () => ((await (await fetch('/api/health')).json()) as { demo?: string }).demo ?? null,
    refetchInterval: (q) => (q.state.data === 'loading' ? 3_000 : false),
    retry: false,
  });
  const next = safeNext(params.get('next'));
  useDocumentTitle(t('auth.loginTitle'));

  if (me.data) return <Navigate to={next} replace />;

  const onFinish = (v: LoginForm) => {
    setError(null);
    login.mutate(
      { account: v.account.trim(), password: v.password },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: (e) => {
          const rest = applyFieldErrors(form, e, { fields: ['account', 'password'] });
          if (e instanceof ApiError && (e.fields.length === 0 || rest.length > 0)) setError(e.message);
          else if (!(e instanceof ApiError)) setError(t('errors.unknown'));
        },
      },
    );
  };

  return (
    <div style={{ maxWidth: 420, margin: '24px auto' }}>
      <Card>
        {/* Plain headings and paragraphs styled like antd's Typography: the sign-in page is a first visit and stays small. */}
        <h1 className="zs-card-title">{t('auth.loginTitle')}</h1>
        <p className="zs-text-secondary">{t('auth.loginIntro')}</p>
        {health.data === 'loading' ? <Alert type="info" showIcon title={t('auth.demoLoading')} style={{ marginBottom: 16 }} role="status" data-testid="demo-loading" /> : null}
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" /> : null}
        <Form<LoginForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
          <Form.Item name="account" label={t('auth.account')} rules={[{ required: true, whitespace: true, message: t('auth.accountRequired') }]}>
            <Input prefix={<UserOutlined />} placeholder={t('auth.accountPlaceholder')} autoComplete="username" size="large" inputMode="email" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} placeholder={t('auth.passwordPlaceholder')} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('auth.loginButton')}
          </Button>
        </Form>
        <p className="zs-links" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('auth.noAccount')} <Link to="/register">{t('auth.goRegister')}</Link>
        </p>
        <p className="zs-text-secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
          {t('auth.forgotHint')}
        </p>
      </Card>
    </div>
  );
}

import { Alert, App as AntApp, Button, Card, Col, Divider, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Rule } from 'antd/es/form';
import { ApiError } from '../api/client';
import { useRefLookup, useRegister } from '../api/hooks';
import { useLang } from '../i18n';
import { applyFieldErrors } from '../lib/formErrors';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { parseAmountToFen, type AmountUnit } from '../lib/money';
import { MOBILE_RE, newPasswordRules } from '../lib/validation';
import { normalizeUscc, validateUscc } from '../../core/identity/uscc';
import { classifySme, SME_SIZE_LABELS } from '../../core/identity/sme';

interface RegisterForm {
  uscc: string;
  name: string;
  townCode?: string;
  industryCode?: string;
  employees?: number | null;
  revenue: string;
  revenueUnit: AmountUnit;
  address?: string;
  contactName: string;
  contactMobile: string;
  email?: string;
  password: string;
  confirmPassword: string;
}

const FIELDS = ['uscc', 'name', 'townCode', 'industryCode', 'employees', 'revenue', 'address', 'contactName', 'contactMobile', 'email', 'password'] as const;


/** Live SME classification from the size fields, with the reason (工信部联企业〔2011〕300号). */
function SmeVerdict({ employees, revenue, unit }: { employees: number | null | undefined; revenue: string | undefined; unit: AmountUnit }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  if (employees === null || employees === undefined || !Number.isSafeInteger(employees) || employees < 0 || !revenue) {
    return <Alert type="info" showIcon title={t('register.smePending')} description={t('register.smeRule')} />;
  }
  const fen = parseAmountToFen(revenue, unit);
  if (!fen.ok) return <Alert type="info" showIcon title={t('register.smePending')} description={t('register.smeRule')} />;
  const c = classifySme(employees, fen.fen);
  if (!c.isSme) {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="sme-verdict"
        title={t('register.notSmeTitle')}
        description={
          <>
            <div>{tx(c.reason)}</div>
            <div>{t('register.notSmeExplain')}</div>
          </>
        }
      />
    );
  }
  return (
    <Alert
      type="success"
      showIcon
      data-testid="sme-verdict"
      title={t('register.smeOk', { size: tx(SME_SIZE_LABELS[c.size]) })}
      description={tx(c.reason)}
    />
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = AntApp.useApp();
  const lookup = useRefLookup();
  const [form] = Form.useForm<RegisterForm>();
  const navigate = useNavigate();
  const register = useRegister();
  // A double click validates twice before the first request is pending: only the first submission goes out.
  const inFlight = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const employees = Form.useWatch('employees', form);
  const revenue = Form.useWatch('revenue', form);
  const unit = Form.useWatch('revenueUnit', form) ?? 'wan';
  useDocumentTitle(t('register.title'));

  let notSme = false;
  if (typeof employees === 'number' && Number.isSafeInteger(employees) && employees >= 0 && revenue) {
    const fen = parseAmountToFen(revenue, unit);
    if (fen.ok) notSme = !classifySme(employees, fen.fen).isSme;
  }

  // Each field shows one message at a time: `required` speaks for an empty field, the checks below only for a filled one.
  const usccFull: Rule = {
    validateTrigger: 'onBlur',
    validator: async (_r, v: string | undefined) => {
      if (!v) return;
      const r = validateUscc(v);
      if (!r.ok) throw new Error(tx(r.message));
    },
  };
  const usccLive: Rule = {
    validateTrigger: 'onChange',
    validator: async (_r, v: string | undefined) => {
      const s = normalizeUscc(v ?? '');
      // While typing, speak up only once the code is complete (or has a character that can never be right).
      const r = validateUscc(s);
      if (!r.ok && (Array.from(s).length >= 18 || r.reason === 'charset')) throw new Error(tx(r.message));
    },
  };
  const revenueRule: Rule = {
    validator: async (_r, v: string | undefined) => {
      if (!v) return;
      const u: AmountUnit = form.getFieldValue('revenueUnit') ?? 'wan';
      const r = parseAmountToFen(v ?? '', u);
      if (!r.ok) throw new Error(tx(r.message));
    },
  };

  const onFinish = (v: RegisterForm) => {
    setError(null);
    const fen = parseAmountToFen(v.revenue, v.revenueUnit);
    if (!fen.ok || v.employees === null || v.employees === undefined) return;
    if (inFlight.current) return;
    inFlight.current = true;
    register.mutate(
      {
        uscc: normalizeUscc(v.uscc),
        name: v.name.trim(),
        townCode: v.townCode ?? '',
        industryCode: v.industryCode ?? '',
        employees: v.employees,
        annualRevenueFen: fen.fen,
        address: v.address?.trim() || undefined,
        contactName: v.contactName.trim(),
        contactMobile: v.contactMobile.trim(),
        email: v.email?.trim() || undefined,
        password: v.password,
      },
      {
        onSettled: () => {
          inFlight.current = false;
        },
        onSuccess: () => {
          void message.success(t('register.success'));
          void navigate('/workbench', { replace: true });
        },
        onError: (e) => {
          const rest = applyFieldErrors(form, e, { fields: FIELDS, map: { annualRevenueFen: 'revenue' } });
          if (e instanceof ApiError) setError(rest.length > 0 ? t('common.labelValue', { label: e.message, value: rest.join(t('common.listSep')) }) : e.message);
          else setError(t('errors.unknown'));
        },
      },
    );
  };

  return (
    <div style={{ maxWidth: 880, margin: '0 auto' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('register.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('register.intro')}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
        <Form<RegisterForm>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ revenueUnit: 'wan' }}
          scrollToFirstError
          disabled={register.isPending}
        >
          <Divider titlePlacement="start">{t('register.sectionCompany')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="uscc"
                label={t('register.uscc')}
                extra={t('register.usccHelp')}
                validateTrigger={['onChange', 'onBlur']}
                validateFirst
                getValueFromEvent={(e: { target: { value: string } }) => e.target.value.toUpperCase().replace(/\s/g, '')}
                rules={[{ required: true, message: t('register.usccRequired') }, usccLive, usccFull]}
                hasFeedback
              >
                <Input maxLength={18} placeholder={t('register.usccPlaceholder')} autoComplete="off" style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('register.name')} rules={[{ required: true, whitespace: true, min: 2, message: t('register.nameRequired') }]}>
                <Input maxLength={100} placeholder={t('register.namePlaceholder')} autoComplete="organization" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="townCode" label={t('register.town')} rules={[{ required: true, message: t('register.townRequired') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t('register.townPlaceholder')} options={lookup.townOptions} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="industryCode" label={t('register.industry')} extra={t('register.industryHelp')} rules={[{ required: true, message: t('register.industryRequired') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t('register.industryPlaceholder')} options={lookup.industryOptions} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="address" label={t('register.address')}>
                <Input maxLength={200} placeholder={t('register.addressPlaceholder')} autoComplete="street-address" />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start">{t('register.sectionSize')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="employees"
                label={t('register.employees')}
                validateFirst
                rules={[
                  { required: true, message: t('register.employeesRequired') },
                  { type: 'integer', min: 0, message: t('register.employeesInteger') },
                ]}
              >
                <InputNumber min={0} precision={0} step={1} style={{ width: '100%' }} suffix={t('register.personUnit')} placeholder={t('register.employeesPlaceholder')} inputMode="numeric" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('register.revenue')} required extra={t('register.revenueHelp')}>
                <Space.Compact style={{ display: 'flex', width: '100%' }}>
                  <Form.Item name="revenue" noStyle validateFirst rules={[{ required: true, message: t('register.revenueRequired') }, revenueRule]}>
                    <Input style={{ flex: 1 }} inputMode="decimal" placeholder={t('register.revenuePlaceholder')} aria-label={t('register.revenue')} />
                  </Form.Item>
                  <Form.Item name="revenueUnit" noStyle>
                    <Select
                      style={{ width: 96 }}
                      aria-label={t('register.revenueUnit')}
                      options={[
                        { value: 'wan', label: t('common.wanYuan') },
                        { value: 'yuan', label: t('common.yuan') },
                      ]}
                      onChange={() => void form.validateFields(['revenue']).catch(() => undefined)}
                    />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
            </Col>
            <Col span={24}>
              <div style={{ marginBottom: 16 }} aria-live="polite">
                <SmeVerdict employees={employees} revenue={revenue} unit={unit} />
              </div>
            </Col>
          </Row>

          <Divider titlePlacement="start">{t('register.sectionContact')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="contactName" label={t('register.contactName')} rules={[{ required: true, whitespace: true, min: 2, message: t('register.contactNameRequired') }]}>
                <Input maxLength={40} autoComplete="name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="contactMobile"
                label={t('register.contactMobile')}
                validateFirst
                extra={t('register.mobileHelp')}
                rules={[
                  { required: true, message: t('register.mobileRequired') },
                  { pattern: MOBILE_RE, message: t('register.mobileInvalid') },
                ]}
              >
                <Input maxLength={11} inputMode="tel" autoComplete="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="email" label={t('register.email')} rules={[{ type: 'email', message: t('register.emailInvalid') }]}>
                <Input maxLength={254} inputMode="email" autoComplete="email" />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start">{t('register.sectionAccount')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="password"
                label={t('register.password')}
                validateFirst
                extra={t('register.passwordRule')}
                rules={newPasswordRules(t)}
                hasFeedback
              >
                <Input.Password autoComplete="new-password" maxLength={128} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="confirmPassword"
                label={t('register.confirmPassword')}
                validateFirst
                dependencies={['password']}
                hasFeedback
                rules={[
                  { required: true, message: t('register.confirmRequired') },
                  ({ getFieldValue }) => ({
                    validator: async (_r, v: string | undefined) => {
                      if (v && v !== getFieldValue('password')) throw new Error(t('register.passwordMismatch'));
                    },
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" maxLength={128} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" size="large" block loading={register.isPending} disabled={notSme || register.isPending}>
            {t('register.submit')}
          </Button>
          {notSme ? (
            <Typography.Paragraph type="danger" style={{ marginTop: 8 }}>
              {t('register.notSmeBlocked')}
            </Typography.Paragraph>
          ) : null}
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          {t('register.haveAccount')} <Link to="/login">{t('register.goLogin')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

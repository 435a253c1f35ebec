import { Alert, App as AntApp, Button, Card, Col, Divider, Drawer, Flex, Form, Grid, Input, Row, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useCreateOrganization, useOrganizations, useRefLookup } from '../../api/hooks';
import type { AdminOrganization, CreateOrganizationInput } from '../../api/types';
import { DataView } from '../../components/DataView';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { applyFieldErrors } from '../../lib/formErrors';
import { useSearchState } from '../../lib/useSearchState';
import { MOBILE_RE, PASSWORD_RE } from '../../lib/validation';
import { ORG_TYPE_LABELS, type OrgType } from '../../../core/identity/roles';
import { normalizeUscc, validateUscc } from '../../../core/identity/uscc';

const CREATABLE = ['institution_comprehensive', 'institution_diagnostic', 'leading_unit', 'catalog_provider', 'town', 'bureau', 'expert'] as const;
type Creatable = (typeof CREATABLE)[number];

interface OrgForm {
  type?: Creatable;
  name: string;
  nameEn?: string;
  uscc?: string;
  townCode?: string;
  contactName: string;
  contactMobile: string;
  memberName: string;
  memberMobile?: string;
  memberEmail?: string;
  memberPassword: string;
  memberBureauRole?: 'admin' | 'reviewer' | 'finance';
}

const FIELDS = ['type', 'name', 'nameEn', 'uscc', 'townCode', 'contactName', 'contactMobile', 'memberName', 'memberMobile', 'memberEmail', 'memberPassword', 'memberBureauRole'] as const;
const MAP = { 'member.name': 'memberName', 'member.mobile': 'memberMobile', 'member.email': 'memberEmail', 'member.password': 'memberPassword', 'member.bureauRole': 'memberBureauRole' };

function orgTypeText(type: string, tx: (t: { zh: string; en: string }) => string): string {
  return type in ORG_TYPE_LABELS ? tx(ORG_TYPE_LABELS[type as OrgType]) : type;
}

/** The name in the reader's language first (the registered Chinese name is always shown too). */
function orgNames(r: AdminOrganization, lang: 'zh-CN' | 'en'): [string, string | null] {
  if (lang === 'en' && r.nameEn) return [r.nameEn, r.name];
  return [r.name, r.nameEn ?? null];
}

function CreateOrganization({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = AntApp.useApp();
  const lookup = useRefLookup();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<OrgForm>();
  const create = useCreateOrganization();
  const [error, setError] = useState<string | null>(null);
  const type = Form.useWatch('type', form);

  const onFinish = (v: OrgForm) => {
    setError(null);
    const body: CreateOrganizationInput = {
      type: v.type ?? '',
      name: v.name.trim(),
      nameEn: v.nameEn?.trim() || undefined,
      uscc: v.uscc ? normalizeUscc(v.uscc) : undefined,
      townCode: v.type === 'town' ? v.townCode : undefined,
      contactName: v.contactName.trim(),
      contactMobile: v.contactMobile.trim(),
      member: {
        name: v.memberName.trim(),
        mobile: v.memberMobile?.trim() || undefined,
        email: v.memberEmail?.trim() || undefined,
        password: v.memberPassword,
        bureauRole: v.type === 'bureau' ? v.memberBureauRole : undefined,
      },
    };
    create.mutate(body, {
      onSuccess: () => {
        void message.success(t('orgs.created', { name: body.name }));
        form.resetFields();
        onClose();
      },
      onError: (e) => {
        const rest = applyFieldErrors(form, e, { fields: FIELDS, map: MAP });
        if (e instanceof ApiError) {
          if (e.fields.length === 0 || rest.length > 0) setError(rest.length > 0 ? t('common.labelValue', { label: e.message, value: rest.join(t('common.listSep')) }) : e.message);
        } else setError(t('errors.unknown'));
      },
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('orgs.createTitle')}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('orgs.createSubmit')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<OrgForm> form={form} layout="vertical" onFinish={onFinish} disabled={create.isPending} scrollToFirstError>
        <Form.Item name="type" label={t('orgs.type')} rules={[{ required: true, message: t('orgs.typeRequired') }]}>
          <Select options={CREATABLE.map((c) => ({ value: c, label: orgTypeText(c, tx) }))} placeholder={t('orgs.typePlaceholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true, min: 2, message: t('orgs.nameRequired') }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('orgs.nameEn')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="uscc"
              label={t('orgs.uscc')}
              getValueFromEvent={(e: { target: { value: string } }) => e.target.value.toUpperCase().replace(/\s/g, '')}
              rules={[
                {
                  validator: async (_r, v: string | undefined) => {
                    if (!v) return;
                    const r = validateUscc(v);
                    if (!r.ok) throw new Error(tx(r.message));
                  },
                },
              ]}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          {type === 'town' ? (
            <Col xs={24} md={12}>
              <Form.Item name="townCode" label={t('orgs.town')} rules={[{ required: true, message: t('orgs.townRequired') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={lookup.townOptions} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label={t('orgs.contactName')} rules={[{ required: true, whitespace: true, min: 2, message: t('register.contactNameRequired') }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactMobile"
              label={t('orgs.contactMobile')}
              rules={[
                { required: true, message: t('register.mobileRequired') },
                { pattern: MOBILE_RE, message: t('register.mobileInvalid') },
              ]}
            >
              <Input maxLength={11} inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('orgs.memberSection')}</Divider>
        <Typography.Paragraph type="secondary">{t('orgs.memberIntro')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="memberName" label={t('orgs.memberName')} rules={[{ required: true, whitespace: true, min: 2, message: t('orgs.memberNameRequired') }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          {type === 'bureau' ? (
            <Col xs={24} md={12}>
              <Form.Item name="memberBureauRole" label={t('orgs.bureauRole')} rules={[{ required: true, message: t('orgs.bureauRoleRequired') }]}>
                <Select
                  options={(['admin', 'reviewer', 'finance'] as const).map((r) => ({ value: r, label: t(`orgs.bureauRoles.${r}`) }))}
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item
              name="memberMobile"
              label={t('orgs.memberMobile')}
              dependencies={['memberEmail']}
              rules={[
                { pattern: MOBILE_RE, message: t('register.mobileInvalid') },
                ({ getFieldValue }) => ({
                  validator: async (_r, v: string | undefined) => {
                    if (!v && !getFieldValue('memberEmail')) throw new Error(t('orgs.needAccount'));
                  },
                }),
              ]}
            >
              <Input maxLength={11} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="memberEmail" label={t('orgs.memberEmail')} rules={[{ type: 'email', message: t('register.emailInvalid') }]}>
              <Input maxLength={254} inputMode="email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="memberPassword"
              label={t('orgs.memberPassword')}
              extra={t('orgs.memberPasswordHelp')}
              rules={[
                { required: true, message: t('register.passwordRequired') },
                { min: 8, message: t('register.passwordTooShort') },
                { pattern: PASSWORD_RE, message: t('register.passwordLettersDigits') },
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}

const KEYS = ['type', 'q'] as const;

/** 组织与账号: institutions, providers, town offices, bureau units and experts, and their first members. */
export function Organizations() {
  const { t } = useTranslation();
  const { tx, lang } = useLang();
  const lookup = useRefLookup();
  const s = useSearchState(KEYS, { pageSize: 20 });
  const q = useOrganizations({ page: s.page, pageSize: s.pageSize, type: s.values.type, q: s.values.q });
  const [open, setOpen] = useState(false);

  const columns: TableColumnsType<AdminOrganization> = [
    {
      title: t('orgs.name'),
      dataIndex: 'name',
      width: 260,
      render: (_v: string, r) => {
        const [main, other] = orgNames(r, lang);
        return (
          <>
            {main}
            {other ? <div className="muted" style={{ fontSize: 12 }}>{other}</div> : null}
          </>
        );
      },
    },
    { title: t('orgs.type'), dataIndex: 'type', width: 200, render: (v: string) => <Tag>{orgTypeText(v, tx)}</Tag> },
    { title: t('project.uscc'), dataIndex: 'uscc', width: 190, render: (v: string | null) => (v ? <span style={{ fontFamily: 'monospace' }}>{v}</span> : '—') },
    { title: t('orgs.town'), dataIndex: 'townCode', width: 110, render: (v: string | null) => (v ? lookup.town(v) : '—') },
    { title: t('orgs.contact'), dataIndex: 'contactName', width: 170, render: (_v: string | null, r) => [r.contactName, r.contactMobile].filter(Boolean).join(' ') || '—' },
    { title: t('orgs.members'), dataIndex: 'memberCount', width: 80, align: 'right', render: (v: number | undefined) => v ?? '—' },
    {
      title: t('orgs.status'),
      dataIndex: 'active',
      width: 90,
      render: (v: boolean | undefined) => (v === false ? <Tag color="error">{t('orgs.inactive')}</Tag> : <Tag color="success">{t('orgs.active')}</Tag>),
    },
    { title: t('orgs.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string | undefined) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('menu.organizations') }]}
        title={t('menu.organizations')}
        subTitle={t('orgs.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('orgs.create')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap>
          <Input.Search
            allowClear
            key={s.values.q ?? ''}
            defaultValue={s.values.q}
            placeholder={t('orgs.searchPlaceholder')}
            aria-label={t('orgs.searchPlaceholder')}
            onSearch={(v) => s.set({ q: v.trim() })}
            style={{ width: 300, maxWidth: '100%' }}
            enterButton={t('common.search')}
          />
          <Select
            allowClear
            placeholder={t('orgs.allTypes')}
            aria-label={t('orgs.type')}
            value={s.values.type}
            onChange={(v: string | undefined) => s.set({ type: v })}
            style={{ width: 240, maxWidth: '100%' }}
            options={(['enterprise', ...CREATABLE] as const).map((c) => ({ value: c, label: orgTypeText(c, tx) }))}
          />
        </Flex>
      </Card>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataView<AdminOrganization>
          rows={q.data?.items ?? []}
          rowKey={(r) => r.id}
          columns={columns}
          scrollX={1250}
          loading={q.isFetching}
          total={q.data?.total ?? 0}
          page={s.page}
          pageSize={s.pageSize}
          onPage={(page, pageSize) => s.set({ page, pageSize })}
          empty={t('orgs.empty')}
          card={(r) => (
            <Flex vertical gap={4}>
              <Typography.Text strong>{orgNames(r, lang)[0]}</Typography.Text>
              <div>
                <Tag>{orgTypeText(r.type, tx)}</Tag>
                {r.townCode ? <Tag>{lookup.town(r.townCode)}</Tag> : null}
              </div>
              <Typography.Text type="secondary">{[r.contactName, r.contactMobile].filter(Boolean).join(' ')}</Typography.Text>
              {r.uscc ? <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{r.uscc}</Typography.Text> : null}
            </Flex>
          )}
        />
      )}
      <CreateOrganization open={open} onClose={() => setOpen(false)} />
    </>
  );
}

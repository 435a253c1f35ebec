import { Alert, App as AntApp, Button, Card, Col, Divider, Drawer, Empty, Flex, Form, Grid, Input, Modal, Row, Select, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import {
  useAddMember,
  useCreateOrganization,
  useMe,
  useMemberAction,
  useOrgActive,
  useOrgDetail,
  useOrganizations,
  useOrgTimeline,
  useRefLookup,
  type AddMemberInput,
  type CareMember,
  type CareOrgSummary,
  type CareOrgDetail,
  type CareTimelineItem,
  type TemporaryPassword,
} from '../../api/hooks';
import type { AdminOrganization as AdminOrganizationBase, CreateOrganizationInput } from '../../api/types';
import { DataView } from '../../components/DataView';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { applyFieldErrors } from '../../lib/formErrors';
import { useSearchState } from '../../lib/useSearchState';
import { MOBILE_RE, newPasswordRules } from '../../lib/validation';
import { ORG_TYPE_LABELS, type OrgType } from '../../../core/identity/roles';
import { normalizeUscc, validateUscc } from '../../../core/identity/uscc';

const CREATABLE = ['institution_comprehensive', 'institution_diagnostic', 'leading_unit', 'catalog_provider', 'town', 'bureau', 'expert'] as const;
type Creatable = (typeof CREATABLE)[number];

/** The organisation views carry the group (所属集团/上级单位) read by the evaluation conflict-of-interest rule. */
type AdminOrganization = AdminOrganizationBase & { parentGroup?: string | null };

/** The admin's edit of an organisation's group; null clears it. */
function useOrgGroup(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (parentGroup: string | null) => api.patch<CareOrgSummary>(`/admin/organizations/${orgId}`, { parentGroup }),
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: ['admin', 'org', orgId] }), qc.invalidateQueries({ queryKey: ['admin', 'organizations'] })]).then(() => undefined),
  });
}

/** The same rule as the server (2–100 characters once trimmed; empty = none). */
function groupRules(minMessage: string) {
  return [
    {
      validator: async (_r: unknown, v: string | undefined) => {
        const g = v?.trim() ?? '';
        if (g !== '' && g.length < 2) throw new Error(minMessage);
      },
    },
  ];
}

interface OrgForm {
  type?: Creatable;
  parentGroup?: string;
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

const FIELDS = ['type', 'name', 'nameEn', 'uscc', 'townCode', 'parentGroup', 'contactName', 'contactMobile', 'memberName', 'memberMobile', 'memberEmail', 'memberPassword', 'memberBureauRole'] as const;
const MAP = { 'member.name': 'memberName', 'member.mobile': 'memberMobile', 'member.email': 'memberEmail', 'member.password': 'memberPassword', 'member.bureauRole': 'memberBureauRole' };

function orgTypeText(type: string, tx: (t: { zh: string; en: string }) => string): string {
  return type in ORG_TYPE_LABELS ? tx(ORG_TYPE_LABELS[type as OrgType]) : type;
}

/**
 * The name in the reader's language: the registered Chinese name in Chinese; in English the English name
 * (falling back to the Chinese one), with the registered Chinese name beneath it.
 */
function orgNames(r: Pick<AdminOrganization, 'name' | 'nameEn'>, lang: 'zh-CN' | 'en'): [string, string | null] {
  if (lang === 'en' && r.nameEn) return [r.nameEn, r.name];
  return [r.name, null];
}

function CreateOrganization({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { message } = AntApp.useApp();
  const lookup = useRefLookup();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<OrgForm>();
  const create = useCreateOrganization();
  // A double click validates twice before the request is pending: only the first submission goes out.
  const inFlight = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const type = Form.useWatch('type', form);

  const onFinish = (v: OrgForm) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setError(null);
    const body: CreateOrganizationInput & { parentGroup?: string } = {
      type: v.type ?? '',
      name: v.name.trim(),
      nameEn: v.nameEn?.trim() || undefined,
      uscc: v.uscc ? normalizeUscc(v.uscc) : undefined,
      townCode: v.type === 'town' ? v.townCode : undefined,
      parentGroup: v.parentGroup?.trim() || undefined,
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
      onSettled: () => {
        inFlight.current = false;
      },
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
          <Button type="primary" loading={create.isPending} disabled={create.isPending} onClick={() => form.submit()}>
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
          <Col xs={24}>
            <Form.Item name="parentGroup" label={t('orgs.parentGroup')} extra={t('orgs.parentGroupHelp')} rules={groupRules(t('orgs.parentGroupMin'))}>
              <Input maxLength={100} placeholder={t('orgs.parentGroupPlaceholder')} />
            </Form.Item>
          </Col>
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
              rules={newPasswordRules(t)}
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
  const [caring, setCaring] = useState<string | null>(null);
  const manage = (r: AdminOrganization) => (
    <Button
      size="small"
      onClick={(e) => {
        e.stopPropagation();
        setCaring(r.id);
      }}
      aria-label={t('care.manageAria', { name: orgNames(r, lang)[0] })}
    >
      {t('care.manage')}
    </Button>
  );

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
    { title: t('orgs.parentGroupLabel'), dataIndex: 'parentGroup', width: 180, render: (v: string | null | undefined) => v || '—' },
    { title: t('orgs.contact'), dataIndex: 'contactName', width: 170, render: (_v: string | null, r) => [r.contactName, r.contactMobile].filter(Boolean).join(' ') || '—' },
    { title: t('orgs.members'), dataIndex: 'memberCount', width: 80, align: 'right', render: (v: number | undefined) => v ?? '—' },
    {
      title: t('orgs.status'),
      dataIndex: 'active',
      width: 90,
      render: (v: boolean | undefined) => (v === false ? <Tag color="error">{t('orgs.inactive')}</Tag> : <Tag color="success">{t('orgs.active')}</Tag>),
    },
    { title: t('orgs.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string | undefined) => formatDateTime(v) },
    { title: t('care.colActions'), key: 'care', width: 110, fixed: 'right', render: (_v: unknown, r) => manage(r) },
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
          scrollX={1540}
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
              {r.parentGroup ? <Typography.Text type="secondary">{t('common.labelValue', { label: t('orgs.parentGroupLabel'), value: r.parentGroup })}</Typography.Text> : null}
              <Typography.Text type="secondary">{[r.contactName, r.contactMobile].filter(Boolean).join(' ')}</Typography.Text>
              {r.uscc ? <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{r.uscc}</Typography.Text> : null}
              <div>{r.active === false ? <Tag color="error">{t('orgs.inactive')}</Tag> : null}{manage(r)}</div>
            </Flex>
          )}
        />
      )}
      <CreateOrganization open={open} onClose={() => setOpen(false)} />
      <OrgCareDrawer orgId={caring} onClose={() => setCaring(null)} />
    </>
  );
}

// ---- Account care: members, last sign-in, add, deactivate / reactivate, password reset, unlock, timeline ----

type ConfirmKind = { kind: 'member'; member: CareMember; active: boolean } | { kind: 'org'; org: CareOrgDetail; active: boolean };

function memberAccount(m: Pick<CareMember, 'mobile' | 'email'>): string {
  return [m.mobile, m.email].filter(Boolean).join(' / ') || '—';
}

function MemberStatus({ m }: { m: CareMember }) {
  const { t } = useTranslation();
  if (!m.active) return <Tag color="error">{t('care.statusInactive')}</Tag>;
  return (
    <Flex gap={4} wrap>
      {m.throttledUntil ? <Tag color="warning">{t('care.statusThrottled', { time: formatDateTime(m.throttledUntil) })}</Tag> : null}
      {m.mustChangePassword ? <Tag color="processing">{t('care.statusMustChange')}</Tag> : null}
      {!m.throttledUntil && !m.mustChangePassword ? <Tag color="success">{t('care.statusActive')}</Tag> : null}
    </Flex>
  );
}

/** The one-time password, shown once with the account it belongs to. */
function TemporaryPasswordModal({ shown, onClose }: { shown: (TemporaryPassword & { name: string }) | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={shown !== null}
      title={t('care.tempTitle')}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('care.tempClose')}
        </Button>
      }
    >
      {shown ? (
        <>
          <Alert type="warning" showIcon title={t('care.tempText', { name: shown.name, time: formatDateTime(shown.validUntil) })} style={{ marginBottom: 16 }} />
          <dl className="temp-password">
            <dt>{t('care.tempAccount')}</dt>
            <dd>{memberAccount(shown.member)}</dd>
            <dt>{t('care.tempPassword')}</dt>
            <dd>
              <Typography.Text copyable={{ text: shown.temporaryPassword }} strong style={{ fontFamily: 'monospace', fontSize: 20 }} data-testid="temporary-password">
                {shown.temporaryPassword}
              </Typography.Text>
            </dd>
          </dl>
        </>
      ) : null}
    </Modal>
  );
}

function AddMemberModal({ org, open, onClose, onAdded }: { org: CareOrgDetail; open: boolean; onClose: () => void; onAdded: (r: TemporaryPassword) => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [form] = Form.useForm<AddMemberInput>();
  const add = useAddMember(org.id);
  const inFlight = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const isBureau = org.type === 'bureau';

  const onFinish = (v: AddMemberInput) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setError(null);
    add.mutate(
      {
        name: v.name.trim(),
        mobile: v.mobile?.trim() || undefined,
        email: v.email?.trim() || undefined,
        memberRole: v.memberRole,
        bureauRole: isBureau ? v.bureauRole : undefined,
      },
      {
        onSettled: () => {
          inFlight.current = false;
        },
        onSuccess: (r) => {
          form.resetFields();
          onAdded(r);
        },
        onError: (e) => {
          const rest = applyFieldErrors(form, e, { fields: ['name', 'mobile', 'email', 'memberRole', 'bureauRole'] });
          if (e instanceof ApiError) {
            if (e.fields.length === 0 || rest.length > 0) setError(rest.length > 0 ? rest.join(t('common.listSep')) : e.message);
          } else setError(t('errors.unknown'));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('care.addTitle', { name: orgNames(org, lang)[0] })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('care.addSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      okButtonProps={{ disabled: add.isPending }}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{t('care.addIntro')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<AddMemberInput> form={form} layout="vertical" onFinish={onFinish} disabled={add.isPending} initialValues={{ memberRole: 'member' }}>
        <Form.Item name="name" label={t('orgs.memberName')} rules={[{ required: true, whitespace: true, min: 2, message: t('orgs.memberNameRequired') }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="mobile"
          label={t('orgs.memberMobile')}
          dependencies={['email']}
          validateFirst
          rules={[
            { pattern: MOBILE_RE, message: t('register.mobileInvalid') },
            ({ getFieldValue }) => ({
              validator: async (_r, v: string | undefined) => {
                if (!v && !getFieldValue('email')) throw new Error(t('orgs.needAccount'));
              },
            }),
          ]}
        >
          <Input maxLength={11} inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label={t('orgs.memberEmail')} rules={[{ type: 'email', message: t('register.emailInvalid') }]}>
          <Input maxLength={254} inputMode="email" />
        </Form.Item>
        <Form.Item name="memberRole" label={t('care.memberRole')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'member', label: t('care.roleMember') },
              { value: 'owner', label: t('care.roleOwner') },
            ]}
          />
        </Form.Item>
        {isBureau ? (
          <Form.Item name="bureauRole" label={t('orgs.bureauRole')} rules={[{ required: true, message: t('orgs.bureauRoleRequired') }]}>
            <Select options={(['admin', 'reviewer', 'finance'] as const).map((r) => ({ value: r, label: t(`orgs.bureauRoles.${r}`) }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** Deactivating asks for an optional reason (kept in the timeline); reactivating only confirms. */
function ActiveConfirmModal({ target, onClose }: { target: ConfirmKind | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const orgId = target ? (target.kind === 'org' ? target.org.id : target.member.orgId) : '';
  const member = useMemberAction(orgId);
  const org = useOrgActive(orgId);
  const [form] = Form.useForm<{ reason?: string }>();
  const [error, setError] = useState<string | null>(null);
  const pending = member.isPending || org.isPending;
  if (!target) return null;
  const name = target.kind === 'org' ? orgNames(target.org, lang)[0] : target.member.name;
  const title =
    target.kind === 'org'
      ? t(target.active ? 'care.reactivateOrgTitle' : 'care.deactivateOrgTitle', { name })
      : t(target.active ? 'care.reactivateMemberTitle' : 'care.deactivateMemberTitle', { name });
  const text = target.active ? t('care.reactivateText') : t(target.kind === 'org' ? 'care.deactivateOrgText' : 'care.deactivateMemberText');

  const submit = async () => {
    if (pending) return;
    setError(null);
    const reason = (form.getFieldValue('reason') as string | undefined)?.trim() || undefined;
    try {
      if (target.kind === 'org') await org.mutateAsync({ active: target.active, reason });
      else await member.mutateAsync({ userId: target.member.id, action: target.active ? 'reactivate' : 'deactivate', reason });
      void message.success(t(target.active ? 'care.reactivatedDone' : 'care.deactivatedDone', { name }));
      form.resetFields();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.unknown'));
    }
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      destroyOnHidden
      okText={target.active ? t('care.confirmReactivate') : t('care.confirmDeactivate')}
      okButtonProps={{ danger: !target.active, disabled: pending }}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      onOk={() => void submit()}
    >
      <p>{text}</p>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      {target.active ? null : (
        <Form form={form} layout="vertical" disabled={pending}>
          <Form.Item name="reason" label={t('care.reason')}>
            <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('care.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

const ACTION_KEYS = {
  'organization.created': 'care.actionLabels.organization_created',
  'enterprise.registered': 'care.actionLabels.enterprise_registered',
  'member.added': 'care.actionLabels.member_added',
  'member.deactivated': 'care.actionLabels.member_deactivated',
  'member.reactivated': 'care.actionLabels.member_reactivated',
  'member.password_reset': 'care.actionLabels.member_password_reset',
  'member.unlocked': 'care.actionLabels.member_unlocked',
  'organization.deactivated': 'care.actionLabels.organization_deactivated',
  'organization.reactivated': 'care.actionLabels.organization_reactivated',
  'organization.updated': 'orgs.groupUpdated',
  'auth.password_changed': 'care.actionLabels.auth_password_changed',
  'auth.login_failed': 'care.actionLabels.auth_login_failed',
  'auth.login_refused': 'care.actionLabels.auth_login_refused',
} as const;

function isKnownAction(action: string): action is keyof typeof ACTION_KEYS {
  return action in ACTION_KEYS;
}

const BUREAU_ROLES = ['admin', 'reviewer', 'finance'] as const;
function isBureauRole(v: string | null): v is (typeof BUREAU_ROLES)[number] {
  return v !== null && (BUREAU_ROLES as readonly string[]).includes(v);
}

function groupChange(e: CareTimelineItem): { from: string | null; to: string | null } | null {
  const g = e.summary.parentGroup;
  if (!g || typeof g !== 'object') return null;
  const { from, to } = g as { from?: unknown; to?: unknown };
  return { from: typeof from === 'string' ? from : null, to: typeof to === 'string' ? to : null };
}

/** 所属集团/上级单位 of the organisation, with the admin's edit (a small form in a modal). */
function OrgGroup({ org }: { org: CareOrgDetail }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const save = useOrgGroup(org.id);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ parentGroup?: string }>();
  const name = orgNames(org, lang)[0];
  const submit = async () => {
    if (save.isPending) return;
    setError(null);
    let v: { parentGroup?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      await save.mutateAsync(v.parentGroup?.trim() || null);
      void message.success(t('orgs.parentGroupSaved', { name }));
      setEditing(false);
    } catch (e) {
      const rest = applyFieldErrors(form, e, { fields: ['parentGroup'] as const });
      if (!(e instanceof ApiError)) setError(t('errors.unknown'));
      else if (e.fields.length === 0 || rest.length > 0) setError(e.message);
    }
  };
  return (
    <section aria-labelledby="care-group">
      <Flex gap={8} wrap align="center" justify="space-between">
        <div>
          <Typography.Title level={5} id="care-group" style={{ marginBottom: 4 }}>
            {t('orgs.parentGroupLabel')}
          </Typography.Title>
          <Typography.Text data-testid="org-parent-group">{org.parentGroup || t('orgs.parentGroupNone')}</Typography.Text>
        </div>
        <Button
          onClick={() => {
            form.setFieldsValue({ parentGroup: org.parentGroup ?? '' });
            setError(null);
            setEditing(true);
          }}
        >
          {t('orgs.parentGroupEdit')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4, marginBottom: 0 }}>
        {t('orgs.parentGroupHelp')}
      </Typography.Paragraph>
      <Modal
        open={editing}
        title={t('orgs.parentGroupEditTitle', { name })}
        onCancel={() => setEditing(false)}
        okText={t('orgs.parentGroupSave')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        okButtonProps={{ disabled: save.isPending }}
        onOk={() => void submit()}
        destroyOnHidden
      >
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
        <Form form={form} layout="vertical" disabled={save.isPending} onFinish={() => void submit()}>
          <Form.Item name="parentGroup" label={t('orgs.parentGroupLabel')} extra={t('orgs.parentGroupClearHint')} rules={groupRules(t('orgs.parentGroupMin'))}>
            <Input maxLength={100} allowClear placeholder={t('orgs.parentGroupPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}

function OrgTimeline({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const q = useOrgTimeline(orgId);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.length === 0) return <Empty description={t('care.timelineEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const reasonOf = (e: CareTimelineItem) => (typeof e.summary.reason === 'string' ? e.summary.reason : '');
  return (
    <Timeline
      items={q.data.map((e) => ({
        key: e.id,
        content: (
          <div data-testid="care-event">
            <Typography.Text strong>{isKnownAction(e.action) ? t(ACTION_KEYS[e.action]) : e.action}</Typography.Text>
            {e.targetName ? <Typography.Text> · {e.targetName}</Typography.Text> : null}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at)} · {e.actorName ?? t('care.system')}
              </Typography.Text>
            </div>
            {reasonOf(e) ? <div>{t('care.timelineReason', { reason: reasonOf(e) })}</div> : null}
            {groupChange(e) ? <div>{t('orgs.groupChange', { from: groupChange(e)?.from ?? t('orgs.parentGroupNone'), to: groupChange(e)?.to ?? t('orgs.parentGroupNone') })}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

function OrgCareDrawer({ orgId, onClose }: { orgId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { tx, lang } = useLang();
  const { message, modal } = AntApp.useApp();
  const screens = Grid.useBreakpoint();
  const me = useMe();
  const q = useOrgDetail(orgId);
  const action = useMemberAction(orgId ?? '');
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<ConfirmKind | null>(null);
  const [shown, setShown] = useState<(TemporaryPassword & { name: string }) | null>(null);
  const org = q.data;
  const selfId = me.data?.user.id;

  const reset = (m: CareMember) =>
    modal.confirm({
      title: t('care.resetTitle', { name: m.name }),
      content: t('care.resetText'),
      okText: t('care.confirmReset'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = (await action.mutateAsync({ userId: m.id, action: 'reset-password' })) as TemporaryPassword;
          setShown({ ...r, name: m.name });
        } catch (e) {
          void message.error(e instanceof ApiError ? e.message : t('errors.unknown'));
        }
      },
    });
  const unlock = (m: CareMember) =>
    modal.confirm({
      title: t('care.unlockTitle', { name: m.name }),
      content: t('care.unlockText'),
      okText: t('care.confirmUnlock'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await action.mutateAsync({ userId: m.id, action: 'unlock' });
          void message.success(t('care.unlockDone', { name: m.name }));
        } catch (e) {
          void message.error(e instanceof ApiError ? e.message : t('errors.unknown'));
        }
      },
    });

  const memberActions = (m: CareMember) => (
    <Space wrap size={4} role="group" aria-label={t('care.actionsFor', { name: m.name })}>
      {m.active ? (
        <Button size="small" danger disabled={m.id === selfId} onClick={() => setConfirming({ kind: 'member', member: m, active: false })}>
          {t('care.deactivate')}
        </Button>
      ) : (
        <Button size="small" onClick={() => setConfirming({ kind: 'member', member: m, active: true })}>
          {t('care.reactivate')}
        </Button>
      )}
      <Button size="small" disabled={m.id === selfId} onClick={() => reset(m)}>
        {t('care.resetPassword')}
      </Button>
      {m.throttledUntil ? (
        <Button size="small" onClick={() => unlock(m)}>
          {t('care.unlock')}
        </Button>
      ) : null}
    </Space>
  );

  const roleText = (m: CareMember) =>
    [m.memberRole === 'owner' ? t('care.roleOwner') : t('care.roleMember'), isBureauRole(m.bureauRole) ? t(`orgs.bureauRoles.${m.bureauRole}`) : null].filter(Boolean).join(' · ');

  const columns: TableColumnsType<CareMember> = [
    { title: t('care.colName'), dataIndex: 'name', width: 110 },
    { title: t('care.colAccount'), key: 'account', width: 180, render: (_v: unknown, m) => memberAccount(m) },
    { title: t('care.colRole'), key: 'role', width: 110, render: (_v: unknown, m) => roleText(m) },
    { title: t('care.colStatus'), key: 'status', width: 150, render: (_v: unknown, m) => <MemberStatus m={m} /> },
    { title: t('care.colLastSignIn'), dataIndex: 'lastSignInAt', width: 130, render: (v: string | null) => (v ? formatDateTime(v) : t('care.neverSignedIn')) },
    { title: t('care.colActions'), key: 'actions', width: 200, render: (_v: unknown, m) => memberActions(m) },
  ];

  const title = org ? t('care.drawerTitle', { name: orgNames(org, lang)[0] }) : t('care.manage');
  return (
    <Drawer open={orgId !== null} onClose={onClose} title={title} size={screens.lg ? 960 : '100%'} destroyOnHidden>
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : org ? (
        <Flex vertical gap={16}>
          <Flex gap={8} wrap align="center" justify="space-between">
            <Space wrap>
              <Tag>{orgTypeText(org.type, tx)}</Tag>
              {org.active ? <Tag color="success">{t('orgs.active')}</Tag> : <Tag color="error">{t('orgs.inactive')}</Tag>}
            </Space>
            <Space wrap>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('care.addMember')}
              </Button>
              {org.active ? (
                <Button danger disabled={org.id === me.data?.org.id} onClick={() => setConfirming({ kind: 'org', org, active: false })}>
                  {t('care.deactivateOrg')}
                </Button>
              ) : (
                <Button onClick={() => setConfirming({ kind: 'org', org, active: true })}>{t('care.reactivateOrg')}</Button>
              )}
            </Space>
          </Flex>
          {org.active ? null : <Alert type="warning" showIcon title={t('care.orgInactiveNote')} />}
          <OrgGroup org={org} />
          <section aria-labelledby="care-members">
            <Typography.Title level={5} id="care-members">
              {t('care.members')}
            </Typography.Title>
            {screens.md ? (
              <div tabIndex={0} role="region" aria-labelledby="care-members" style={{ overflowX: 'auto' }}>
                <Table<CareMember> rowKey="id" size="small" columns={columns} dataSource={org.members} pagination={false} scroll={{ x: 880 }} />
              </div>
            ) : (
              <Flex vertical gap={8}>
                {org.members.map((m) => (
                  <Card key={m.id} size="small" title={m.name}>
                    <Flex vertical gap={6}>
                      <Typography.Text>{memberAccount(m)}</Typography.Text>
                      <Typography.Text type="secondary">{roleText(m)}</Typography.Text>
                      <MemberStatus m={m} />
                      <Typography.Text type="secondary">
                        {t('care.colLastSignIn')}: {m.lastSignInAt ? formatDateTime(m.lastSignInAt) : t('care.neverSignedIn')}
                      </Typography.Text>
                      {memberActions(m)}
                    </Flex>
                  </Card>
                ))}
              </Flex>
            )}
          </section>
          <section aria-labelledby="care-timeline">
            <Typography.Title level={5} id="care-timeline">
              {t('care.timeline')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('care.timelineIntro')}</Typography.Paragraph>
            <OrgTimeline orgId={org.id} />
          </section>
          <AddMemberModal
            org={org}
            open={adding}
            onClose={() => setAdding(false)}
            onAdded={(r) => {
              setAdding(false);
              setShown({ ...r, name: r.member.name });
            }}
          />
        </Flex>
      ) : null}
      <ActiveConfirmModal target={confirming} onClose={() => setConfirming(null)} />
      <TemporaryPasswordModal shown={shown} onClose={() => setShown(null)} />
    </Drawer>
  );
}

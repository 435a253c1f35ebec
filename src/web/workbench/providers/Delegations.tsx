import { Alert, App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Select, Spin, Tag, Typography } from 'antd';
import { CheckCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { isApiError } from '../../api/client';
import { useDelegations, useGrantDelegation, useLeadingUnits, useRevokeDelegation } from '../../api/providers';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../i18n';

const MAY = ['mayContract', 'mayImplementation', 'mayEvaluation', 'maySubsidy'] as const;
const NEVER = ['neverConfirm', 'neverMoney', 'neverBank'] as const;

/** 授权管理 (enterprise): the leading units it authorised, granting and revoking (the owner account only). */
export function DelegationsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const me = useMe().data;
  const isOwner = me?.user.memberRole === 'owner';
  const list = useDelegations();
  const units = useLeadingUnits();
  const grant = useGrantDelegation();
  const revoke = useRevokeDelegation();
  const [agent, setAgent] = useState<string | undefined>();
  const active = (list.data ?? []).filter((d) => !d.revokedAt);
  const activeIds = new Set(active.map((d) => d.agentOrgId));
  const options = useMemo(
    () =>
      [...(units.data ?? [])]
        .sort((a, b) => Number(b.suggested) - Number(a.suggested))
        .map((u) => ({
          value: u.id,
          label: `${lang === 'en' && u.nameEn ? u.nameEn : u.name}${u.suggested ? ` · ${t('providers.suggestedTag')}` : ''}`,
          disabled: activeIds.has(u.id),
        })),
    [units.data, lang, t, activeIds],
  );
  const suggested = (units.data ?? []).find((u) => u.suggested && !activeIds.has(u.id));
  const errorText = (e: unknown) => (isApiError(e) ? e.message : t('errors.unknown'));

  const doGrant = (id: string) =>
    grant.mutate(id, {
      onSuccess: () => {
        setAgent(undefined);
        void message.success(t('providers.granted'));
      },
      onError: (e) => void message.error(errorText(e)),
    });

  return (
    <>
      <PageHeader title={t('providers.menuDelegations')} subTitle={t('providers.delegationsIntro')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('providers.grantTitle')}>
            {!isOwner && me ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('providers.ownerOnly')} /> : null}
            {suggested && isOwner ? (
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('providers.suggestion', { name: suggested.name })}
                action={
                  <Button size="small" type="primary" loading={grant.isPending} onClick={() => doGrant(suggested.id)}>
                    {t('providers.grantThis')}
                  </Button>
                }
              />
            ) : null}
            <Flex gap={8} wrap>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                style={{ flex: '1 1 260px', minWidth: 0 }}
                placeholder={t('providers.chooseUnit')}
                aria-label={t('providers.chooseUnit')}
                options={options}
                value={agent}
                onChange={setAgent}
                loading={units.isPending}
                disabled={!isOwner}
                data-testid="delegation-unit"
              />
              <Button type="primary" disabled={!agent || !isOwner} loading={grant.isPending} onClick={() => agent && doGrant(agent)}>
                {t('providers.grant')}
              </Button>
            </Flex>
          </Card>
          <Card size="small" title={t('providers.listTitle')} style={{ marginTop: 16 }}>
            {list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} />
            ) : (
              <Spin spinning={list.isPending}>
                {(list.data ?? []).length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('providers.noDelegations')} />
                ) : (
                  <Flex vertical gap={8}>
                    {(list.data ?? []).map((d) => (
                      <Flex key={d.id} data-testid="delegation-row" justify="space-between" align="center" wrap gap={8} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
                        <Flex vertical style={{ minWidth: 0 }}>
                          <Flex gap={8} wrap align="center">
                            <Typography.Text strong>{d.agentName}</Typography.Text>
                            {d.revokedAt ? <Tag>{t('providers.statusRevoked')}</Tag> : <Tag color="green">{t('providers.statusActive')}</Tag>}
                          </Flex>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('providers.grantedAtBy', { at: formatDateTime(d.grantedAt), by: d.grantedByName ?? '—' })}
                            {d.revokedAt ? ` · ${t('providers.revokedAt', { at: formatDateTime(d.revokedAt) })}` : ''}
                          </Typography.Text>
                        </Flex>
                        {!d.revokedAt && isOwner ? (
                          <Popconfirm
                            title={t('providers.revokeConfirm', { name: d.agentName })}
                            okText={t('providers.revoke')}
                            cancelText={t('common.cancel')}
                            okButtonProps={{ danger: true, loading: revoke.isPending }}
                            onConfirm={() =>
                              revoke.mutateAsync(d.id).then(
                                () => void message.success(t('providers.revoked')),
                                (e: unknown) => void message.error(errorText(e)),
                              )
                            }
                          >
                            <Button danger size="small">
                              {t('providers.revoke')}
                            </Button>
                          </Popconfirm>
                        ) : null}
                      </Flex>
                    ))}
                  </Flex>
                )}
              </Spin>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('providers.explainTitle')}>
            <Typography.Paragraph>{t('providers.explainIntro')}</Typography.Paragraph>
            <Typography.Text strong>{t('providers.mayTitle')}</Typography.Text>
            <ul style={{ paddingInlineStart: 0, listStyle: 'none', margin: '8px 0 12px' }}>
              {MAY.map((k) => (
                <li key={k} style={{ marginBottom: 4 }}>
                  <CheckCircleOutlined style={{ color: '#389e0d', marginInlineEnd: 6 }} />
                  {t(`providers.${k}`)}
                </li>
              ))}
            </ul>
            <Typography.Text strong>{t('providers.neverTitle')}</Typography.Text>
            <ul style={{ paddingInlineStart: 0, listStyle: 'none', margin: '8px 0 12px' }}>
              {NEVER.map((k) => (
                <li key={k} style={{ marginBottom: 4 }}>
                  <StopOutlined style={{ color: '#cf1322', marginInlineEnd: 6 }} />
                  {t(`providers.${k}`)}
                </li>
              ))}
            </ul>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('providers.explainRecord')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </>
  );
}

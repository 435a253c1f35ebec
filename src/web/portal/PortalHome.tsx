import { Alert, Card, Col, Flex, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { CheckCircleOutlined, FileProtectOutlined, LoginOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe, usePublicStats, useRefLookup } from '../api/hooks';
import { STAGE_NUMBERS } from '../lib/stages';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { LinkButton } from '../components/LinkButton';

function KeyFigures() {
  const { t } = useTranslation();
  const stats = usePublicStats();
  const lookup = useRefLookup();
  if (stats.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (stats.isError) return <Alert type="warning" showIcon title={t('portal.figuresUnavailable')} description={stats.error.message} />;
  const s = stats.data;
  const towns = s.byTown.filter((x) => x.count > 0).length;
  const max = Math.max(1, ...s.byStage.map((x) => x.count));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={10}>
        <Row gutter={[12, 12]}>
          <Col span={12}>
            <Card size="small">
              <Statistic title={t('portal.figFiled')} value={s.filed} suffix={t('portal.unitProjects')} />
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small">
              <Statistic title={t('portal.figPilot')} value={s.pilotEnterprises} suffix={t('portal.unitEnterprises')} />
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small">
              <Statistic title={t('lists.completed')} value={s.completed} suffix={t('portal.unitProjects')} />
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small">
              <Statistic title={t('portal.figTowns')} value={towns} suffix={`/ 23`} />
            </Card>
          </Col>
        </Row>
      </Col>
      <Col xs={24} md={14}>
        <Card size="small" title={t('portal.byStage')}>
          <table className="stage-bars" style={{ width: '100%', borderCollapse: 'collapse' }}>
            <caption className="muted" style={{ textAlign: 'start', fontSize: 12, paddingBottom: 4 }}>
              {t('portal.byStageCaption')}
            </caption>
            <tbody>
              {STAGE_NUMBERS.map((n) => {
                const count = s.byStage.find((x) => x.stage === n)?.count ?? 0;
                const stageName = `${n}. ${lookup.stageLabel(n) || t(`stages.s${n}.name`)}`;
                return (
                  <tr key={n}>
                    <th scope="row" style={{ textAlign: 'start', fontWeight: 400, whiteSpace: 'nowrap', paddingInlineEnd: 8, width: '1%' }}>
                      {stageName}
                    </th>
                    <td>
                      <Progress percent={(count / max) * 100} showInfo={false} size="small" aria-label={`${stageName}: ${count}`} />
                    </td>
                    <td style={{ textAlign: 'end', width: 48 }}>{count}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
            {t('lists.endedNote', { withdrawn: s.withdrawn, closed: s.closed })}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}

function Flow() {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      {STAGE_NUMBERS.map((n) => {
        const hasBenefit = n !== 4 && n !== 5;
        return (
          <Col key={n} xs={24} sm={12} lg={6}>
            <Card size="small" className="flow-step" title={
              <Flex align="center">
                <span className="flow-no" aria-hidden>{n}</span>
                <span>{t(`stages.s${n}.name`)}</span>
              </Flex>
            }>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t(`stages.s${n}.goal`)}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 6 }}>
                <Typography.Text strong>{t('portal.stepGuide')}</Typography.Text>
                {t(`stages.s${n}.guide`)}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                <Typography.Text strong>{t('portal.stepMaterials')}</Typography.Text>
                {t(`stages.s${n}.materials`)}
              </Typography.Paragraph>
              <div className="flow-benefit">
                <Typography.Text strong>
                  <CheckCircleOutlined style={{ color: '#389e0d', marginInlineEnd: 6 }} />
                  {hasBenefit ? t('portal.stepBenefit') : t('portal.stepOutcome')}
                </Typography.Text>
                <div>{t(`stages.s${n}.benefit`)}</div>
              </div>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

export function PortalHome() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(undefined);
  return (
    <Flex vertical gap={24}>
      <section className="hero">
        <h1>{t('portal.heroTitle')}</h1>
        <p>{t('portal.heroText')}</p>
        <Flex gap={12} wrap style={{ marginTop: 16 }}>
          {me.data ? (
            <LinkButton to="/workbench" size="large" type="primary" style={{ background: '#fff', color: '#0b3d91' }}>
                {t('portal.toWorkbench')}
              </LinkButton>
          ) : (
            <>
              <LinkButton to="/register" size="large" icon={<UserAddOutlined />} style={{ background: '#fff', color: '#0b3d91', borderColor: '#fff' }}>
                  {t('portal.ctaRegister')}
                </LinkButton>
              <LinkButton to="/login" size="large" ghost icon={<LoginOutlined />}>
                  {t('portal.ctaLogin')}
                </LinkButton>
            </>
          )}
          <LinkButton to="/filings" size="large" ghost icon={<FileProtectOutlined />}>
              {t('portal.ctaFilings')}
            </LinkButton>
        </Flex>
      </section>

      <section aria-labelledby="figures">
        <Typography.Title level={4} id="figures">
          {t('portal.figuresTitle')}
        </Typography.Title>
        <KeyFigures />
      </section>

      <section aria-labelledby="who">
        <Card>
          <Typography.Title level={4} id="who" style={{ marginTop: 0 }}>
            {t('portal.whoTitle')}
          </Typography.Title>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('portal.whoText')}</Typography.Paragraph>
        </Card>
      </section>

      <section aria-labelledby="flow">
        <Typography.Title level={4} id="flow">
          {t('portal.flowTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('portal.flowIntro')}</Typography.Paragraph>
        <Flow />
      </section>
    </Flex>
  );
}

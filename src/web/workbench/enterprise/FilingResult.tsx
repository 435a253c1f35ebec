import { Button, Card, Flex, Result, Skeleton, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useProject } from '../../api/hooks';
import { ErrorState } from '../../components/ErrorState';
import { useLang } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { LinkButton } from '../../components/LinkButton';
import { useCopyAndTell } from '../../lib/useCopyAndTell';

/** After submitting: the 备案号 large, with copy, and what comes next for the chosen diagnosis mode. */
export function FilingResult() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { tx } = useLang();
  const copy = useCopyAndTell();
  const q = useProject(id);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  if (!p.filingNo) {
    return (
      <Result
        status="info"
        title={t('result.notSubmittedTitle')}
        subTitle={t('result.notSubmittedText')}
        extra={
          <LinkButton to={`/workbench/projects/${p.id}/edit`} type="primary">{t('filingList.continue')}</LinkButton>
        }
      />
    );
  }
  const filingNo = p.filingNo;
  const steps = p.diagnosisMode === 'self' ? (['self1', 'self2', 'self3'] as const) : (['inst1', 'inst2', 'inst3'] as const);
  return (
    <Card>
      <Result
        status="success"
        title={t('result.title')}
        subTitle={t('result.subTitle', { time: formatDateTime(p.submittedAt) })}
        extra={
          <Flex vertical align="center" gap={16}>
            <div>
              <div className="muted">{t('project.filingNo')}</div>
              <Flex align="center" gap={8} justify="center" wrap>
                <span className="filing-no" data-testid="filing-no">
                  {filingNo}
                </span>
                <Button
                  icon={<CopyOutlined />}
                  onClick={() => copy(filingNo)}
                >
                  {t('common.copy')}
                </Button>
              </Flex>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {p.published ? t('result.published') : t('result.notPublished')}
              </Typography.Paragraph>
            </div>
            <Card size="small" title={t('result.nextTitle')} style={{ textAlign: 'start', maxWidth: 640, width: '100%' }}>
              {p.stateInfo.applicantHint ? <Typography.Paragraph strong>{tx(p.stateInfo.applicantHint)}</Typography.Paragraph> : null}
              <ol style={{ paddingInlineStart: 20, margin: 0 }}>
                {steps.map((s) => (
                  <li key={s} style={{ marginBottom: 6 }}>
                    {t(`result.${s}`)}
                  </li>
                ))}
              </ol>
            </Card>
            <Flex gap={8} wrap justify="center">
              <LinkButton to={`/workbench/projects/${p.id}`} type="primary">{t('result.toDetail')}</LinkButton>
              <LinkButton to="/workbench">{t('common.backToWorkbench')}</LinkButton>
              <LinkButton to={`/filings?q=${encodeURIComponent(filingNo)}`}>{t('result.toPublic')}</LinkButton>
            </Flex>
          </Flex>
        }
      />
    </Card>
  );
}

import { Alert, App, Button, Card, Col, Empty, Flex, Input, Row, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useAnswerMeasure, useStanding, type Measure } from '../../api/providers';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { MeasureItem, RatingsList, scoreText } from './Oversight';

function AnswerBox({ m }: { m: Measure }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const answer = useAnswerMeasure();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = () => {
    setError(null);
    answer.mutate(
      { id: m.id, response: text },
      {
        onSuccess: () => void message.success(t('providers.answered')),
        onError: (e) => setError(isApiError(e) ? (e.fields[0]?.message ?? e.message) : t('errors.unknown')),
      },
    );
  };
  return (
    <Flex vertical gap={6}>
      {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
      <Input.TextArea rows={3} maxLength={2000} showCount value={text} onChange={(e) => setText(e.target.value)} placeholder={t('providers.answerPlaceholder')} aria-label={t('providers.answer')} />
      <div>
        <Button type="primary" disabled={text.trim().length < 2} loading={answer.isPending} onClick={send}>
          {t('providers.answer')}
        </Button>
      </div>
    </Flex>
  );
}

/** 服务评价与整改 (provider): the enterprises' ratings of its work and the bureau's measures, each answered once. */
export function MyStandingPage() {
  const { t } = useTranslation();
  const q = useStanding();
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data?.provider;
  const open = (q.data?.measures ?? []).filter((m) => m.inForce && !m.response);
  return (
    <>
      <PageHeader title={t('providers.menuStanding')} subTitle={t('providers.standingIntro')} />
      {p?.suspended ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('providers.youAreSuspended')} /> : null}
      {open.length ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('providers.toAnswer', { count: open.length })} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('providers.fig_rating')} value={p?.ratings.count ? `${scoreText(p.ratings.overall)} / 5` : '—'} loading={q.isPending} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('providers.fig_ratingCount')} value={p?.ratings.count ?? '—'} loading={q.isPending} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('providers.fig_open')} value={p?.openProjects ?? '—'} loading={q.isPending} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('providers.fig_overdue')} value={p?.overdueSteps ?? '—'} loading={q.isPending} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('providers.measuresTitle')} loading={q.isPending}>
            {q.data?.measures.length ? (
              <Flex vertical gap={12}>
                {q.data.measures.map((m) => (
                  <MeasureItem key={m.id} m={m} extra={m.response === null ? <AnswerBox m={m} /> : null} />
                ))}
              </Flex>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('providers.noMeasuresMine')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('providers.ratingsTitle')} loading={q.isPending}>
            <Typography.Paragraph type="secondary">{t('providers.ratingsNote')}</Typography.Paragraph>
            <RatingsList ratings={q.data?.ratings ?? []} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

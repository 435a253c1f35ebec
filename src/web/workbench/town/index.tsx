import { Button, Card, Col, Flex, Row, Statistic } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe, useProjects, useRefLookup } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ProjectList } from '../../components/ProjectList';

/**
 * 本镇企业: the town office follows the filed projects of its own town (the server scopes the list), with a
 * summary on top (在办 N, 超期 M: the latter opens the 只看超期 filter) and a due-date column.
 */
export function TownProjects() {
  const { t } = useTranslation();
  const me = useMe().data;
  const lookup = useRefLookup();
  const [params, setParams] = useSearchParams();
  const openCount = useProjects({ page: 1, pageSize: 1, outcome: 'open' }).data?.total;
  const overdueCount = useProjects({ page: 1, pageSize: 1, overdue: '1' } as Parameters<typeof useProjects>[0]).data?.total;
  const overdueOnly = params.get('overdue') === '1';
  const showOverdue = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('overdue', '1');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  return (
    <>
      <PageHeader title={t('menu.townEnterprises')} subTitle={t('town.intro', { town: lookup.town(me?.org.townCode) })} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="town-summary">
        <Col xs={12} md={8} xl={6}>
          <Card size="small">
            <Statistic title={t('diagnosis2b.townSummaryOpen')} value={openCount ?? '—'} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={6}>
          <Card size="small" style={overdueCount ? { borderColor: '#ffa39e', background: '#fff1f0' } : undefined}>
            <Flex vertical>
              <Statistic
                title={t('diagnosis2b.townSummaryOverdue')}
                value={overdueCount ?? '—'}
                styles={{ content: overdueCount ? { color: '#cf1322' } : undefined }}
                data-testid="town-overdue-count"
              />
              {overdueCount && !overdueOnly ? (
                <Button type="link" size="small" onClick={showOverdue} style={{ padding: 0, alignSelf: 'start' }} data-testid="town-overdue-link">
                  {t('diagnosis2b.townSummaryOverdueLink')}
                </Button>
              ) : null}
            </Flex>
          </Card>
        </Col>
      </Row>
      <ProjectList showTownFilter={false} exportable sortable overdueFilter />
    </>
  );
}

/** Submitting: what is still missing (with links), the truthfulness pledge, a confirmation with the result. */
import { Alert, App as AntApp, Button, Card, Checkbox, Flex, Statistic, Typography, type CheckboxRef } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { formatPoints, type Catalog } from '../../core/assessment';
import { useLang } from '../i18n';
import { useAt } from './i18n';
import { problemsOf, useSubmitAssessment, type AssessmentDetail } from './api';
import { ProblemLinks } from './LivePanel';
import type { Anchor, LiveEvaluation } from './model';
import { LevelTag } from './parts';

interface Props {
  detail: AssessmentDetail;
  catalog: Catalog;
  live: LiveEvaluation;
  /** Saves what is pending; false when it could not. */
  flush: () => Promise<boolean>;
  revision: () => number;
  onJump: (a: Anchor) => void;
  onSubmitted: (d: AssessmentDetail) => void;
  onConflict: (code: 'CONFLICT' | 'ALREADY_SUBMITTED') => void;
}

export function SubmitCard({ detail, catalog, live, flush, revision, onJump, onSubmitted, onConflict }: Props) {
  const at = useAt();
  const { tx } = useLang();
  const { modal, message } = AntApp.useApp();
  const [pledged, setPledged] = useState(false);
  const pledgeRef = useRef<CheckboxRef>(null);
  const submit = useSubmitAssessment(detail.id);
  const blockers = [...live.issues, ...live.missing];
  const institution = detail.mode !== 'self';
  const { score, level } = live.result;

  const send = async (): Promise<void> => {
    try {
      const done = await submit.mutateAsync({ pledge: true, revision: revision() });
      onSubmitted(done);
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'CONFLICT' || e.code === 'ALREADY_SUBMITTED')) {
        onConflict(e.code);
        return;
      }
      const problems = problemsOf(e);
      modal.error({
        title: at('submit.failedTitle'),
        content: (
          <>
            <Typography.Paragraph>{e instanceof ApiError ? e.message : String(e)}</Typography.Paragraph>
            {problems.length > 0 ? (
              <ul className="as-plain-list">
                {problems.slice(0, 12).map((p) => (
                  <li key={`${p.path}:${p.code}`}>{tx(p.message)}</li>
                ))}
              </ul>
            ) : null}
          </>
        ),
      });
    }
  };

  const start = async () => {
    if (!pledged) {
      void message.warning(at('submit.pledgeRequired'));
      pledgeRef.current?.focus();
      return;
    }
    const saved = await flush();
    if (!saved) {
      modal.error({ title: at('submit.failedTitle'), content: at('submit.saveFirst') });
      return;
    }
    modal.confirm({
      title: at('submit.confirmTitle'),
      okText: at('submit.confirmOk'),
      content: (
        <div data-testid="submit-confirm" className="as-confirm">
          <Typography.Paragraph>{at('submit.confirmText')}</Typography.Paragraph>
          <Flex gap={32} align="flex-end" wrap>
            <Statistic title={at('live.base')} value={formatPoints(score.base)} suffix={at('live.outOf', { max: formatPoints(score.max) })} />
            <div>
              <div className="as-stat-title">{at('report.level')}</div>
              <LevelTag level={level.level} name={level.name} large />
            </div>
          </Flex>
          {detail.mode === 'self' ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {at('submit.selfNext')}
            </Typography.Paragraph>
          ) : null}
        </div>
      ),
      onOk: send,
    });
  };

  return (
    <Card id="as-submit" title={at('submit.title')} className="as-submit" size="small">
      {blockers.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={at('submit.blocked', { count: blockers.length })}
          description={<ProblemLinks catalog={catalog} problems={blockers} onJump={onJump} limit={8} />}
          style={{ marginBottom: 12 }}
          data-testid="submit-blockers"
        />
      ) : null}
      <div className="as-pledge">
        <Typography.Text strong>{at('submit.pledgeTitle')}</Typography.Text>
        <Typography.Paragraph className="as-pledge-text">{institution ? at('submit.pledgeInstitution') : at('submit.pledgeEnterprise')}</Typography.Paragraph>
        <Checkbox ref={pledgeRef} checked={pledged} onChange={(e) => setPledged(e.target.checked)}>
          {at('submit.pledgeAgree')}
        </Checkbox>
      </div>
      <Button
        type="primary"
        size="large"
        icon={<SendOutlined />}
        disabled={blockers.length > 0}
        loading={submit.isPending}
        onClick={() => void start()}
        style={{ marginTop: 16 }}
        block
      >
        {at('submit.button')}
      </Button>
    </Card>
  );
}

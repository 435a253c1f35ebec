/** The live result beside the questionnaire (a drawer on phones): score, level, next-level gap, issues with links. */
import { Button, Divider, Flex, Progress, Statistic, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, WarningOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { formatPoints, type AssessmentProblem, type Catalog } from '../../core/assessment';
import { useLang } from '../i18n';
import { useAt } from './i18n';
import { anchorsOf, type Anchor, type LiveEvaluation } from './model';
import { LevelTag } from './parts';

const SHOWN = 6;

export function ProblemLinks({ catalog, problems, onJump, limit = SHOWN }: { catalog: Catalog; problems: readonly AssessmentProblem[]; onJump: (a: Anchor) => void; limit?: number }) {
  const at = useAt();
  const { tx } = useLang();
  const [all, setAll] = useState(false);
  const shown = all ? problems : problems.slice(0, limit);
  return (
    <ul className="as-problem-links">
      {shown.map((p) => {
        const target = anchorsOf(catalog, p.path)[0];
        return (
          <li key={`${p.path}:${p.code}`}>
            {target ? (
              <Button type="link" size="small" className="as-problem-link" onClick={() => onJump(target)}>
                {tx(p.message)}
              </Button>
            ) : (
              <Typography.Text>{tx(p.message)}</Typography.Text>
            )}
          </li>
        );
      })}
      {!all && problems.length > limit ? (
        <li>
          <Button type="link" size="small" onClick={() => setAll(true)}>
            {at('live.more', { count: problems.length - limit })}
          </Button>
        </li>
      ) : null}
    </ul>
  );
}

export function LivePanel({ catalog, live, onJump }: { catalog: Catalog; live: LiveEvaluation; onJump: (a: Anchor) => void }) {
  const at = useAt();
  const { tx } = useLang();
  const { score, level } = live.result;
  const next = level.next;
  return (
    <div className="as-live" data-testid="live-panel">
      <Flex gap={16} align="flex-end" wrap justify="space-between">
        <Statistic title={at('live.base')} value={formatPoints(score.base)} suffix={at('live.outOf', { max: formatPoints(score.max) })} data-testid="live-base" />
        <div>
          <div className="as-stat-title">{at('live.level')}</div>
          <LevelTag level={level.level} name={level.name} large />
        </div>
      </Flex>
      <div className="as-next">
        {next ? (
          <>
            <Typography.Text strong>{at('live.nextTitle', { level: tx(next.name) })}</Typography.Text>
            <ul className="as-requirements">
              {next.requirements.map((r) => (
                <li key={r.kind} className={r.met ? 'as-met' : 'as-unmet'}>
                  {r.met ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />} <span>{tx(r.message)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Typography.Text type="success">{at('live.top')}</Typography.Text>
        )}
      </div>
      <Typography.Text strong>{at('live.dimensions')}</Typography.Text>
      {score.dimensions.map((d) => (
        <div key={d.code} className="as-dim">
          <Flex justify="space-between">
            <span>{tx(d.name)}</span>
            <span>
              {formatPoints(d.score)}/{formatPoints(d.max)}
            </span>
          </Flex>
          <Progress
            percent={d.max > 0 ? Math.round((d.score / d.max) * 100) : 0}
            showInfo={false}
            size="small"
            aria-label={`${tx(d.name)} ${formatPoints(d.score)}/${formatPoints(d.max)}`}
          />
        </div>
      ))}
      <Typography.Paragraph type="secondary" className="as-small">
        {at('live.provisional')}
      </Typography.Paragraph>
      <Divider style={{ margin: '8px 0' }} />
      {live.issues.length > 0 ? (
        <>
          <Typography.Text strong type="danger">
            <WarningOutlined /> {at('live.problemsTitle', { count: live.issues.length })}
          </Typography.Text>
          <ProblemLinks catalog={catalog} problems={live.issues} onJump={onJump} />
        </>
      ) : null}
      {live.missing.length > 0 ? (
        <>
          <Typography.Text strong>{at('live.missingTitle', { count: live.missing.length })}</Typography.Text>
          <ProblemLinks catalog={catalog} problems={live.missing} onJump={onJump} />
        </>
      ) : null}
      {live.issues.length === 0 && live.missing.length === 0 ? <Typography.Text type="success">{at('live.allDone')}</Typography.Text> : null}
    </div>
  );
}

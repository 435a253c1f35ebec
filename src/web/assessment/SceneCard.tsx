/** One digital operation scene, rated L0–L4 by choosing the description that fits (radio cards). */
import { Alert, Flex, Radio, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { memo } from 'react';
import type { AssessmentProblem, Catalog, Scene, SceneLevel } from '../../core/assessment';
import { useLang } from '../i18n';
import { useAt } from './i18n';
import { anchorId } from './model';

interface Props {
  catalog: Catalog;
  scene: Scene;
  level: SceneLevel | null;
  problems: readonly AssessmentProblem[];
  highlighted: boolean;
  onRate: (code: string, level: SceneLevel) => void;
}

const LEVELS: readonly SceneLevel[] = [0, 1, 2, 3, 4];

export function ConstraintTag({ catalog }: { catalog: Catalog }) {
  const at = useAt();
  const { tx } = useLang();
  const tip = (
    <>
      <div>{at('scene.constraintTip')}</div>
      <ul className="as-plain-list as-tip-list">
        {catalog.levelRules.map((r) => (
          <li key={r.level}>
            {at('scene.constraintRule', { level: tx(r.name), scenes: r.minScenesAtLevel, sceneLevel: r.sceneLevel, constraint: r.minConstraintScenes })}
          </li>
        ))}
      </ul>
    </>
  );
  return (
    <Tooltip title={tip}>
      <Tag color="volcano" className="as-constraint-tag" tabIndex={0} style={{ marginInlineEnd: 0 }}>
        {at('scene.constraint')} <QuestionCircleOutlined />
      </Tag>
    </Tooltip>
  );
}

/** Memoised: rating one scene re-renders that card only. */
export const SceneCard = memo(function SceneCard({ catalog, scene, level, problems, highlighted, onRate }: Props) {
  const at = useAt();
  const { tx } = useLang();
  const id = anchorId({ kind: 'scene', code: scene.code });
  const evidence = level !== null && level > 0 ? catalog.sceneEvidenceByLevel[level - 1] : undefined;
  return (
    <section
      id={id}
      tabIndex={-1}
      className={`as-scene${problems.length > 0 ? ' as-has-problem' : ''}${highlighted ? ' as-flash' : ''}`}
      aria-labelledby={`${id}-title`}
      data-scene={scene.code}
      data-level={level ?? ''}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={5} id={`${id}-title`} className="as-question-title">
          {tx(scene.name)}
        </Typography.Title>
        <Flex gap={4} align="center">
          {scene.constraint ? <ConstraintTag catalog={catalog} /> : null}
          <Tag color={level === null ? undefined : 'blue'} style={{ marginInlineEnd: 0 }}>
            {level === null ? at('scene.unrated') : `L${level}`}
          </Tag>
        </Flex>
      </Flex>
      <Radio.Group
        value={level}
        onChange={(e) => onRate(scene.code, e.target.value as SceneLevel)}
        className="as-level-cards"
        aria-labelledby={`${id}-title`}
      >
        {LEVELS.map((l) => (
          <Radio key={l} value={l} className="as-level-card" data-level={l}>
            <span className="as-level-name">{l === 0 ? tx(catalog.sceneLevelNames[0]) : `L${l}`}</span>
            <span className="as-level-text">{l === 0 ? at('scene.notStarted') : tx(scene.levels[l - 1])}</span>
          </Radio>
        ))}
      </Radio.Group>
      {evidence ? (
        <Typography.Paragraph type="secondary" className="as-scene-evidence">
          {at('scene.evidenceFor', { level: level ?? 0, evidence: tx(evidence) })}
        </Typography.Paragraph>
      ) : null}
      {problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="as-problem"
          title={
            <ul className="as-plain-list as-one-line-list">
              {problems.map((p) => (
                <li key={`${p.path}:${p.code}`}>{tx(p.message)}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </section>
  );
});

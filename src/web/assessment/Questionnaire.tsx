/**
 * The editable questionnaire: sections (dimensions, then scenes) as tabs, indicators and scene groups as
 * collapsible panels, the live result beside it (a drawer below the xl breakpoint), autosave, submission.
 */
import { App as AntApp, Button, Card, Col, Collapse, Drawer, Flex, Grid, Progress, Row, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined, BarChartOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  collectInputs,
  formatPoints,
  indexCatalog,
  type AssessmentAnswers,
  type AssessmentProblem,
  type Catalog,
  type Dimension,
  type MultiQuestion,
  type SceneLevel,
} from '../../core/assessment';
import { useLang } from '../i18n';
import { useAt } from './i18n';
import { assessmentKey, type AssessmentDetail } from './api';
import {
  anchorId,
  anchorKey,
  evaluate,
  problemsByAnchor,
  sectionKeys,
  sectionProgress,
  SCENES_SECTION,
  setChoice,
  setInput,
  setScene,
  toAnswers,
  toggleMulti,
  type Anchor,
} from './model';
import { useAutosave } from './useAutosave';
import { QuestionCard } from './QuestionCard';
import { SceneCard } from './SceneCard';
import { LivePanel } from './LivePanel';
import { SubmitCard } from './SubmitCard';
import { SaveIndicator } from './parts';

const sectionStore = (id: string) => `zs-assessment-section:${id}`;

const NONE: readonly AssessmentProblem[] = [];

/** The same object as last time while its values are equal (keeps memoised cards from re-rendering). */
function useStable<T extends Record<string, number>>(value: T): T {
  const ref = useRef(value);
  const prev = ref.current;
  const keys = Object.keys(value);
  const same = keys.length === Object.keys(prev).length && keys.every((k) => prev[k] === value[k]);
  useEffect(() => {
    if (!same) ref.current = value;
  });
  return same ? prev : value;
}

function storedSection(id: string, keys: string[]): string | null {
  try {
    const s = localStorage.getItem(sectionStore(id));
    return s && keys.includes(s) ? s : null;
  } catch {
    return null;
  }
}

/** "数字化基础" → "基础" on phones (four tabs must fit 390 px). */
function shortName(name: string, lang: string): string {
  return lang === 'en' ? name.replace(/^Digital /, '').replace(/^./, (c) => c.toUpperCase()) : name.replace(/^数字化/, '');
}

interface Props {
  detail: AssessmentDetail;
  catalog: Catalog;
  onConflict: (code: 'CONFLICT' | 'ALREADY_SUBMITTED') => void;
  onSubmitted: (d: AssessmentDetail) => void;
}

export function Questionnaire({ detail, catalog, onConflict, onSubmitted }: Props) {
  const at = useAt();
  const { tx, lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const wide = Boolean(screens.xl);
  const phone = !screens.md;
  const index = indexCatalog(catalog);
  const keys = useMemo(() => sectionKeys(catalog), [catalog]);

  const [answers, setAnswers] = useState<AssessmentAnswers>(() => toAnswers(catalog, detail.answers));
  const answersRef = useRef(answers);
  const autosave = useAutosave({
    id: detail.id,
    revision: detail.revision,
    savedAt: detail.revision > 1 ? detail.updatedAt : null,
    answers: () => answersRef.current,
    onSaved: (d) => qc.setQueryData(assessmentKey(d.id), d),
    onConflict,
  });
  const { edited } = autosave;

  const update = useCallback(
    (fn: (a: AssessmentAnswers) => AssessmentAnswers) => {
      const next = fn(answersRef.current);
      if (next === answersRef.current) return;
      answersRef.current = next;
      setAnswers(next);
      edited();
    },
    [edited],
  );

  const handlers = useMemo(
    () => ({
      onChoice: (code: string, optionId: string | null) => update((a) => setChoice(a, code, optionId)),
      onInput: (code: string, value: number | null) => update((a) => setInput(catalog, a, code, value)),
      onMulti: (question: MultiQuestion, optionId: string, checked: boolean) => {
        const r = toggleMulti(question, answersRef.current, optionId, checked);
        update(() => r.answers);
        const none = question.options.find((o) => o.exclusive);
        if (none && r.clearedKind === 'exclusive') void message.info(at('question.noneUnchecked', { none: tx(none.label) }));
        if (none && r.clearedKind === 'others') void message.info(at('question.othersUnchecked', { none: tx(none.label) }));
      },
      onRate: (code: string, level: SceneLevel) => update((a) => setScene(a, code, level)),
    }),
    [update, catalog, message, at, tx],
  );

  const live = useMemo(() => evaluate(catalog, answers), [catalog, answers]);
  const pool = useStable(useMemo(() => collectInputs(catalog, answers), [catalog, answers]));
  const byAnchor = useMemo(() => problemsByAnchor(catalog, live.issues), [catalog, live.issues]);
  const progress = useMemo(() => sectionProgress(catalog, live.result), [catalog, live.result]);
  const questionScores = useMemo(() => new Map(live.result.score.questions.map((q) => [q.code, q])), [live.result]);
  const indicatorScores = useMemo(() => new Map(live.result.score.indicators.map((i) => [i.code, i])), [live.result]);
  const numbers = useMemo(() => new Map(index.questionList.map((e, i) => [e.question.code, i + 1])), [index]);

  // Where the user was: the section is remembered per assessment.
  const [section, setSectionState] = useState<string>(() => storedSection(detail.id, keys) ?? keys[0] ?? SCENES_SECTION);
  const setSection = useCallback(
    (s: string) => {
      setSectionState(s);
      try {
        localStorage.setItem(sectionStore(detail.id), s);
      } catch {
        // storage unavailable: only the memory of the section is lost
      }
    },
    [detail.id],
  );
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const [drawer, setDrawer] = useState(false);
  const [pendingJump, setPendingJump] = useState<Anchor | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const tabsTop = useRef<HTMLDivElement>(null);

  const jumpTo = useCallback(
    (a: Anchor) => {
      setSection(a.section);
      setClosed((prev) => {
        if (!prev.has(a.group)) return prev;
        const next = new Set(prev);
        next.delete(a.group);
        return next;
      });
      setDrawer(false);
      setPendingJump(a);
    },
    [setSection],
  );

  useEffect(() => {
    if (!pendingJump || section !== pendingJump.section) return;
    const timer = window.setTimeout(() => {
      const el = document.getElementById(anchorId(pendingJump));
      if (el) {
        el.scrollIntoView({ behavior: 'smooth', block: 'center' });
        // Focus the card itself (announced by screen readers; no keyboard popping up on phones).
        el.focus({ preventScroll: true });
      }
      setFlash(anchorKey(pendingJump));
      setPendingJump(null);
    }, 150);
    return () => window.clearTimeout(timer);
  }, [pendingJump, section]);

  useEffect(() => {
    if (!flash) return;
    const timer = window.setTimeout(() => setFlash(null), 2200);
    return () => window.clearTimeout(timer);
  }, [flash]);

  const goSection = (s: string) => {
    setSection(s);
    window.setTimeout(() => tabsTop.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 30);
  };

  const p = live.result.score.progress;
  const done = p.questionsAnswered + p.scenesRated;
  const total = p.questionsTotal + p.scenesTotal;
  const issuesCount = live.issues.length + live.missing.length;

  const renderDimension = (d: Dimension) => (
    <Collapse
      className="as-collapse"
      activeKey={d.indicators.map((i) => i.code).filter((c) => !closed.has(c))}
      onChange={(open) => {
        const openSet = new Set(Array.isArray(open) ? open : [open]);
        setClosed((prev) => {
          const next = new Set(prev);
          for (const i of d.indicators) {
            if (openSet.has(i.code)) next.delete(i.code);
            else next.add(i.code);
          }
          return next;
        });
      }}
      items={d.indicators.map((ind) => {
        const s = indicatorScores.get(ind.code);
        const answered = ind.questions.filter((q) => questionScores.get(q.code)?.answered).length;
        return {
          key: ind.code,
          label: (
            <span className="as-panel-label">
              {tx(ind.name)} <Typography.Text type="secondary">· {at('section.indicatorPoints', { points: formatPoints(ind.points) })}</Typography.Text>
            </span>
          ),
          extra: (
            <Typography.Text type="secondary" className="as-panel-extra">
              {at('section.answeredCount', { done: answered, total: ind.questions.length })}
              {s && !phone ? ` · ${at('section.indicatorScore', { score: formatPoints(s.score), points: formatPoints(ind.points) })}` : ''}
            </Typography.Text>
          ),
          children: ind.questions.map((q) => (
            <QuestionCard
              key={q.code}
              catalog={catalog}
              question={q}
              number={numbers.get(q.code) ?? 0}
              answer={answers.questions[q.code]}
              inputs={answers.inputs}
              pool={pool}
              problems={byAnchor.get(anchorKey({ kind: 'question', code: q.code })) ?? NONE}
              answered={questionScores.get(q.code)?.answered ?? false}
              scored={questionScores.get(q.code)?.score ?? 0}
              phone={phone}
              highlighted={flash === anchorKey({ kind: 'question', code: q.code })}
              {...handlers}
            />
          )),
        };
      })}
    />
  );

  const renderScenes = () => (
    <>
      <Typography.Paragraph type="secondary">{at('section.scenesIntro')}</Typography.Paragraph>
      <Collapse
        className="as-collapse"
        activeKey={catalog.sceneGroups.map((g) => g.code).filter((c) => !closed.has(c))}
        onChange={(open) => {
          const openSet = new Set(Array.isArray(open) ? open : [open]);
          setClosed((prev) => {
            const next = new Set(prev);
            for (const g of catalog.sceneGroups) {
              if (openSet.has(g.code)) next.delete(g.code);
              else next.add(g.code);
            }
            return next;
          });
        }}
        items={catalog.sceneGroups.map((g) => {
          const rated = g.scenes.filter((s) => answers.scenes[s.code] !== undefined && answers.scenes[s.code] !== null).length;
          return {
            key: g.code,
            label: <span className="as-panel-label">{tx(g.name)}</span>,
            extra: (
              <Typography.Text type="secondary" className="as-panel-extra">
                {at('scene.groupCount', { done: rated, total: g.scenes.length })}
              </Typography.Text>
            ),
            children: g.scenes.map((s) => {
              const v = answers.scenes[s.code];
              return (
                <SceneCard
                  key={s.code}
                  catalog={catalog}
                  scene={s}
                  level={v === undefined ? null : v}
                  problems={byAnchor.get(anchorKey({ kind: 'scene', code: s.code })) ?? NONE}
                  highlighted={flash === anchorKey({ kind: 'scene', code: s.code })}
                  onRate={handlers.onRate}
                />
              );
            }),
          };
        })}
      />
    </>
  );

  const sectionName = (key: string): string => {
    if (key === SCENES_SECTION) return phone ? at('section.scenesShort') : at('section.scenes');
    const d = catalog.dimensions.find((x) => x.code === key);
    const name = d ? tx(d.name) : key;
    return phone ? shortName(name, lang) : name;
  };

  const pos = keys.indexOf(section);
  const prevKey = pos > 0 ? keys[pos - 1] : undefined;
  const nextKey = pos >= 0 && pos < keys.length - 1 ? keys[pos + 1] : undefined;

  const tabs = keys.map((key) => {
    const pr = progress[key] ?? { done: 0, total: 0 };
    const d = catalog.dimensions.find((x) => x.code === key);
    return {
      key,
      label: (
        <span className="as-tab-label" data-section={key}>
          {sectionName(key)}{' '}
          <span className={`as-tab-count${pr.done === pr.total ? ' as-tab-done' : ''}`}>{at('progress.sectionCount', { done: pr.done, total: pr.total })}</span>
        </span>
      ),
      children: (
        <div className="as-section">
          {d ? renderDimension(d) : renderScenes()}
          <Flex justify="space-between" gap={8} className="as-section-nav">
            {prevKey ? (
              <Button icon={<ArrowLeftOutlined />} onClick={() => goSection(prevKey)}>
                {at('section.previous')}
              </Button>
            ) : (
              <span />
            )}
            {nextKey ? (
              <Button type="primary" ghost onClick={() => goSection(nextKey)}>
                {at('section.next')} <ArrowRightOutlined />
              </Button>
            ) : null}
          </Flex>
        </div>
      ),
    };
  });

  const panel = <LivePanel catalog={catalog} live={live} onJump={jumpTo} />;

  return (
    <div className={wide ? 'as-editor' : 'as-editor as-editor-narrow'}>
      <Row gutter={[16, 16]} wrap={!wide}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card size="small" className="as-progress-card">
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Typography.Text strong>{at('progress.label')}</Typography.Text>
              <SaveIndicator status={autosave.status} onRetry={autosave.retry} />
            </Flex>
            <Progress percent={total > 0 ? Math.floor((done / total) * 100) : 0} aria-label={at('progress.label')} />
            <Typography.Text type="secondary" data-testid="progress-detail">
              {at('progress.detail', { answered: p.questionsAnswered, questions: p.questionsTotal, rated: p.scenesRated, scenes: p.scenesTotal })}
            </Typography.Text>
          </Card>
          <div ref={tabsTop} className="as-tabs-anchor" />
          <Tabs activeKey={section} onChange={setSection} items={tabs} className="as-tabs" size={phone ? 'small' : 'middle'} />
          <SubmitCard
            detail={detail}
            catalog={catalog}
            live={live}
            flush={autosave.flush}
            revision={autosave.revision}
            onJump={jumpTo}
            onSubmitted={onSubmitted}
            onConflict={onConflict}
          />
        </Col>
        {wide ? (
          <Col flex="340px" className="as-side">
            <Card size="small" title={at('live.title')} className="as-side-card">
              {panel}
            </Card>
          </Col>
        ) : null}
      </Row>
      {!wide ? (
        <>
          <div className="as-bottom-bar" role="region" aria-label={at('live.title')}>
            <SaveIndicator status={autosave.status} onRetry={autosave.retry} compact />
            <Button type="primary" icon={<BarChartOutlined />} onClick={() => setDrawer(true)} data-testid="open-live">
              {at('live.scoreShort', { base: formatPoints(live.result.score.base) })}
              {issuesCount > 0 ? ` · ${at('live.issuesShort', { count: issuesCount })}` : ''}
            </Button>
          </div>
          <Drawer
            open={drawer}
            onClose={() => setDrawer(false)}
            title={at('live.title')}
            placement={phone ? 'bottom' : 'right'}
            size={phone ? '85%' : 420}
          >
            {panel}
          </Drawer>
        </>
      ) : null}
    </div>
  );
}

/** The answers as text (after submission, or when the caller may not edit): no inputs, everything readable. */
import { Card, Tag, Typography } from 'antd';
import {
  collectInputs,
  deriveBand,
  deriveTrend,
  indexCatalog,
  type AssessmentAnswers,
  type Catalog,
  type Question,
} from '../../core/assessment';
import { useLang } from '../i18n';
import { useAt, type At } from './i18n';
import { figureText } from './model';
import { ConstraintTag } from './SceneCard';

function answerText(q: Question, answers: AssessmentAnswers, pool: Record<string, number>, at: At, tx: (t: { zh: string; en: string }) => string, lang: 'zh-CN' | 'en'): string | null {
  const a = answers.questions[q.code];
  const sep = lang === 'en' ? '; ' : '；';
  if (q.type === 'multi') {
    const ids = new Set(a?.choices ?? []);
    const labels = q.options.filter((o) => ids.has(o.id)).map((o) => tx(o.label));
    return labels.length > 0 ? labels.join(sep) : null;
  }
  if (q.type === 'band') {
    const d = deriveBand(q, pool);
    if (d.status === 'ok') return at('readonly.derivedBand', { band: tx(d.option.label), ratio: tx(q.ratio.label), percent: d.percentText });
  }
  if (q.type === 'trend') {
    const d = deriveTrend(q, pool);
    if (d.status === 'ok') return at('readonly.derivedTrend', { option: tx(d.option.label) });
  }
  const chosen = q.options.find((o) => o.id === a?.choice);
  return chosen ? tx(chosen.label) : null;
}

export function AnswersView({ catalog, answers }: { catalog: Catalog; answers: AssessmentAnswers }) {
  const at = useAt();
  const { tx, lang } = useLang();
  const index = indexCatalog(catalog);
  const pool = collectInputs(catalog, answers);
  const numbers = new Map(index.questionList.map((e, i) => [e.question.code, i + 1]));
  const figures = catalog.inputs.filter((def) => typeof pool[def.code] === 'number');
  return (
    <div className="as-answers" data-testid="answers-view">
      {catalog.dimensions.map((d) => (
        <Card key={d.code} size="small" title={tx(d.name)} className="as-answers-card">
          {d.indicators.map((ind) => (
            <div key={ind.code} className="as-answers-indicator">
              <Typography.Text strong>{tx(ind.name)}</Typography.Text>
              <dl className="as-dl">
                {ind.questions.map((q) => {
                  const text = answerText(q, answers, pool, at, tx, lang);
                  return (
                    <div key={q.code} className="as-dl-row" data-question={q.code}>
                      <dt>
                        {numbers.get(q.code)}. {tx(q.name)}
                      </dt>
                      <dd>{text ?? <Typography.Text type="secondary">{at('readonly.notAnswered')}</Typography.Text>}</dd>
                    </div>
                  );
                })}
              </dl>
            </div>
          ))}
        </Card>
      ))}
      {figures.length > 0 ? (
        <Card size="small" title={at('readonly.figures')} className="as-answers-card">
          <dl className="as-dl">
            {figures.map((def) => (
              <div key={def.code} className="as-dl-row">
                <dt>{tx(def.label)}</dt>
                <dd>
                  {figureText(pool[def.code] ?? 0, lang)} {tx(def.unit)}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
      ) : null}
      <Card size="small" title={at('section.scenes')} className="as-answers-card">
        {catalog.sceneGroups.map((g) => (
          <div key={g.code} className="as-answers-indicator">
            <Typography.Text strong>{tx(g.name)}</Typography.Text>
            <dl className="as-dl">
              {g.scenes.map((s) => {
                const level = answers.scenes[s.code];
                return (
                  <div key={s.code} className="as-dl-row" data-scene={s.code}>
                    <dt>
                      {tx(s.name)} {s.constraint ? <ConstraintTag catalog={catalog} /> : null}
                    </dt>
                    <dd>
                      {level === undefined || level === null ? (
                        <Typography.Text type="secondary">{at('scene.unrated')}</Typography.Text>
                      ) : (
                        <>
                          <Tag color={level > 0 ? 'blue' : undefined}>L{level}</Tag>
                          {level === 0 ? at('scene.notStarted') : tx(s.levels[level - 1])}
                        </>
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </div>
        ))}
      </Card>
    </div>
  );
}

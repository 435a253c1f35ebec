/** One question of the questionnaire, by type: single (radio), multi (checkboxes with 无), band and trend (figures → live answer). */
import { Alert, Checkbox, Flex, InputNumber, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import { CalculatorOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { memo, type ReactNode } from 'react';
import {
  deriveBand,
  deriveTrend,
  formatPoints,
  indexCatalog,
  type AssessmentProblem,
  type BandQuestion,
  type Catalog,
  type InputPool,
  type InputValues,
  type MultiQuestion,
  type Question,
  type QuestionAnswer,
  type TrendQuestion,
} from '../../core/assessment';
import { useLang } from '../i18n';
import { useAt, type At } from './i18n';
import { anchorId, figureText, questionsUsingInput } from './model';

export interface QuestionHandlers {
  onChoice: (code: string, optionId: string | null) => void;
  onMulti: (question: MultiQuestion, optionId: string, checked: boolean) => void;
  onInput: (inputCode: string, value: number | null) => void;
}

interface Props extends QuestionHandlers {
  catalog: Catalog;
  question: Question;
  number: number;
  answer: QuestionAnswer | undefined;
  /** The shared figures as entered (null = cleared). */
  inputs: InputValues | undefined;
  /** The figures the derivations use. */
  pool: InputPool;
  problems: readonly AssessmentProblem[];
  answered: boolean;
  /** Points scored so far (when answered). */
  scored: number;
  phone: boolean;
  highlighted: boolean;
}

const TYPE_KEYS = { single: 'question.typeSingle', multi: 'question.typeMulti', band: 'question.typeBand', trend: 'question.typeTrend' } as const;

/** Memoised: a change re-renders only the cards whose answer, figures or problems changed. */
export const QuestionCard = memo(function QuestionCard(props: Props) {
  const { question, number, problems, answered, scored, phone, highlighted } = props;
  const at = useAt();
  const { tx } = useLang();
  const id = anchorId({ kind: 'question', code: question.code });
  return (
    <section
      id={id}
      tabIndex={-1}
      className={`as-question${problems.length > 0 ? ' as-has-problem' : ''}${highlighted ? ' as-flash' : ''}`}
      aria-labelledby={`${id}-title`}
      data-question={question.code}
      data-answered={answered ? 'true' : 'false'}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Title level={5} id={`${id}-title`} className="as-question-title">
          {number}. {tx(question.name)}
        </Typography.Title>
        <Flex gap={4} wrap justify="flex-end" style={{ flex: 'none' }}>
          <Tag style={{ marginInlineEnd: 0 }}>{at(TYPE_KEYS[question.type])}</Tag>
          <Tag color={answered ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>
            {answered ? `${formatPoints(scored)}/` : ''}
            {at('question.points', { points: formatPoints(question.points) })}
          </Tag>
        </Flex>
      </Flex>
      {question.note ? (
        <Typography.Paragraph type="secondary" className="as-note">
          <InfoCircleOutlined /> {at('question.note', { note: tx(question.note) })}
        </Typography.Paragraph>
      ) : null}
      <div className="as-question-body">
        {question.type === 'single' ? <SingleBody {...props} question={question} /> : null}
        {question.type === 'multi' ? <MultiBody {...props} question={question} /> : null}
        {question.type === 'band' ? <BandBody {...props} question={question} /> : null}
        {question.type === 'trend' ? <TrendBody {...props} question={question} /> : null}
      </div>
      {problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          className="as-problem"
          role="alert"
          title={
            problems.length === 1 ? (
              tx(problems[0]?.message)
            ) : (
              <ul className="as-plain-list">
                {problems.map((p) => (
                  <li key={`${p.path}:${p.code}`}>{tx(p.message)}</li>
                ))}
              </ul>
            )
          }
        />
      ) : null}
      <Evidence items={question.evidence.map((e) => tx(e))} phone={phone} at={at} />
    </section>
  );
});

function Evidence({ items, phone, at }: { items: string[]; phone: boolean; at: At }) {
  if (items.length === 0) return null;
  const list = (
    <ul className="as-evidence-list">
      {items.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
  // Desktop: shown as help text. Phone: folded (one tap to open) to keep the form short.
  return (
    <details className="as-evidence" open={!phone}>
      <summary>{phone ? at('question.showEvidence', { count: items.length }) : at('question.evidence')}</summary>
      {list}
    </details>
  );
}

function SingleBody({ question, answer, onChoice }: Props & { question: Question }) {
  const { tx } = useLang();
  const value = answer?.choice ?? null;
  return (
    <Radio.Group
      orientation="vertical"
      value={value}
      onChange={(e) => onChoice(question.code, String(e.target.value))}
      aria-labelledby={`${anchorId({ kind: 'question', code: question.code })}-title`}
      className="as-options"
    >
      {question.options.map((o) => (
        <Radio key={o.id} value={o.id} className="as-option">
          {tx(o.label)}
          {o.note ? <Typography.Text type="secondary"> — {tx(o.note)}</Typography.Text> : null}
        </Radio>
      ))}
    </Radio.Group>
  );
}

function MultiBody({ question, answer, onMulti }: Props & { question: MultiQuestion }) {
  const at = useAt();
  const { tx } = useLang();
  const chosen = new Set(answer?.choices ?? []);
  const none = question.options.find((o) => o.exclusive);
  return (
    <>
      {none ? (
        <Typography.Paragraph type="secondary" className="as-rule">
          {at('question.multiRule', { none: tx(none.label) })}
        </Typography.Paragraph>
      ) : null}
      <div role="group" aria-labelledby={`${anchorId({ kind: 'question', code: question.code })}-title`} className="as-options as-options-multi">
        {question.options.map((o) => (
          <Checkbox key={o.id} checked={chosen.has(o.id)} onChange={(e) => onMulti(question, o.id, e.target.checked)} className="as-option">
            {tx(o.label)}
          </Checkbox>
        ))}
      </div>
    </>
  );
}

/** The numeric inputs of a band or trend question (shared inputs say so). */
function Figures({ catalog, question, inputs, onInput }: Props & { question: BandQuestion | TrendQuestion }) {
  const at = useAt();
  const { tx, lang } = useLang();
  const index = indexCatalog(catalog);
  const sep = lang === 'en' ? ', ' : '、';
  return (
    <div className="as-figures">
      {(question.inputs ?? []).map((code) => {
        const def = index.inputs.get(code);
        if (!def) return null;
        const inputId = `as-in-${question.code}-${code}`;
        const others = questionsUsingInput(catalog, code).filter((q) => q.code !== question.code);
        const value = inputs?.[code];
        return (
          <div key={code} className="as-figure">
            <label htmlFor={inputId} className="as-figure-label">
              {tx(def.label)}
              {others.length > 0 ? (
                <Tooltip title={at('input.sharedTip', { questions: [question, ...others].map((q) => tx(q.name)).join(sep) })}>
                  <Tag color="purple" className="as-shared-tag" tabIndex={0}>
                    {at('input.shared')}
                  </Tag>
                </Tooltip>
              ) : null}
            </label>
            <Space.Compact block>
              <InputNumber
                id={inputId}
                value={typeof value === 'number' ? value : null}
                min={0}
                max={def.max}
                precision={def.integer ? 0 : undefined}
                step={def.integer ? 1 : undefined}
                inputMode={def.integer ? 'numeric' : 'decimal'}
                placeholder={def.integer ? at('input.integer') : at('input.placeholder')}
                onChange={(v) => onInput(code, typeof v === 'number' && Number.isFinite(v) ? v : null)}
                style={{ width: '100%' }}
              />
              <Space.Addon>{tx(def.unit)}</Space.Addon>
            </Space.Compact>
          </div>
        );
      })}
    </div>
  );
}

function DerivedLine({ kind, children }: { kind: 'ok' | 'waiting'; children: ReactNode }) {
  return (
    <div className={`as-derived as-derived-${kind}`} data-testid="derived" role="status" aria-live="polite">
      <CalculatorOutlined /> <span>{children}</span>
    </div>
  );
}

function missingText(catalog: Catalog, codes: string[], tx: (t: { zh: string; en: string }) => string, lang: string): string {
  const index = indexCatalog(catalog);
  return codes.map((c) => tx(index.inputs.get(c)?.label ?? { zh: c, en: c })).join(lang === 'en' ? ', ' : '、');
}

function BandBody(props: Props & { question: BandQuestion }) {
  const { catalog, question, answer, pool, onChoice } = props;
  const at = useAt();
  const { tx, lang } = useLang();
  const derived = deriveBand(question, pool);
  const value = answer?.choice ?? null;
  return (
    <>
      <Typography.Paragraph type="secondary" className="as-rule">
        {at('band.hint')}
      </Typography.Paragraph>
      <Figures {...props} />
      {derived.status === 'ok' ? (
        <DerivedLine kind="ok">{at('band.derived', { ratio: tx(question.ratio.label), percent: derived.percentText, band: tx(derived.option.label) })}</DerivedLine>
      ) : derived.status === 'incomplete' ? (
        <DerivedLine kind="waiting">{at('band.waiting', { missing: missingText(catalog, derived.missing, tx, lang) })}</DerivedLine>
      ) : null}
      <div className="as-choose-label">{at('band.chooseLabel')}</div>
      <Radio.Group
        value={value}
        onChange={(e) => onChoice(question.code, String(e.target.value))}
        className="as-options as-options-inline"
        aria-label={`${tx(question.name)} — ${at('band.chooseLabel')}`}
      >
        {question.options.map((o) => (
          <Radio key={o.id} value={o.id} className="as-option">
            {tx(o.label)}
            {derived.status === 'ok' && derived.optionId === o.id ? <Typography.Text type="secondary"> {at('band.chosenFromData')}</Typography.Text> : null}
          </Radio>
        ))}
      </Radio.Group>
    </>
  );
}

function TrendBody(props: Props & { question: TrendQuestion }) {
  const { catalog, question, answer, pool, onChoice } = props;
  const at = useAt();
  const { tx, lang } = useLang();
  const index = indexCatalog(catalog);
  const derived = deriveTrend(question, pool);
  const value = answer?.choice ?? null;
  let unit = '';
  if (question.figures) {
    const { numerator, denominator } = question.figures.lastYear;
    const num = tx(index.inputs.get(numerator)?.unit);
    const den = denominator ? tx(index.inputs.get(denominator)?.unit) : '';
    const u = den ? `${num}/${den}` : num;
    unit = lang === 'en' && u !== '%' ? ` ${u}` : u;
  }
  return (
    <>
      {question.figures ? (
        <Typography.Paragraph type="secondary" className="as-rule">
          {at('trend.hint')} {at('trend.better', { better: at(question.better === 'up' ? 'trend.up' : 'trend.down') })}
        </Typography.Paragraph>
      ) : null}
      {question.figures ? <Figures {...props} /> : null}
      {derived.status === 'ok' ? (
        <DerivedLine kind="ok">
          {at('trend.derived', { last: figureText(derived.lastYear, lang), before: figureText(derived.yearBefore, lang), unit, option: tx(derived.option.label) })}
        </DerivedLine>
      ) : derived.status === 'incomplete' ? (
        <DerivedLine kind="waiting">{at('trend.waiting', { missing: missingText(catalog, derived.missing, tx, lang) })}</DerivedLine>
      ) : null}
      <div className="as-choose-label">{at('trend.chooseLabel')}</div>
      <Radio.Group
        value={value}
        onChange={(e) => onChoice(question.code, String(e.target.value))}
        className="as-options as-options-inline"
        aria-label={`${tx(question.name)} — ${at('trend.chooseLabel')}`}
      >
        {question.options.map((o) => (
          <Radio key={o.id} value={o.id} className="as-option">
            {tx(o.label)}
            {derived.status === 'ok' && derived.optionId === o.id ? <Typography.Text type="secondary"> {at('band.chosenFromData')}</Typography.Text> : null}
          </Radio>
        ))}
      </Radio.Group>
    </>
  );
}

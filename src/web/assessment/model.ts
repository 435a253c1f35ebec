/**
 * Pure helpers of the questionnaire: editing the answers JSON (exclusive options, shared inputs that
 * preselect derived bands and trends), where a problem belongs on the page, sections and progress, the live
 * result computed with the core engine, and which mode the caller may fill. No React here (unit-tested).
 */
import {
  assess,
  deriveBand,
  deriveTrend,
  emptyAnswers,
  indexCatalog,
  parseAnswers,
  validateAnswers,
  collectInputs,
  type AssessmentAnswers,
  type AssessmentProblem,
  type AssessmentResult,
  type Catalog,
  type DigitalLevel,
  type MultiQuestion,
  type Question,
  type SceneLevel,
} from '../../core/assessment';
import type { AssessmentMode } from './api';

// ---------------------------------------------------------------------------------------------- answers

/** The stored answers as the typed shape (a malformed or empty value becomes an empty draft). */
export function toAnswers(catalog: Catalog, raw: unknown): AssessmentAnswers {
  const parsed = parseAnswers(raw ?? {});
  if (!parsed.ok) return emptyAnswers(catalog);
  return { ...parsed.answers, catalogVersion: catalog.version, inputs: { ...(parsed.answers.inputs ?? {}) } };
}

/** Single, band and trend questions: pick (or clear with null) one option. */
export function setChoice(answers: AssessmentAnswers, code: string, optionId: string | null): AssessmentAnswers {
  const current = answers.questions[code] ?? {};
  return { ...answers, questions: { ...answers.questions, [code]: { ...current, choice: optionId } } };
}

export interface MultiToggle {
  answers: AssessmentAnswers;
  /** Options unchecked because of the exclusive rule (to tell the user). */
  cleared: string[];
  /** Which side cleared them: the exclusive option was chosen ('others') or another option was ('exclusive'). */
  clearedKind: 'others' | 'exclusive' | null;
}

/**
 * Multi questions: checking the exclusive option (无) unchecks every other one; checking any other option
 * unchecks the exclusive one. Order follows the catalog.
 */
export function toggleMulti(question: MultiQuestion, answers: AssessmentAnswers, optionId: string, checked: boolean): MultiToggle {
  const option = question.options.find((o) => o.id === optionId);
  const current = new Set(answers.questions[question.code]?.choices ?? []);
  let cleared: string[] = [];
  let clearedKind: MultiToggle['clearedKind'] = null;
  if (!option) return { answers, cleared, clearedKind };
  if (checked) {
    if (option.exclusive) {
      cleared = [...current].filter((id) => id !== optionId);
      if (cleared.length > 0) clearedKind = 'others';
      current.clear();
    } else {
      cleared = question.options.filter((o) => o.exclusive && current.has(o.id)).map((o) => o.id);
      for (const id of cleared) current.delete(id);
      if (cleared.length > 0) clearedKind = 'exclusive';
    }
    current.add(optionId);
  } else {
    current.delete(optionId);
  }
  const choices = question.options.map((o) => o.id).filter((id) => current.has(id));
  const prev = answers.questions[question.code] ?? {};
  const next = { ...prev, choices };
  delete next.choice;
  return { answers: { ...answers, questions: { ...answers.questions, [question.code]: next } }, cleared, clearedKind };
}

/** Questions (band and trend) that use an input, in catalog order. */
export function questionsUsingInput(catalog: Catalog, inputCode: string): Question[] {
  return indexCatalog(catalog).questionList
    .map((e) => e.question)
    .filter((q) => (q.type === 'band' || q.type === 'trend') && (q.inputs ?? []).includes(inputCode));
}

/**
 * Sets a shared numeric input (null clears it). Every band or trend question using it whose figures now
 * give an answer gets that option preselected, so the choice shown always matches the figures.
 */
export function setInput(catalog: Catalog, answers: AssessmentAnswers, inputCode: string, value: number | null): AssessmentAnswers {
  let next: AssessmentAnswers = { ...answers, inputs: { ...(answers.inputs ?? {}), [inputCode]: value } };
  const pool = collectInputs(catalog, next);
  for (const q of questionsUsingInput(catalog, inputCode)) {
    const derived = q.type === 'band' ? deriveBand(q, pool) : q.type === 'trend' ? deriveTrend(q, pool) : null;
    if (derived?.status === 'ok' && next.questions[q.code]?.choice !== derived.optionId) next = setChoice(next, q.code, derived.optionId);
  }
  return next;
}

export function setScene(answers: AssessmentAnswers, code: string, level: SceneLevel | null): AssessmentAnswers {
  return { ...answers, scenes: { ...answers.scenes, [code]: level } };
}

// ----------------------------------------------------------------------------------------------- sections

export const SCENES_SECTION = 'scenes';

/** The page's sections: one per dimension, then the scenes. */
export function sectionKeys(catalog: Catalog): string[] {
  return [...catalog.dimensions.map((d) => d.code), SCENES_SECTION];
}

export interface SectionProgress {
  done: number;
  total: number;
}

/** Questions answered per dimension and scenes rated (from the score result, which knows derived answers). */
export function sectionProgress(catalog: Catalog, result: AssessmentResult): Record<string, SectionProgress> {
  const out: Record<string, SectionProgress> = {};
  for (const d of catalog.dimensions) {
    const qs = result.score.questions.filter((q) => q.dimension === d.code);
    out[d.code] = { done: qs.filter((q) => q.answered).length, total: qs.length };
  }
  out[SCENES_SECTION] = { done: result.score.progress.scenesRated, total: result.score.progress.scenesTotal };
  return out;
}

// ------------------------------------------------------------------------------------------ problem anchors

/** Where a problem is shown: a question or a scene card (DOM id `as-q-…` / `as-s-…`), with its section. */
export interface Anchor {
  kind: 'question' | 'scene';
  code: string;
  section: string;
  /** The indicator (question) or scene group (scene) holding it. */
  group: string;
}

export const anchorId = (a: Pick<Anchor, 'kind' | 'code'>): string => `as-${a.kind === 'question' ? 'q' : 's'}-${a.code}`;
export const anchorKey = (a: Pick<Anchor, 'kind' | 'code'>): string => `${a.kind}:${a.code}`;

/**
 * Every place a problem path belongs to. `questions.network.choices.1` → the question; `scenes.quality` → the
 * scene; `inputs.revenueLastYear` → every question using that figure (first one first).
 */
export function anchorsOf(catalog: Catalog, path: string): Anchor[] {
  const index = indexCatalog(catalog);
  const [root, code = '', sub, inputCode] = path.split('.');
  const questionAnchor = (qCode: string): Anchor | null => {
    const e = index.questions.get(qCode);
    return e ? { kind: 'question', code: qCode, section: e.dimension.code, group: e.indicator.code } : null;
  };
  if (root === 'questions') {
    // A figure entered with one question is shared by every question using it.
    if (sub === 'inputs' && inputCode) {
      const users = questionsUsingInput(catalog, inputCode).map((q) => questionAnchor(q.code));
      const own = questionAnchor(code);
      return dedupe([own, ...users]);
    }
    const a = questionAnchor(code);
    return a ? [a] : [];
  }
  if (root === 'inputs') return dedupe(questionsUsingInput(catalog, code).map((q) => questionAnchor(q.code)));
  if (root === 'scenes') {
    const e = index.scenes.get(code);
    return e ? [{ kind: 'scene', code, section: SCENES_SECTION, group: e.group.code }] : [];
  }
  return [];
}

function dedupe(list: (Anchor | null)[]): Anchor[] {
  const seen = new Set<string>();
  const out: Anchor[] = [];
  for (const a of list) {
    if (!a || seen.has(anchorKey(a))) continue;
    seen.add(anchorKey(a));
    out.push(a);
  }
  return out;
}

/** Problems grouped by the cards that show them (a problem of a shared input appears on each of its questions). */
export function problemsByAnchor(catalog: Catalog, problems: readonly AssessmentProblem[]): Map<string, AssessmentProblem[]> {
  const out = new Map<string, AssessmentProblem[]>();
  for (const p of problems) {
    for (const a of anchorsOf(catalog, p.path)) {
      const key = anchorKey(a);
      const list = out.get(key) ?? [];
      if (!list.some((x) => x.code === p.code && x.message.zh === p.message.zh)) list.push(p);
      out.set(key, list);
    }
  }
  return out;
}

// ----------------------------------------------------------------------------------------------- live result

export interface LiveEvaluation {
  result: AssessmentResult;
  /** Contradictions and invalid figures in what was entered (fix these). */
  issues: AssessmentProblem[];
  /** Unanswered questions and unrated scenes (complete these). */
  missing: AssessmentProblem[];
}

const MISSING_CODES = new Set(['MISSING_ANSWER', 'MISSING_SCENE']);

/** The same engine as the server: score, level, next-level gap, and what is still wrong or missing. */
export function evaluate(catalog: Catalog, answers: AssessmentAnswers): LiveEvaluation {
  const result = assess(catalog, answers);
  const issues = validateAnswers(catalog, answers, { complete: false });
  const missing = result.problems.filter((p) => MISSING_CODES.has(p.code));
  return { result, issues, missing };
}

// -------------------------------------------------------------------------------------------- who may fill

/**
 * The questionnaire the caller may fill on the project now: the server says so (the project detail's
 * `fillableAssessment`, decided by its rules, e.g. that the institution is the assigned one). Anything else is none.
 */
export function fillableMode(project: { fillableAssessment?: string | null | undefined }): AssessmentMode | null {
  const m = project.fillableAssessment;
  return m === 'self' || m === 'institution' || m === 'evaluation' ? m : null;
}

// ---------------------------------------------------------------------------------------------- formatting

/** A figure for display: thousands separators, up to 4 significant decimals for small ratios. */
export function figureText(n: number, lang: 'zh-CN' | 'en'): string {
  const abs = Math.abs(n);
  const digits = abs === 0 || abs >= 100 ? 2 : abs >= 1 ? 3 : Math.min(8, 3 - Math.floor(Math.log10(abs)));
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits }).format(n);
}

/** "HH:mm" in China Standard Time. */
export function timeText(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** A level number from the API as the engine's type (0–4; anything else is 0). */
export function asDigitalLevel(n: number | null | undefined): DigitalLevel {
  return n === 1 || n === 2 || n === 3 || n === 4 ? n : 0;
}

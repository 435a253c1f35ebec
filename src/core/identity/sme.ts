/**
 * Enterprise size for industry (工业) under 中小企业划型标准规定 (工信部联企业〔2011〕300号). Only SMEs
 * (micro, small, medium) may join the pilot. Revenue is in fen; every comparison is on integers.
 */
import { formatFenEn, formatFenZh, yuanToFen } from '../money';
import type { Text } from '../text';

export const SME_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type SmeSize = (typeof SME_SIZES)[number];

export const SME_SIZE_LABELS: Record<SmeSize, Text> = {
  micro: { zh: '微型企业', en: 'Micro enterprise' },
  small: { zh: '小型企业', en: 'Small enterprise' },
  medium: { zh: '中型企业', en: 'Medium enterprise' },
  large: { zh: '大型企业', en: 'Large enterprise' },
};

/** Thresholds for industry: a size applies when both employees and revenue reach its minimum. */
export const INDUSTRY_SIZE_THRESHOLDS = {
  large: { employees: 1000, revenueFen: yuanToFen(400_000_000) },
  medium: { employees: 300, revenueFen: yuanToFen(20_000_000) },
  small: { employees: 20, revenueFen: yuanToFen(3_000_000) },
} as const;

export interface SmeClassification {
  size: SmeSize;
  isSme: boolean;
  reason: Text;
}

function reaches(employees: number, revenueFen: number, size: keyof typeof INDUSTRY_SIZE_THRESHOLDS): boolean {
  const t = INDUSTRY_SIZE_THRESHOLDS[size];
  return employees >= t.employees && revenueFen >= t.revenueFen;
}

function sizeOf(employees: number, revenueFen: number): SmeSize {
  if (reaches(employees, revenueFen, 'large')) return 'large';
  if (reaches(employees, revenueFen, 'medium')) return 'medium';
  if (reaches(employees, revenueFen, 'small')) return 'small';
  return 'micro';
}

/**
 * Classifies an industrial enterprise by employees (从业人员) and annual operating revenue (营业收入, fen).
 * Throws a RangeError for negative or non-integer inputs: forms validate those before calling.
 */
export function classifySme(employees: number, revenueFen: number): SmeClassification {
  if (!Number.isSafeInteger(employees) || employees < 0) {
    throw new RangeError(`classifySme: employees must be a non-negative integer, got ${employees}`);
  }
  if (!Number.isSafeInteger(revenueFen) || revenueFen < 0) {
    throw new RangeError(`classifySme: revenueFen must be a non-negative integer, got ${revenueFen}`);
  }
  const size = sizeOf(employees, revenueFen);
  const facts: Text = {
    zh: `从业人员${employees}人且营业收入${formatFenZh(revenueFen)}`,
    en: `${employees} employees and revenue of ${formatFenEn(revenueFen)}`,
  };
  return { size, isSme: size !== 'large', reason: explain(size, facts, employees, revenueFen) };
}

function explain(size: SmeSize, facts: Text, employees: number, revenueFen: number): Text {
  switch (size) {
    case 'large':
      return {
        zh: `${facts.zh}，属于大型企业，不符合试点申报条件`,
        en: `${facts.en}: a large enterprise (1,000 or more employees and revenue of 400 million yuan or more), not eligible for the pilot.`,
      };
    case 'medium':
      return {
        zh: `${facts.zh}，属于中型企业（从业人员300人及以上且营业收入2000万元及以上）`,
        en: `${facts.en}: a medium enterprise (300 or more employees and revenue of 20 million yuan or more).`,
      };
    case 'small':
      return {
        zh: `${facts.zh}，属于小型企业（从业人员20人及以上且营业收入300万元及以上）`,
        en: `${facts.en}: a small enterprise (20 or more employees and revenue of 3 million yuan or more).`,
      };
    case 'micro': {
      const { small } = INDUSTRY_SIZE_THRESHOLDS;
      const why: Text[] = [];
      if (employees < small.employees) why.push({ zh: '从业人员少于20人', en: 'fewer than 20 employees' });
      if (revenueFen < small.revenueFen) why.push({ zh: '营业收入低于300万元', en: 'revenue below 3 million yuan' });
      return {
        zh: `${facts.zh}，${why.map((w) => w.zh).join('且')}，属于微型企业`,
        en: `${facts.en}: ${why.map((w) => w.en).join(' and ')}, a micro enterprise.`,
      };
    }
  }
}

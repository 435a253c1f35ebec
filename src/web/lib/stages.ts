export const STAGE_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type StageNo = (typeof STAGE_NUMBERS)[number];

/** A stage number as the type the translation keys use (clamped to 1–8). */
export function asStage(n: number): StageNo {
  const c = Math.min(8, Math.max(1, Math.round(n)));
  return c as StageNo;
}

/**
 * One colour per meaning, everywhere: draft grey, waiting blue, returned orange, passed green,
 * rejected red. The tone is derived from the workflow state id (the tag always carries its text too).
 */
export type Tone = 'draft' | 'waiting' | 'returned' | 'passed' | 'rejected';

export const TONE_COLOR: Record<Tone, string> = {
  draft: 'default',
  waiting: 'processing',
  returned: 'warning',
  passed: 'success',
  rejected: 'error',
};

export function toneOf(stateId: string): Tone {
  const s = stateId.toLowerCase();
  if (s.includes('draft')) return 'draft';
  if (s.includes('return') || s.includes('revis') || s.includes('remediat')) return 'returned';
  if (s.includes('reject') || s.includes('fail') || s.includes('cancel') || s.includes('withdrawn') || s.includes('terminat')) return 'rejected';
  if (s.includes('pass') || s.includes('complet') || s.includes('approved') || s.includes('done') || s.includes('paid') || s.includes('honour') || s.includes('closed'))
    return 'passed';
  return 'waiting';
}

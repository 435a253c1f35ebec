import { Tag } from 'antd';
import type { Text } from '../../core/text';
import { useLang } from '../i18n';
import { useRefLookup } from '../api/hooks';
import type { StateTone } from '../api/types';
import { TONE_COLOR, UNKNOWN_TONE_COLOR } from '../lib/status';

/**
 * A workflow state as a coloured tag that always carries its text. The colour is the table's tone: given (a
 * project's stateInfo.tone) or the reference data's state; neutral while neither is known.
 */
export function StatusTag({ state, label, tone }: { state: string; label: Text; tone?: StateTone | null | undefined }) {
  const { tx } = useLang();
  const lookup = useRefLookup();
  const known = tone ?? lookup.state(state)?.tone;
  return (
    <Tag color={known ? TONE_COLOR[known] : UNKNOWN_TONE_COLOR} data-state={state} data-tone={known ?? ''} style={{ marginInlineEnd: 0 }}>
      {tx(label)}
    </Tag>
  );
}

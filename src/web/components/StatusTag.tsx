import { Tag } from 'antd';
import type { Text } from '../../core/text';
import { useLang } from '../i18n';
import { useRefLookup } from '../api/hooks';
import { TONE_COLOR, toneOf } from '../lib/status';

/** A workflow state as a coloured tag that always carries its text. */
export function StatusTag({ state, label }: { state: string; label: Text }) {
  const { tx } = useLang();
  const lookup = useRefLookup();
  const tone = lookup.state(state)?.tone ?? toneOf(state);
  return (
    <Tag color={TONE_COLOR[tone]} data-state={state} style={{ marginInlineEnd: 0 }}>
      {tx(label)}
    </Tag>
  );
}

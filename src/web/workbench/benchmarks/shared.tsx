/** Pieces shared by the benchmark pages: amounts in words, computation steps, the pool picker. */
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFenEn, formatFenZh } from '../../../core/money';
import { useLang } from '../../i18n';
import { usePools, type Step } from './api';

export function useMoneyText() {
  const { lang } = useLang();
  return (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : lang === 'en' ? formatFenEn(fen) : formatFenZh(fen));
}

export function Steps({ steps }: { steps: Step[] }) {
  const { tx } = useLang();
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
      {steps.map((s, i) => (
        <li key={`${s.key}-${i}`}>{tx(s.text)}</li>
      ))}
    </ol>
  );
}

export function PoolSelect({ value, onChange }: { value: string | undefined; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const money = useMoneyText();
  const pools = usePools();
  return (
    <Select
      style={{ width: '100%' }}
      value={value}
      onChange={onChange}
      placeholder={t('benchmarks.poolPlaceholder')}
      aria-label={t('benchmarks.pool')}
      loading={pools.isLoading}
      options={(pools.data ?? []).map((p) => ({ value: p.id, label: t('benchmarks.poolRemaining', { name: p.name, remaining: money(p.remainingFen) }) }))}
    />
  );
}


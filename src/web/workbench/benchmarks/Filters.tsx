/** The benchmark lists' filters (kind, town), shared by the bureau's review list and the public page. */
import { Select, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRefLookup } from '../../api/hooks';

export interface KindTownValue {
  kind: string | undefined;
  townCode: string | undefined;
}

export function KindTownFilters({ value, onChange, children }: { value: KindTownValue; onChange: (next: KindTownValue) => void; children?: ReactNode }) {
  const { t } = useTranslation();
  const lookup = useRefLookup();
  return (
    <Space wrap>
      <Select
        allowClear
        style={{ width: 150 }}
        placeholder={t('benchmarks.filterKind')}
        aria-label={t('benchmarks.filterKind')}
        value={value.kind}
        onChange={(v: string | undefined) => onChange({ ...value, kind: v })}
        options={[
          { value: 'workshop', label: t('benchmarks.kindWorkshop') },
          { value: 'smart', label: t('benchmarks.kindSmart') },
        ]}
      />
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        style={{ width: 160 }}
        placeholder={t('benchmarks.filterTown')}
        aria-label={t('benchmarks.filterTown')}
        value={value.townCode}
        onChange={(v: string | undefined) => onChange({ ...value, townCode: v })}
        options={lookup.townOptions}
      />
      {children}
    </Space>
  );
}

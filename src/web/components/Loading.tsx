import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** While a page's code or data loads: a spinner that says so (加载中…), also to screen readers. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-live="polite">
      <Spin size="large" description={t('common.loading')}>
        <div style={{ minHeight: 48 }} />
      </Spin>
    </div>
  );
}

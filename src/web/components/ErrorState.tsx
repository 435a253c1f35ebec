import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { LinkButton } from './LinkButton';

/** A failed load: what went wrong (the server's message) and a way forward. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 404) {
    return (
      <Result
        status="404"
        title={t('errors.notFoundTitle')}
        subTitle={error.message || t('errors.notFoundText')}
        extra={
          <LinkButton to="/workbench" type="primary">{t('common.backToWorkbench')}</LinkButton>
        }
      />
    );
  }
  const message = error instanceof ApiError ? error.message : t('errors.unknown');
  return (
    <Result
      status="warning"
      title={t('errors.loadFailed')}
      subTitle={message}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

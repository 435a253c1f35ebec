import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "Page — platform" in the browser tab (and for screen readers announcing the page). */
export function useDocumentTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = page ? `${page} — ${app}` : app;
  }, [page, app]);
}

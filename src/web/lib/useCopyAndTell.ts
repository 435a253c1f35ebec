import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from './copyText';

/** Copies a text (a 备案号, a reference) and says so (`common.copied`), or asks to copy by hand when the browser refused. */
export function useCopyAndTell(): (text: string) => void {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useCallback(
    (text: string) => {
      void copyText(text).then((ok) => (ok ? message.success(t('common.copied')) : message.warning(t('common.copyFailed'))));
    },
    [message, t],
  );
}

import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from './copyText';

/** Copies a text (a 备案号, a reference) and says so: 已复制, or 复制失败，请手动选择复制 when the browser refused. */
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

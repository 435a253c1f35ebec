import { App, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { changeLang, useLang } from '../i18n';
import type { Lang } from '../lib/lang';

/** 中文 / EN switch. The server's messages follow the zs_lang cookie, so queries are refreshed. */
export function LangSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return (
    <Segmented<Lang>
      size={size}
      value={lang}
      aria-label="Language / 语言"
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
      onChange={(v) => {
        void changeLang(v).then((switched) => {
          // The English messages are a chunk of their own: if it cannot be fetched, the page stays as it is and says so.
          if (!switched) void message.error(t('errors.langLoadFailed'));
          else void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'reference' && q.queryKey[0] !== 'me' });
        });
      }}
    />
  );
}

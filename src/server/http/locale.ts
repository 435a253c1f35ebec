import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../core/text';

export const LANG_COOKIE = 'zs_lang';

/** zh-CN unless the caller asks for English (cookie set by the UI switch, x-lang header, or Accept-Language). */
export function requestLocale(req: FastifyRequest): Locale {
  const explicit = (req.headers['x-lang'] as string | undefined) ?? req.cookies?.[LANG_COOKIE];
  if (explicit) return explicit.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
  const accept = req.headers['accept-language'];
  if (typeof accept === 'string' && accept.toLowerCase().startsWith('en')) return 'en';
  return 'zh-CN';
}

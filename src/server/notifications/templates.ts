/**
 * What an e-mail and an SMS say. Chinese first, English complete; a user whose locale is English reads
 * English first. Links become absolute with PUBLIC_BASE_URL.
 */
import type { Text } from '../../core/text';

export const DEFAULT_PUBLIC_BASE_URL = 'http://localhost:3000';
export const MAIL_SUBJECT_PREFIX = '[中山数字化转型试点]';
/** An SMS of at most 70 characters is one message in Chinese (UCS-2). */
export const SMS_MAX_CHARS_ZH = 70;
export const SMS_MAX_CHARS_EN = 160;

export interface MessageContent {
  title: Text;
  body: Text;
  link: string | null;
}

export type RecipientLocale = 'zh-CN' | 'en';

/** An in-platform path made absolute; anything that is not a plain path (`//host`, `javascript:`) is dropped. */
export function absoluteLink(link: string | null, baseUrl: string = DEFAULT_PUBLIC_BASE_URL): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return null;
  return `${baseUrl.replace(/\/+$/, '')}${link}`;
}

export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUBLIC_BASE_URL?.trim() || DEFAULT_PUBLIC_BASE_URL;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function renderEmail(content: MessageContent, locale: RecipientLocale, baseUrl: string = DEFAULT_PUBLIC_BASE_URL): { subject: string; text: string; html: string } {
  const url = absoluteLink(content.link, baseUrl);
  const zh = { title: content.title.zh, body: content.body.zh, view: '查看详情', auto: '此邮件由平台自动发送，请勿直接回复。' };
  const en = { title: content.title.en, body: content.body.en, view: 'Open', auto: 'This message was sent automatically by the platform; please do not reply.' };
  const parts = locale === 'en' ? [en, zh] : [zh, en];
  const text = parts
    .map((p, i) => [i === 0 ? p.body : `${p.title}\n${p.body}`, url ? `${p.view}: ${url}` : null].filter(Boolean).join('\n\n'))
    .join('\n\n——————\n\n')
    .concat(`\n\n${parts[0]?.auto ?? ''}\n${parts[1]?.auto ?? ''}\n`);
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.6">',
    ...parts.map(
      (p, i) =>
        `<div lang="${p === zh ? 'zh-CN' : 'en'}"${i > 0 ? ' style="border-top:1px solid #ddd;margin-top:16px;padding-top:8px;color:#444"' : ''}>` +
        `<h3>${escapeHtml(p.title)}</h3><p>${escapeHtml(p.body).replace(/\n/g, '<br>')}</p>` +
        (url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(p.view)}</a></p>` : '') +
        '</div>',
    ),
    `<p style="color:#888;font-size:12px">${escapeHtml(parts[0]?.auto ?? '')}<br>${escapeHtml(parts[1]?.auto ?? '')}</p>`,
    '</body></html>',
  ].join('');
  return { subject: `${MAIL_SUBJECT_PREFIX} ${content.title.zh}`, text, html };
}

function clip(s: string, max: number): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** One short SMS: the title and the start of the body, ≤ 70 characters in Chinese (≤ 160 in English). */
export function renderSms(content: MessageContent, locale: RecipientLocale): string {
  if (locale === 'en') return clip(`${content.title.en}: ${content.body.en}`, SMS_MAX_CHARS_EN);
  return clip(`${content.title.zh}：${content.body.zh}`, SMS_MAX_CHARS_ZH);
}

/** Shared client-side checks (the server validates again). */
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

export const MOBILE_RE = /^1[3-9]\d{9}$/;
export const PASSWORD_RE = /^(?=.*[A-Za-z])(?=.*\d).+$/;

/** The rules of a new password (registration, first member, password change): the server's rule, checked as you type. */
export function newPasswordRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('register.passwordRequired') },
    { min: 8, message: t('register.passwordTooShort') },
    { pattern: PASSWORD_RE, message: t('register.passwordLettersDigits') },
  ];
}

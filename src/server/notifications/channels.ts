/**
 * The ways a notification leaves the platform: e-mail (SMTP through nodemailer) and SMS (an HTTP gateway).
 * Each has a 'log' stand-in, used when nothing is configured, that writes one line per message without the
 * address or the text (no personal data in logs): only the channel, the kind and a short hash of the address.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}
export interface SmsMessage {
  to: string;
  text: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'log';
  send(msg: MailMessage): Promise<void>;
}
export interface SmsSender {
  readonly kind: 'http' | 'log';
  send(msg: SmsMessage): Promise<void>;
}
export interface Channels {
  mailer: Mailer;
  sms: SmsSender;
}

/** What the channels log with (Fastify's logger fits). */
export interface ChannelLog {
  info(o: object, msg: string): void;
  warn(o: object, msg: string): void;
}

const SILENT: ChannelLog = { info: () => undefined, warn: () => undefined };

export const DEFAULT_MAIL_FROM = '中山市数字化转型试点平台 <noreply@zs-pilot.cn>';
export const DEFAULT_SMS_SIGN = '中山数字化转型试点';
export const SMS_TIMEOUT_MS = 5_000;

/** A short, non-reversible tag of an address, so a log line can be matched to a delivery without naming anyone. */
export function addressHash(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 12);
}

function flag(raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  return raw === '1' || raw.toLowerCase() === 'true';
}

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  user?: string | undefined;
  pass?: string | undefined;
  from: string;
}

export function smtpMailer(opts: SmtpOptions): Mailer {
  const transport = nodemailer.createTransport({
    host: opts.host,
    port: opts.port,
    secure: opts.secure,
    ...(opts.user ? { auth: { user: opts.user, pass: opts.pass ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    kind: 'smtp',
    async send(msg) {
      await transport.sendMail({ from: opts.from, to: msg.to, subject: msg.subject, text: msg.text, ...(msg.html ? { html: msg.html } : {}) });
    },
  };
}

export function logMailer(log: ChannelLog = SILENT): Mailer {
  return {
    kind: 'log',
    send(msg) {
      log.info({ channel: 'email', kind: 'log', to: addressHash(msg.to) }, 'e-mail not sent: no SMTP_HOST configured');
      return Promise.resolve();
    },
  };
}

export interface SmsGatewayOptions {
  url: string;
  token?: string | undefined;
  sign: string;
  timeoutMs?: number;
}

/** POSTs { to, text, sign } as JSON to the gateway (optional bearer token); anything but 2xx is a failure. */
export function httpSms(opts: SmsGatewayOptions): SmsSender {
  return {
    kind: 'http',
    async send(msg) {
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
        body: JSON.stringify({ to: msg.to, text: msg.text, sign: opts.sign }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? SMS_TIMEOUT_MS),
      });
      // Drain the body so the connection is released.
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`SMS gateway answered HTTP ${res.status}`);
    },
  };
}

export function logSms(log: ChannelLog = SILENT): SmsSender {
  return {
    kind: 'log',
    send(msg) {
      log.info({ channel: 'sms', kind: 'log', to: addressHash(msg.to) }, 'SMS not sent: no SMS_GATEWAY_URL configured');
      return Promise.resolve();
    },
  };
}

/**
 * The channels as the environment configures them: SMTP_HOST, SMTP_PORT (587), SMTP_SECURE (0), SMTP_USER,
 * SMTP_PASS, MAIL_FROM; SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN, SMS_SIGN. Unset hosts → the log stand-ins.
 */
export function createChannels(env: NodeJS.ProcessEnv = process.env, log: ChannelLog = SILENT): Channels {
  const host = env.SMTP_HOST?.trim();
  const port = Number.parseInt(env.SMTP_PORT ?? '', 10);
  const mailer = host
    ? smtpMailer({
        host,
        port: Number.isFinite(port) && port > 0 ? port : 587,
        secure: flag(env.SMTP_SECURE, false),
        user: env.SMTP_USER || undefined,
        pass: env.SMTP_PASS || undefined,
        from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM,
      })
    : logMailer(log);
  const url = env.SMS_GATEWAY_URL?.trim();
  const sms = url ? httpSms({ url, token: env.SMS_GATEWAY_TOKEN || undefined, sign: env.SMS_SIGN?.trim() || DEFAULT_SMS_SIGN }) : logSms(log);
  return { mailer, sms };
}

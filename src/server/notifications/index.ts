/** Notifications: enqueue in a transaction (outbox), deliver after commit (in-app, e-mail, SMS). */
export { enqueueNotification, NOTIFY_TOPIC, type NotifyInput, type Recipient } from './outbox';
export { deliverPending, MAX_ATTEMPTS, RETRY_BASE_MS } from './deliver';
export { createChannels, logMailer, logSms, smtpMailer, httpSms, addressHash, type Channels, type Mailer, type SmsSender, type ChannelLog } from './channels';
export { renderEmail, renderSms, absoluteLink, publicBaseUrl } from './templates';

/**
 * Notifications: the outbox is written in the caller's transaction and delivered after commit, exactly once
 * however many instances deliver at the same time; e-mail through a real SMTP server, SMS through a real
 * HTTP gateway (both started here on port 0); the API shows a user their own notifications only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { Client, startTestApp, testConfig, type TestApp } from '../support/app';
import { PASSWORD, nextSeq, orgWithUser } from '../support/fixtures';
import { TEST_DB_KIND } from '../support/db';
import { makeOrg, makeUser, type OrgRow, type UserRow } from '../../src/db/factories';
import { deliveries, notifications, outbox, users } from '../../src/db/schema';
import type { AppDb } from '../../src/db/client';
import { enqueueNotification, type NotifyInput } from '../../src/server/notifications/outbox';
import { deliverPending, MAX_ATTEMPTS } from '../../src/server/notifications/deliver';
import { createChannels, DEFAULT_SMS_SIGN, httpSms, logMailer, smtpMailer, type Channels, type Mailer, type SmsSender } from '../../src/server/notifications/channels';
import { renderEmail, renderSms } from '../../src/server/notifications/templates';
import { headerOf, startSmtp } from '../support/mail';

// ---- A real SMTP server and a real SMS gateway, on port 0 -------------------------------------------------

interface ReceivedSms {
  auth: string | undefined;
  body: { to: string; text: string; sign: string };
}

async function startGateway(mode: { status?: number; hang?: boolean } = {}): Promise<{ url: string; received: ReceivedSms[]; close(): Promise<void> }> {
  const received: ReceivedSms[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedSms['body'] });
      if (mode.hang) return;
      res.writeHead(mode.status ?? 200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Keeps what it was asked to send; optionally fails. */
class MemorySms implements SmsSender {
  readonly kind = 'log' as const;
  readonly sent: Array<{ to: string; text: string }> = [];
  send(msg: { to: string; text: string }): Promise<void> {
    this.sent.push(msg);
    return Promise.resolve();
  }
}

// ---- Set-up -----------------------------------------------------------------------------------------------

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let channels: Channels;
let memorySms: MemorySms;

beforeAll(async () => {
  smtp = await startSmtp();
  memorySms = new MemorySms();
  channels = { mailer: smtpMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: '中山市数字化转型试点平台 <noreply@zs-pilot.cn>' }), sms: memorySms };
  t = await startTestApp({}, { channels });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});
beforeEach(() => {
  smtp.mails.length = 0;
  memorySms.sent.length = 0;
});

const deliver = (db: AppDb = t.db, extra: Partial<Parameters<typeof deliverPending>[1]> = {}) => deliverPending(db, { channels: t.app.channels, ...extra });

/** Delivers until nothing is due. */
async function drain(db: AppDb = t.db): Promise<void> {
  for (let i = 0; i < 50; i += 1) if ((await deliver(db)).delivered === 0) return;
}

let seq = 0;
function message(to: NotifyInput['to'], extra: Partial<NotifyInput> = {}): NotifyInput {
  seq += 1;
  return {
    to,
    projectId: null,
    kind: `test.kind${seq}`,
    title: { zh: `请指派诊断机构 ${seq}`, en: `Please assign a diagnosis institution ${seq}` },
    body: { zh: '企业已完成自诊断，请在 5 个工作日内指派诊断机构。', en: 'The enterprise finished its self-diagnosis; assign an institution within 5 working days.' },
    link: '/workbench/projects/00000000-0000-4000-8000-000000000001',
    ...extra,
  };
}

async function member(org: OrgRow, extra: { active?: boolean; bureauRole?: 'admin' | 'reviewer' | 'finance'; email?: boolean; mobile?: boolean; locale?: 'en' } = {}): Promise<UserRow & { account: string }> {
  const n = nextSeq();
  const email = extra.email === false ? null : `member-${n}@test.local`;
  const mobile = extra.mobile ? `136${String(n).padStart(8, '0').slice(-8)}` : null;
  const u = await makeUser(t.db, { orgId: org.id, name: `成员${n}`, email, mobile, password: PASSWORD, bureauRole: extra.bureauRole ?? null, memberRole: 'member' });
  if (extra.active === false) await t.db.update(users).set({ active: false }).where(eq(users.id, u.id));
  if (extra.locale) await t.db.update(users).set({ locale: extra.locale }).where(eq(users.id, u.id));
  return { ...u, account: email ?? mobile ?? '' };
}

async function newOrg(type: OrgRow['type'], townCode: string | null = null): Promise<OrgRow> {
  return makeOrg(t.db, { type: type as never, name: `${type}-${nextSeq()}`, townCode });
}

async function received(kind: string): Promise<Array<{ userId: string; outboxId: number | null }>> {
  return t.db.select({ userId: notifications.userId, outboxId: notifications.outboxId }).from(notifications).where(eq(notifications.kind, kind));
}

// ---- Enqueue and resolve ----------------------------------------------------------------------------------

describe('enqueue and deliver', () => {
  it('an enqueue whose transaction rolls back delivers nothing; a committed one reaches every active member of the org only', async () => {
    const org = await newOrg('enterprise');
    const a = await member(org);
    const b = await member(org, { email: false, mobile: true });
    const gone = await member(org, { active: false });
    const otherOrg = await newOrg('enterprise');
    const outsider = await member(otherOrg);

    const rolledBack = message([{ orgId: org.id }]);
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueNotification(tx, rolledBack);
        throw new Error('the change is refused');
      }),
    ).rejects.toThrow('the change is refused');
    await drain();
    expect(await received(rolledBack.kind)).toEqual([]);

    const committed = message([{ orgId: org.id }], { sms: true });
    await t.db.transaction((tx) => enqueueNotification(tx, committed));
    const result = await deliver();
    expect(result.delivered).toBe(1);
    const got = await received(committed.kind);
    expect(got.map((r) => r.userId).sort()).toEqual([a.id, b.id].sort());
    expect(got.map((r) => r.userId)).not.toContain(gone.id);
    expect(got.map((r) => r.userId)).not.toContain(outsider.id);

    // E-mail to the member with an address, SMS to the one with a mobile; both recorded as sent.
    expect(smtp.mails.map((m) => m.to)).toEqual([[a.email]]);
    expect(smtp.mails[0]?.subject).toBe(`[中山数字化转型试点] ${committed.title.zh}`);
    expect(memorySms.sent.map((s) => s.to)).toEqual([b.mobile]);
    expect([...(memorySms.sent[0]?.text ?? '')].length).toBeLessThanOrEqual(70);
    const sent = await t.db.select({ channel: deliveries.channel, status: deliveries.status, userId: deliveries.userId }).from(deliveries).where(inArray(deliveries.userId, [a.id, b.id]));
    expect(sent.sort((x, y) => x.channel.localeCompare(y.channel))).toEqual([
      { channel: 'email', status: 'sent', userId: a.id },
      { channel: 'sms', status: 'sent', userId: b.id },
    ]);
    const [row] = await t.db.select().from(outbox).where(eq(outbox.id, got[0]!.outboxId!));
    expect(row?.doneAt).not.toBeNull();
    expect(row?.topic).toBe('notify');

    // Nothing left: a second run delivers nothing and sends nothing.
    smtp.mails.length = 0;
    expect((await deliver()).delivered).toBe(0);
    expect(smtp.mails).toEqual([]);
  });

  it('bureau recipients by duty, town offices by town code, single users; the actor is left out', async () => {
    const bureau = await newOrg('bureau');
    const reviewer = await member(bureau, { bureauRole: 'reviewer' });
    const admin = await member(bureau, { bureauRole: 'admin' });
    const finance = await member(bureau, { bureauRole: 'finance' });
    const town = await newOrg('town', 'tanzhou');
    const townOfficer = await member(town);
    const otherTown = await newOrg('town', 'xiaolan');
    const otherOfficer = await member(otherTown);
    // An enterprise registered in that town is not the town office.
    const enterpriseInTown = await newOrg('enterprise', 'tanzhou');
    const enterpriseUser = await member(enterpriseInTown);
    const single = await member(await newOrg('institution_diagnostic'));

    const toReviewers = message([{ bureau: ['reviewer', 'admin'] }], { excludeUserId: admin.id });
    const toTown = message([{ townCode: 'tanzhou' }, { userId: single.id }, { userId: single.id }]);
    await t.db.transaction(async (tx) => {
      await enqueueNotification(tx, toReviewers);
      await enqueueNotification(tx, toTown);
    });
    await drain();
    expect((await received(toReviewers.kind)).map((r) => r.userId)).toEqual([reviewer.id]);
    const townGot = (await received(toTown.kind)).map((r) => r.userId).sort();
    expect(townGot).toEqual([townOfficer.id, single.id].sort());
    for (const u of [finance, otherOfficer, enterpriseUser]) {
      expect(townGot).not.toContain(u.id);
    }
  });

  it('the same dedupeKey twice is one message', async () => {
    const org = await newOrg('enterprise');
    const u = await member(org);
    const key = `deadline.reminder:${nextSeq()}`;
    const first = message([{ orgId: org.id }], { dedupeKey: key });
    await enqueueNotification(t.db, first);
    await t.db.transaction((tx) => enqueueNotification(tx, { ...first, title: { zh: '第二次', en: 'Second' } }));
    await drain();
    const got = await t.db.select({ title: notifications.title }).from(notifications).where(eq(notifications.userId, u.id));
    expect(got).toEqual([{ title: first.title }]);
    expect(smtp.mails).toHaveLength(1);
    const rows = await t.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, key));
    expect(rows).toHaveLength(1);
  });

  it('refuses a malformed recipient at enqueue time', async () => {
    await expect(enqueueNotification(t.db, message([{ orgId: 'not-a-uuid' }]))).rejects.toThrow();
  });

  it('an e-mail that fails is recorded as failed with the error; the in-app notification stands and nothing is resent', async () => {
    const org = await newOrg('enterprise');
    const u = await member(org);
    const failing: Mailer = { kind: 'smtp', send: () => Promise.reject(Object.assign(new Error('550 mailbox unavailable'), { code: 'EENVELOPE' })) };
    const warnings: object[] = [];
    const msg = message([{ orgId: org.id }]);
    await enqueueNotification(t.db, msg);
    await deliverPending(t.db, { channels: { mailer: failing, sms: memorySms }, log: { warn: (o) => warnings.push(o) } });
    expect((await received(msg.kind)).map((r) => r.userId)).toEqual([u.id]);
    const [d] = await t.db.select().from(deliveries).where(eq(deliveries.userId, u.id));
    expect(d?.status).toBe('failed');
    expect(d?.error).toContain('550 mailbox unavailable');
    // The warning names no address.
    expect(JSON.stringify(warnings)).not.toContain(u.email!);
    expect(warnings).toHaveLength(1);
    await drain();
    expect(smtp.mails).toEqual([]);
  });

  it('a stored row that cannot be read is given up at once; one that keeps failing backs off, does not hold up the rest and stops after the last attempt', async () => {
    const org = await newOrg('enterprise');
    const u = await member(org);
    const [bad] = await t.db.insert(outbox).values({ topic: 'notify', payload: { to: 'everyone' } }).returning({ id: outbox.id });
    await drain();
    const [badRow] = await t.db.select().from(outbox).where(eq(outbox.id, bad!.id));
    expect(badRow?.doneAt).not.toBeNull();
    expect(badRow?.lastError).toBe('INVALID_PAYLOAD');

    // A poison message: the database refuses its notifications (a trigger stands in for any failure).
    await t.db.execute(sql`
      create or replace function notifications_poison() returns trigger language plpgsql as $$
      begin
        if new.kind = 'test.poison' then raise exception 'poisoned notification'; end if;
        return new;
      end $$`);
    await t.db.execute(sql`create trigger notifications_poison before insert on notifications for each row execute function notifications_poison()`);
    try {
      const poison = message([{ orgId: org.id }], { kind: 'test.poison' });
      const fine = message([{ orgId: org.id }]);
      await enqueueNotification(t.db, poison);
      await enqueueNotification(t.db, fine);
      const start = new Date(Date.now() + 1_000);
      const warnings: object[] = [];
      const first = await deliverPending(t.db, { channels, now: start, log: { warn: (o) => warnings.push(o) } });
      expect(first.delivered).toBe(1);
      expect((await received(fine.kind)).map((r) => r.userId)).toEqual([u.id]);
      const [p1] = await t.db.select().from(outbox).where(and(eq(outbox.topic, 'notify'), sql`${outbox.payload}->>'kind' = 'test.poison'`));
      expect(p1?.attempts).toBe(1);
      expect(p1?.doneAt).toBeNull();
      expect(p1?.lastError).toContain('poisoned notification');
      // The statement's parameters (ids, texts) are not kept.
      expect(p1?.lastError).not.toContain(u.id);
      expect(p1!.availableAt.getTime()).toBeGreaterThan(start.getTime());
      // Not due yet: nothing happens.
      expect((await deliverPending(t.db, { channels, now: start })).delivered).toBe(0);
      // Each retry when due, until the last attempt.
      let now = start;
      for (let i = 2; i <= MAX_ATTEMPTS; i += 1) {
        now = new Date(now.getTime() + 3_600_000);
        await deliverPending(t.db, { channels, now });
      }
      const [p2] = await t.db.select().from(outbox).where(eq(outbox.id, p1!.id));
      expect(p2?.attempts).toBe(MAX_ATTEMPTS);
      expect(p2?.doneAt).not.toBeNull();
      expect(p2?.lastError).toContain('poisoned notification');
      expect(await received('test.poison')).toEqual([]);
    } finally {
      await t.db.execute(sql`drop trigger if exists notifications_poison on notifications`);
    }
  });
});

// ---- Exactly once with two instances ----------------------------------------------------------------------

describe('exactly once with two instances', () => {
  it('two instances delivering concurrently, many times: one notification per user and message, each e-mail received once', async () => {
    let second: { app: Awaited<ReturnType<typeof buildApp>>; close(): Promise<void> } | null = null;
    let db2: AppDb = t.db;
    if (TEST_DB_KIND === 'postgres') {
      const handle = await t.testDb.reopen();
      const app2 = await buildApp(testConfig(), handle, { channels });
      await app2.ready();
      second = { app: app2, close: () => app2.close() };
      db2 = app2.db;
    }
    try {
      const orgA = await newOrg('enterprise');
      const orgB = await newOrg('leading_unit');
      const people = [await member(orgA), await member(orgA), await member(orgA), await member(orgB), await member(orgB)];
      const messages = Array.from({ length: 30 }, (_, i) => message(i % 3 === 0 ? [{ orgId: orgA.id }, { orgId: orgB.id }] : [{ orgId: i % 2 ? orgA.id : orgB.id }]));
      // Enqueued in several transactions while the two instances are already delivering.
      const enqueueing = (async () => {
        for (let i = 0; i < messages.length; i += 5) {
          await t.db.transaction(async (tx) => {
            for (const m of messages.slice(i, i + 5)) await enqueueNotification(tx, m);
          });
        }
      })();
      const run = (db: AppDb, ch: Channels) => deliverPending(db, { channels: ch, limit: 4 });
      const ch2 = second ? second.app.channels : channels;
      let deliveredTotal = 0;
      for (let round = 0; round < 20; round += 1) {
        const results = await Promise.all([run(t.db, channels), run(db2, ch2), run(t.db, channels), run(db2, ch2)]);
        deliveredTotal += results.reduce((s, r) => s + r.delivered, 0);
        if (round === 0) await enqueueing;
      }
      await enqueueing;
      await drain();
      await drain(db2);

      const kinds = messages.map((m) => m.kind);
      const got = await t.db.select({ userId: notifications.userId, outboxId: notifications.outboxId, kind: notifications.kind }).from(notifications).where(inArray(notifications.kind, kinds));
      const expected = messages.flatMap((m) =>
        people.filter((p) => m.to.some((r) => 'orgId' in r && r.orgId === p.orgId)).map((p) => `${m.kind}|${p.id}`),
      );
      const actual = got.map((g) => `${g.kind}|${g.userId}`);
      expect(actual.sort()).toEqual([...expected].sort());
      expect(new Set(actual).size).toBe(actual.length);
      expect(deliveredTotal).toBeLessThanOrEqual(messages.length);

      // The SMTP server received each e-mail exactly once.
      const mailKeys = smtp.mails.map((m) => `${m.subject}|${m.to.join(',')}`);
      const titles = new Map(messages.map((m) => [`[中山数字化转型试点] ${m.title.zh}`, m.kind]));
      const expectedMail = messages.flatMap((m) =>
        people.filter((p) => m.to.some((r) => 'orgId' in r && r.orgId === p.orgId)).map((p) => `[中山数字化转型试点] ${m.title.zh}|${p.email}`),
      );
      expect(mailKeys.filter((k) => titles.has(k.split('|')[0]!)).sort()).toEqual(expectedMail.sort());
      const sentRows = await t.db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(deliveries)
        .where(and(inArray(deliveries.userId, people.map((p) => p.id)), eq(deliveries.status, 'sent')));
      expect(sentRows[0]?.n).toBe(expectedMail.length);
    } finally {
      await second?.close();
    }
  });
});

// ---- Channels and templates -------------------------------------------------------------------------------

describe('channels', () => {
  it('the SMTP server receives the e-mail with the Chinese subject, both languages and an absolute link', async () => {
    const org = await newOrg('enterprise');
    const u = await member(org);
    const msg = message([{ userId: u.id }], { title: { zh: '诊断报告待确认', en: 'Diagnosis report to confirm' } });
    await enqueueNotification(t.db, msg);
    await deliverPending(t.db, { channels, baseUrl: 'https://zs-pilot.example.cn/' });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.subject).toBe('[中山数字化转型试点] 诊断报告待确认');
    expect(mail.to).toEqual([u.email]);
    expect(mail.from).toBe('noreply@zs-pilot.cn');
    expect(headerOf(mail.raw, 'from')).toContain('中山市数字化转型试点平台');
  });

  it('templates: Chinese first (English first for an English-locale user), absolute links, SMS ≤ 70 characters', () => {
    const content = { title: { zh: '请补充材料', en: 'Materials requested' }, body: { zh: '请在 3 个工作日内上传营业执照。'.repeat(8), en: 'Upload the business licence within 3 working days.' }, link: '/workbench/projects/x' };
    const zh = renderEmail(content, 'zh-CN', 'https://pilot.example.cn');
    expect(zh.subject).toBe('[中山数字化转型试点] 请补充材料');
    expect(zh.text.indexOf('营业执照')).toBeLessThan(zh.text.indexOf('business licence'));
    expect(zh.text).toContain('https://pilot.example.cn/workbench/projects/x');
    const en = renderEmail(content, 'en', 'https://pilot.example.cn');
    expect(en.text.indexOf('business licence')).toBeLessThan(en.text.indexOf('营业执照'));
    expect(renderEmail({ ...content, link: '//evil.example/x' }, 'zh-CN').text).not.toContain('evil.example');
    const html = renderEmail({ ...content, title: { zh: '<b>x</b>', en: 'y' } }, 'zh-CN').html;
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    const sms = renderSms(content, 'zh-CN');
    expect([...sms].length).toBeLessThanOrEqual(70);
    expect(sms.startsWith('请补充材料')).toBe(true);
    expect(sms.endsWith('…')).toBe(true);
  });

  it('SMS through a real HTTP gateway: JSON with the sign and the bearer token; a refusal or a silent gateway is an error', async () => {
    const gw = await startGateway();
    try {
      const fromEnv = createChannels({ SMS_GATEWAY_URL: gw.url, SMS_GATEWAY_TOKEN: 'secret-token' });
      expect(fromEnv.sms.kind).toBe('http');
      expect(fromEnv.mailer.kind).toBe('log');
      const org = await newOrg('enterprise');
      const u = await member(org, { email: false, mobile: true });
      const msg = message([{ orgId: org.id }], { sms: true });
      await enqueueNotification(t.db, msg);
      await deliverPending(t.db, { channels: fromEnv });
      expect(gw.received).toHaveLength(1);
      expect(gw.received[0]).toEqual({ auth: 'Bearer secret-token', body: { to: u.mobile, text: renderSms(msg, 'zh-CN'), sign: DEFAULT_SMS_SIGN } });
      const [d] = await t.db.select().from(deliveries).where(eq(deliveries.userId, u.id));
      expect(d?.status).toBe('sent');
    } finally {
      await gw.close();
    }
    const refusing = await startGateway({ status: 503 });
    try {
      await expect(httpSms({ url: refusing.url, sign: '试点' }).send({ to: '13600000000', text: '测试' })).rejects.toThrow('503');
    } finally {
      await refusing.close();
    }
    const silent = await startGateway({ hang: true });
    try {
      await expect(httpSms({ url: silent.url, sign: '试点', timeoutMs: 200 }).send({ to: '13600000000', text: '测试' })).rejects.toThrow();
    } finally {
      await silent.close();
    }
  });

  it('the environment picks the channels; the log stand-ins write no address or text', async () => {
    expect(createChannels({}).mailer.kind).toBe('log');
    expect(createChannels({}).sms.kind).toBe('log');
    expect(createChannels({ SMTP_HOST: 'smtp.example.cn' }).mailer.kind).toBe('smtp');
    const lines: object[] = [];
    const log = { info: (o: object, m: string) => lines.push({ ...o, m }), warn: (o: object, m: string) => lines.push({ ...o, m }) };
    await logMailer(log).send({ to: 'zhang.san@example.cn', subject: '[中山数字化转型试点] 机密', text: '正文内容' });
    await createChannels({}, log).sms.send({ to: '13912345678', text: '短信正文' });
    expect(lines).toHaveLength(2);
    const all = JSON.stringify(lines);
    for (const secret of ['zhang.san', 'example.cn', '机密', '正文内容', '13912345678', '短信正文']) expect(all).not.toContain(secret);
  });
});

// ---- API ---------------------------------------------------------------------------------------------------

interface Item {
  id: number;
  kind: string;
  title: { zh: string; en: string };
  link: string | null;
  readAt: string | null;
  createdAt: string;
}
interface List {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
}

describe('API', () => {
  it('lists my notifications newest first, counts unread, marks one and all read; another user\'s is a 404', async () => {
    const mine = await orgWithUser(t.db, 'institution_comprehensive');
    const [me] = await t.db.select().from(users).where(eq(users.email, mine.account));
    const theirs = await orgWithUser(t.db, 'institution_comprehensive');
    const [them] = await t.db.select().from(users).where(eq(users.email, theirs.account));
    const sent = [message([{ userId: me!.id }]), message([{ userId: me!.id }]), message([{ userId: me!.id }])];
    for (const m of sent) await enqueueNotification(t.db, m);
    await enqueueNotification(t.db, message([{ userId: them!.id }]));
    await drain();

    const c = new Client(t.app);
    await c.login(mine.account, PASSWORD);
    const list = await c.get<List>('/api/v1/notifications?page=1&pageSize=2');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.unread).toBe(3);
    expect(list.body.items.map((i) => i.kind)).toEqual([sent[2]!.kind, sent[1]!.kind]);
    expect(list.body.items[0]).toMatchObject({ title: sent[2]!.title, link: sent[2]!.link, readAt: null });
    const page2 = await c.get<List>('/api/v1/notifications?page=2&pageSize=2');
    expect(page2.body.items.map((i) => i.kind)).toEqual([sent[0]!.kind]);
    expect((await c.get<{ unread: number }>('/api/v1/notifications/unread-count')).body).toEqual({ unread: 3 });

    const target = list.body.items[0]!;
    const read = await c.post<Item>(`/api/v1/notifications/${target.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const again = await c.post<Item>(`/api/v1/notifications/${target.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await c.get<{ unread: number }>('/api/v1/notifications/unread-count')).body).toEqual({ unread: 2 });
    const unreadOnly = await c.get<List>('/api/v1/notifications?unread=1');
    expect(unreadOnly.body.total).toBe(2);
    expect(unreadOnly.body.items.map((i) => i.id)).not.toContain(target.id);

    // Another user's notification: not found, and left unread.
    const [foreign] = await t.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, them!.id));
    const refused = await c.post<{ code: string }>(`/api/v1/notifications/${foreign!.id}/read`);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    expect((await c.post<{ code: string }>('/api/v1/notifications/999999999999/read')).status).toBe(404);
    const [still] = await t.db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, foreign!.id));
    expect(still?.readAt).toBeNull();

    const all = await c.post<{ updated: number }>('/api/v1/notifications/read-all');
    expect(all.body).toEqual({ updated: 2 });
    expect((await c.get<{ unread: number }>('/api/v1/notifications/unread-count')).body).toEqual({ unread: 0 });
    expect((await c.post<{ updated: number }>('/api/v1/notifications/read-all')).body).toEqual({ updated: 0 });

    const other = new Client(t.app);
    await other.login(theirs.account, PASSWORD);
    expect((await other.get<List>('/api/v1/notifications')).body.unread).toBe(1);
  });

  it('bad input is a 400 with a stable code; signed out is a 401', async () => {
    const mine = await orgWithUser(t.db, 'expert');
    const c = new Client(t.app);
    await c.login(mine.account, PASSWORD);
    for (const url of ['/api/v1/notifications?pageSize=0', '/api/v1/notifications?page=abc', '/api/v1/notifications?unread=maybe', '/api/v1/notifications?extra=1']) {
      const res = await c.get<{ code: string }>(url);
      expect(res.status, url).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    for (const id of ['abc', '0', '-1', '1.5', '12345678901234567890']) {
      const res = await c.post<{ code: string }>(`/api/v1/notifications/${id}/read`);
      expect(res.status, id).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const anon = new Client(t.app);
    for (const [method, url] of [
      ['GET', '/api/v1/notifications'],
      ['GET', '/api/v1/notifications/unread-count'],
      ['POST', '/api/v1/notifications/1/read'],
      ['POST', '/api/v1/notifications/read-all'],
    ] as const) {
      const res = await anon.request<{ code: string }>(method, url, method === 'POST' ? {} : undefined);
      expect(res.status, url).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
  });
});

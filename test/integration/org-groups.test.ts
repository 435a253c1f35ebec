/**
 * 所属集团/上级单位 of an organisation (organizations.parent_group, read by the evaluation conflict-of-interest
 * rule): the admin sets it when creating an organisation and edits it later; the views return it; bad values are
 * 400 naming the field; other roles are refused; unknown ids are 404; each change is audited.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Client, startTestApp, type TestApp } from '../support/app';
import { PASSWORD, enterpriseWithUser, mobileFor, nextSeq, orgWithUser } from '../support/fixtures';
import { makeUscc } from '../../src/core/identity/uscc';
import { auditEvents, organizations } from '../../src/db/schema';

let t: TestApp;
let admin: Client;

interface OrgView {
  id: string;
  type: string;
  parentGroup: string | null;
}
interface Err {
  code: string;
  message: string;
  details: { fields?: Array<{ path: string; code: string; message: string }> } | null;
}

function orgBody(seq: number, type: string, extra: Record<string, unknown> = {}) {
  return {
    type,
    name: `集团测试机构${seq}`,
    uscc: makeUscc(seq),
    contactName: '李四',
    contactMobile: mobileFor(seq),
    member: { name: '李四', email: `group${seq}@test.local`, password: 'Member-Passw0rd' },
    ...extra,
  };
}

async function stored(id: string): Promise<string | null> {
  const [o] = await t.db.select({ g: organizations.parentGroup }).from(organizations).where(eq(organizations.id, id));
  return o?.g ?? null;
}

beforeAll(async () => {
  t = await startTestApp();
  const a = await orgWithUser(t.db, 'bureau', { bureauRole: 'admin' });
  admin = new Client(t.app, '10.61.0.1');
  await admin.login(a.account, PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

describe('creating an organisation with its group', () => {
  it('takes an optional, trimmed group and returns it in the list and the detail', async () => {
    for (const type of ['institution_comprehensive', 'leading_unit', 'catalog_provider']) {
      const seq = nextSeq();
      const res = await admin.post<OrgView>('/api/v1/admin/organizations', orgBody(seq, type, { parentGroup: '  中国电信集团有限公司 ' }));
      expect(res.status, type).toBe(201);
      expect(res.body.parentGroup).toBe('中国电信集团有限公司');
      expect(await stored(res.body.id)).toBe('中国电信集团有限公司');
      const detail = await admin.get<OrgView>(`/api/v1/admin/organizations/${res.body.id}`);
      expect(detail.body.parentGroup).toBe('中国电信集团有限公司');
      const list = await admin.get<{ items: OrgView[] }>(`/api/v1/admin/organizations?q=${makeUscc(seq)}`);
      expect(list.body.items.map((o) => o.parentGroup)).toEqual(['中国电信集团有限公司']);
    }
    const seq = nextSeq();
    const without = await admin.post<OrgView>('/api/v1/admin/organizations', orgBody(seq, 'institution_diagnostic'));
    expect(without.status).toBe(201);
    expect(without.body.parentGroup).toBeNull();
    expect(await stored(without.body.id)).toBeNull();
  });

  it('refuses a group that is too short, too long or not text with 400 naming parentGroup', async () => {
    for (const parentGroup of ['团', '   ', 'x'.repeat(101), 42]) {
      const seq = nextSeq();
      const res = await admin.post<Err>('/api/v1/admin/organizations', orgBody(seq, 'institution_comprehensive', { parentGroup }));
      expect(res.status, String(parentGroup)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const f = res.body.details?.fields?.find((x) => x.path === 'parentGroup');
      expect(f, JSON.stringify(res.body)).toBeTruthy();
      expect(f?.message).toMatch(/所属集团/);
      const [o] = await t.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.uscc, makeUscc(seq)));
      expect(o).toBeUndefined();
    }
  });
});

describe('editing the group', () => {
  it('the admin sets, changes and clears it; each change is audited, an unchanged value is not', async () => {
    for (const type of ['leading_unit', 'institution_comprehensive'] as const) {
      const target = await orgWithUser(t.db, type);
      const url = `/api/v1/admin/organizations/${target.org.id}`;
      const set = await admin.patch<OrgView>(url, { parentGroup: ' 测试集团 ' });
      expect(set.status, type).toBe(200);
      expect(set.body.parentGroup).toBe('测试集团');
      expect(await stored(target.org.id)).toBe('测试集团');
      expect((await admin.patch<OrgView>(url, { parentGroup: '测试集团' })).status).toBe(200);
      const changed = await admin.patch<OrgView>(url, { parentGroup: '另一集团' });
      expect(changed.body.parentGroup).toBe('另一集团');
      const cleared = await admin.patch<OrgView>(url, { parentGroup: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.parentGroup).toBeNull();
      expect(await stored(target.org.id)).toBeNull();
      const events = await t.db
        .select({ summary: auditEvents.summary })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'organization.updated'), eq(auditEvents.targetId, target.org.id)))
        .orderBy(auditEvents.id);
      expect(events.map((e) => e.summary.parentGroup)).toEqual([
        { from: null, to: '测试集团' },
        { from: '测试集团', to: '另一集团' },
        { from: '另一集团', to: null },
      ]);
      const timeline = await admin.get<Array<{ action: string }>>(`${url}/timeline`);
      expect(timeline.body.filter((e) => e.action === 'organization.updated')).toHaveLength(3);
    }
  });

  it('refuses bad values with 400 naming parentGroup, and leaves the group as it was', async () => {
    const target = await orgWithUser(t.db, 'leading_unit');
    const url = `/api/v1/admin/organizations/${target.org.id}`;
    await admin.patch(url, { parentGroup: '原集团' });
    for (const body of [{ parentGroup: '' }, { parentGroup: '集' }, { parentGroup: 'y'.repeat(101) }, { parentGroup: 7 }, {}]) {
      const res = await admin.patch<Err>(url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details?.fields?.some((f) => f.path === 'parentGroup'), JSON.stringify(res.body)).toBe(true);
    }
    const extra = await admin.patch<Err>(url, { parentGroup: '新集团', name: '改名' });
    expect(extra.status).toBe(400);
    expect(await stored(target.org.id)).toBe('原集团');
  });

  it('other roles are refused with FORBIDDEN_ROLE, signed-out callers 401, unknown ids 404', async () => {
    const target = await orgWithUser(t.db, 'institution_comprehensive');
    const url = `/api/v1/admin/organizations/${target.org.id}`;
    const reviewer = new Client(t.app, '10.61.0.2');
    await reviewer.login((await orgWithUser(t.db, 'bureau', { bureauRole: 'reviewer' })).account, PASSWORD);
    const finance = new Client(t.app, '10.61.0.3');
    await finance.login((await orgWithUser(t.db, 'bureau', { bureauRole: 'finance' })).account, PASSWORD);
    const enterprise = new Client(t.app, '10.61.0.4');
    await enterprise.login((await enterpriseWithUser(t.db)).account, PASSWORD);
    const institution = new Client(t.app, '10.61.0.5');
    await institution.login(target.account, PASSWORD);
    for (const c of [reviewer, finance, enterprise, institution]) {
      const res = await c.patch<Err>(url, { parentGroup: '越权集团' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN_ROLE');
    }
    expect((await new Client(t.app, '10.61.0.6').patch(url, { parentGroup: '越权集团' })).status).toBe(401);
    expect(await stored(target.org.id)).toBeNull();
    const unknown = await admin.patch<Err>(`/api/v1/admin/organizations/${randomUUID()}`, { parentGroup: '测试集团' });
    expect(unknown.status).toBe(404);
    expect((await admin.patch<Err>('/api/v1/admin/organizations/not-a-uuid', { parentGroup: '测试集团' })).status).toBe(400);
  });
});

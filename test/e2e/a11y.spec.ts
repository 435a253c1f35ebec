/**
 * WCAG 2.1 AA with axe-core: every page of every role (test/e2e/a11y-pages.ts) on a desktop, and each role's
 * first two pages on a phone, have no serious and no critical violation. One browser context per role, pages visited in order; the totals
 * per page (by impact) are printed, and every serious or critical finding is listed with its elements.
 *
 * Nothing is excluded. Rules: the WCAG 2.0 / 2.1 A and AA rules plus axe's best practices (the assertion is on
 * the impact, whatever the rule's tag).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { A11Y_ROLES, type RoleState } from './a11y-pages';
import { settled } from './helpers';

type Impact = 'critical' | 'serious' | 'moderate' | 'minor';
const IMPACTS: Impact[] = ['critical', 'serious', 'moderate', 'minor'];

interface PageResult {
  page: string;
  counts: Record<Impact, number>;
  blocking: string[];
}

async function scan(page: Page, label: string): Promise<PageResult> {
  await settled(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const blocking: string[] = [];
  for (const v of results.violations) {
    const impact = (v.impact ?? 'minor') as Impact;
    counts[impact] += v.nodes.length;
    if (impact === 'critical' || impact === 'serious') {
      const where = v.nodes
        .slice(0, 6)
        .map((n) => `      ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 220)}` : ''}`)
        .join('\n');
      blocking.push(`  [${impact}] ${v.id} (${v.nodes.length}): ${v.help}\n${where}`);
    }
  }
  return { page: label, counts, blocking };
}

const total = (rs: PageResult[], impact: Impact) => rs.reduce((n, r) => n + r.counts[impact], 0);

// Each role in its own browser context, reading only: the roles are checked side by side on the workers.
test.describe.configure({ mode: 'parallel' });

for (const role of A11Y_ROLES) {
  test(`axe: ${role.name}`, async ({ page }, info) => {
    // On the phone, each role's first two pages (its home and the menu drawer): the pages share their components
    // with the desktop pass, which scans every page.
    const pages = info.project.name === 'phone' ? role.pages.slice(0, 2) : role.pages;
    test.setTimeout(60_000 + pages.length * 20_000);
    const state: RoleState = { request: page.request, found: {} };
    if (role.signIn) await role.signIn(state);
    const results: PageResult[] = [];
    for (const entry of pages) {
      const path = typeof entry.path === 'string' ? entry.path : await entry.path(state);
      await page.goto(path);
      await expect(page.locator('#root')).not.toBeEmpty();
      if (entry.ready) await entry.ready(page);
      // Lazy chunks and queries have landed: no spinner or skeleton is left.
      await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0);
      results.push(await scan(page, `${entry.name} ${path}`));
      if (entry.reveal && (await entry.reveal.run(page))) results.push(await scan(page, `${entry.name} ${path} + ${entry.reveal.name}`));
    }
    const lines = results.map((r) => `${IMPACTS.map((i) => `${i} ${r.counts[i]}`).join(', ')}  ${r.page}${r.blocking.length ? `\n${r.blocking.join('\n')}` : ''}`);
    const summary = `[${info.project.name}] ${role.name}: ${results.length} pages — ${IMPACTS.map((i) => `${i} ${total(results, i)}`).join(', ')}`;
    console.log(`${summary}\n  ${lines.join('\n  ')}`);
    await info.attach('axe-summary', { body: `${summary}\n${lines.join('\n')}`, contentType: 'text/plain' });
    info.annotations.push({ type: 'axe', description: summary });
    expect(results.flatMap((r) => (r.blocking.length ? [`${r.page}\n${r.blocking.join('\n')}`] : [])), 'serious or critical axe violations').toEqual([]);
  });
}

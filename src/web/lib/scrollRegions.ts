/**
 * Keyboard access to scrolling tables (WCAG 2.1.1): a table wider than its box scrolls inside antd's
 * `.ant-table-content` (or `.ant-table-body` with a fixed header), which a keyboard user cannot reach when the
 * rows hold nothing focusable. While such a box actually scrolls it becomes a focusable region named after its
 * card or page title (then ← → scroll it); when it stops scrolling (a wider window) it is a plain box again.
 *
 * Installed once for the whole app (main.tsx), so every table has it, whichever component renders it.
 */
const SCROLLERS = '.ant-table-content, .ant-table-body';
const MARK = 'zsScrollRegion';

/** The title a region is named after: its card's, else the page's heading. */
function contextName(el: HTMLElement): string {
  const card = el.closest('.ant-card');
  const cardTitle = card?.querySelector('.ant-card-head-title')?.textContent?.trim();
  if (cardTitle) return cardTitle;
  const heading = document.querySelector('main h1, main h2, main h3, h1, h2, h3, h4')?.textContent?.trim();
  return heading ?? '';
}

function scrolls(el: HTMLElement): boolean {
  return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
}

export function keepScrollRegionsReachable(root: HTMLElement, label: (name: string) => string): () => void {
  let queued = 0;
  const update = () => {
    queued = 0;
    root.querySelectorAll<HTMLElement>(SCROLLERS).forEach((el) => {
      const marked = el.dataset[MARK] === '1';
      if (scrolls(el)) {
        // The rows may already hold a link or button; the box is still the one thing that scrolls.
        const name = label(contextName(el));
        if (!marked) {
          el.tabIndex = 0;
          el.setAttribute('role', 'region');
          el.dataset[MARK] = '1';
        }
        if (el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
      } else if (marked) {
        el.removeAttribute('tabindex');
        el.removeAttribute('role');
        el.removeAttribute('aria-label');
        delete el.dataset[MARK];
      }
    });
  };
  const schedule = () => {
    if (!queued) queued = requestAnimationFrame(update);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  window.addEventListener('resize', schedule);
  schedule();
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', schedule);
    if (queued) cancelAnimationFrame(queued);
  };
}

// Helpers of the classroom cases (test/e2e/cases/classroom.ts): axe-core audits, drawn text sizes, layout widths.
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { SMALL, runToEnd, waitEngine } from './helpers';
import type { E2eContext } from './types';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };
/** The screen areas' tabs (data-testid tab-<name>). */
export type Tab = 'search' | 'score' | 'study' | 'images';
export const TABS: Tab[] = ['search', 'score', 'study', 'images'];

/** A serious or critical axe violation: its rule, impact and (up to three) elements with the reason. */
export interface AxeProblem {
  id: string;
  impact: string | null | undefined;
  nodes: string[];
}

const routed = new WeakSet<BrowserContext>();

/**
 * axe-core served from the page's own origin (the page's CSP allows only
 * 'self' scripts, so an inline copy would be refused) and added to `page`.
 */
export async function injectAxe(page: Page): Promise<void> {
  const context = page.context();
  if (!routed.has(context)) {
    routed.add(context);
    await context.route('**/__axe/axe.min.js', (r) => r.fulfill({ path: AXE_PATH, contentType: 'text/javascript' }));
  }
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  await page.addScriptTag({ url: '/__axe/axe.min.js' });
}

/** The serious and critical violations of the WCAG 2.1 A/AA rules on the page as it is. */
export async function axeAudit(page: Page): Promise<AxeProblem[]> {
  await injectAxe(page);
  return page.evaluate(async (tags) => {
    const r = await window.axe!.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${(n.any[0] ?? n.all[0] ?? n.none[0])?.message ?? n.failureSummary}`),
      }));
  }, AXE_TAGS);
}

/** Opens a tab of the page and waits for its area. */
export async function openTab(page: Page, tab: Tab): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  if (tab === 'search') await page.getByTestId('cell-graph').waitFor({ timeout: 30_000 });
  else await page.getByTestId(`explore-${tab}`).waitFor({ timeout: 60_000 });
  // Lazy parts and charts lay out a frame or two after mounting.
  await page.waitForTimeout(400);
}

export async function setLarge(page: Page, large: boolean): Promise<void> {
  const box = page.getByTestId('large-type');
  if ((await box.isChecked()) !== large) await box.click();
  await page.waitForTimeout(300);
}

/**
 * The smallest text drawn on the page, in CSS px as it appears on screen (an
 * SVG text's size times its drawing's scale), over every visible element with
 * text of its own; with the element that has it.
 */
export function smallestText(page: Page): Promise<{ px: number; where: string }> {
  return page.evaluate(() => {
    let min = Number.POSITIVE_INFINITY;
    let where = '';
    const skip = new Set(['SCRIPT', 'STYLE', 'TITLE', 'OPTION', 'NOSCRIPT', 'TEMPLATE']);
    for (const e of document.querySelectorAll('body *')) {
      if (skip.has(e.tagName) || e.closest('svg title, select')) continue;
      const own = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!own) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const st = getComputedStyle(e);
      if (st.visibility !== 'visible' || Number(st.opacity) === 0 || e.closest('details:not([open]) > :not(summary)')) continue;
      let px = Number.parseFloat(st.fontSize);
      if (e instanceof SVGElement && e.ownerSVGElement) {
        const m = (e as SVGGraphicsElement).getScreenCTM();
        if (m) px *= Math.hypot(m.a, m.b);
      }
      if (px < min) {
        min = px;
        where = `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''} "${e.textContent.trim().slice(0, 30)}"`;
      }
    }
    return { px: min, where };
  });
}

/** Pairs of texts drawn in one chart (an SVG) whose boxes overlap by more than a pixel: tick labels, axis labels, point names. */
export function overlappingLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll('.chart svg, .cell-graph')) {
      const boxes = [...svg.querySelectorAll('text')]
        .filter(
          (t) => t.textContent.trim() !== '' && getComputedStyle(t).visibility === 'visible' && Number(getComputedStyle(t).opacity) > 0,
        )
        .map((t) => ({ t: t.textContent.trim(), r: t.getBoundingClientRect() }))
        .filter((b) => b.r.width > 0);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r;
          const b = boxes[j].r;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 1) out.push(`"${boxes[i].t}" / "${boxes[j].t}"`);
        }
    }
    return out;
  });
}

/** Elements that reach past the right edge of the screen, and the document's scroll width. */
export function overflow(page: Page): Promise<{ wide: string[]; count: number; scrollWidth: number; width: number }> {
  return page.evaluate(() => {
    const wide: string[] = [];
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > innerWidth + 0.5)
        wide.push(`${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]} right ${r.right.toFixed(0)}`);
    }
    return { wide: wide.slice(0, 8), count: wide.length, scrollWidth: document.documentElement.scrollWidth, width: innerWidth };
  });
}

/** Select boxes whose chosen option's text is wider than the box, and field labels that overlap their control. */
export function clippedFields(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const ctx = document.createElement('canvas').getContext('2d')!;
    for (const s of document.querySelectorAll('select')) {
      const r = s.getBoundingClientRect();
      if (r.width === 0) continue;
      const st = getComputedStyle(s);
      ctx.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
      const text = s.selectedOptions[0]?.textContent ?? '';
      // Room for the text: the box less its padding, borders and the drop-down arrow (about 20 px).
      const room = r.width - Number.parseFloat(st.paddingLeft) - Number.parseFloat(st.paddingRight) - 22;
      if (ctx.measureText(text).width > room) out.push(`select ${s.dataset.testid}: "${text}" in ${room.toFixed(0)} px`);
    }
    for (const f of document.querySelectorAll('label.field')) {
      const label = f.querySelector('span');
      const control = f.querySelector('select, input');
      if (!label || !control) continue;
      const a = label.getBoundingClientRect();
      const b = control.getBoundingClientRect();
      if (a.width === 0 || b.width === 0) continue;
      const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      if (overlap) out.push(`label "${label.textContent}" overlaps its control`);
    }
    return out;
  });
}

let finished: Page | null = null;

/** A page with a finished quick search (the one the axe case ran, else a new one), on the Search tab at desktop size. */
export async function finishedSearch({ openPage, url }: Pick<E2eContext, 'openPage' | 'url'>): Promise<Page> {
  if (finished && !finished.isClosed()) {
    await finished.setViewportSize(DESKTOP);
    await setLarge(finished, false);
    await openTab(finished, 'search');
    return finished;
  }
  finished = await openPage(`${url}?preset=quick&${SMALL}&seed=2`);
  await finished.setViewportSize(DESKTOP);
  await waitEngine(finished);
  await runToEnd(finished);
  return finished;
}

/** Keeps `page` as the finished search the later cases reuse. */
export function keepFinished(page: Page): void {
  finished = page;
}

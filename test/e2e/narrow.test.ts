import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, startApp, type App } from './harness';
import type { PageElement, PageGlobals } from './page-dom';

// A narrow window: the toolbar's controls never overlap, the period title stays whole and in view,
// and the page never scrolls sideways (the controls wrap onto a second row instead).

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(() => closeBrowser());

type Box = { x: number; y: number; width: number; height: number; what: string };

/** The toolbar's visible controls (and its title), as boxes on screen. */
function toolbarBoxes(page: App['page']): Promise<Box[]> {
  return page.locator('.toolbar').evaluate((bar) =>
    Array.from(
      (bar as unknown as PageElement).querySelectorAll(
        'button, input, select, h1, [role="status"], .brand',
      ),
    )
      .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().width > 1)
      // The sync status may hold its own button: the outer one is not a control of its own then.
      .filter((el, _, all) => !all.some((other) => other !== el && el.contains(other)))
      .map((el) => {
        const r = el.getBoundingClientRect();
        const what = el.dataset.testid ?? el.getAttribute('aria-label') ?? el.tagName;
        return { x: r.x, y: r.y, width: r.width, height: r.height, what };
      }),
  );
}

// Grouped buttons (prev/next, the views) share their 1 px border, so touching by that is allowed.
const EDGE = 1.5;
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - EDGE &&
  b.x < a.x + a.width - EDGE &&
  a.y < b.y + b.height - EDGE &&
  b.y < a.y + a.height - EDGE;

async function expectNoSidewaysScroll(page: App['page']) {
  const { scroll, inner } = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { scroll: g.document.documentElement.scrollWidth, inner: g.innerWidth };
  });
  expect(scroll).toBeLessThanOrEqual(inner);
}

describe.each([1024, 800])('the toolbar at %i px', (width) => {
  it.each(['view-week', 'view-month', 'view-list'])('is usable in %s', async (view) => {
    app = await startApp({ viewport: { width, height: 700 } });
    const { page } = app;
    await page.getByTestId(view).click();
    const title = page.getByTestId('calendar-title');
    await expect.poll(() => title.textContent()).not.toBe('');

    const boxes = await toolbarBoxes(page);
    expect(boxes.length).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        expect(overlap(boxes[i]!, boxes[j]!), `${boxes[i]!.what} / ${boxes[j]!.what}`).toBe(false);
      }
      // Every control is inside the window, none pushed off its right edge.
      expect(boxes[i]!.x).toBeGreaterThanOrEqual(0);
      expect(boxes[i]!.x + boxes[i]!.width).toBeLessThanOrEqual(width);
    }

    // The title is shown whole: not cut by an ellipsis, not hidden.
    expect(await title.isVisible()).toBe(true);
    const clipped = await title.evaluate((found) => {
      const el = found as unknown as PageElement;
      return el.scrollWidth > el.clientWidth + 1;
    });
    expect(clipped).toBe(false);
    await expectNoSidewaysScroll(page);
    // Every control still works: one of them, picked by its place in the second row.
    await page.getByTestId('view-week').click();
    await expect
      .poll(() => page.getByTestId('view-week').getAttribute('aria-pressed'))
      .toBe('true');
    expect(app.errors).toEqual([]);
  });
});

describe('a very narrow window (640 px)', () => {
  it('never scrolls sideways, and the controls still do not overlap', async () => {
    app = await startApp({ viewport: { width: 640, height: 700 } });
    const { page } = app;
    for (const view of ['view-week', 'view-month', 'view-list']) {
      await page.getByTestId(view).click();
      await app.screenshot(`narrow-640-${view}`);
      await expectNoSidewaysScroll(page);
      const boxes = await toolbarBoxes(page);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          expect(overlap(boxes[i]!, boxes[j]!), `${boxes[i]!.what} / ${boxes[j]!.what}`).toBe(
            false,
          );
        }
      }
    }
    await app.screenshot('narrow-640');
  });
});

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { meetingEvent } from './calendar-page';
import { closeBrowser, startApp, type App } from './harness';
import type { PageElement, PageGlobals } from './page-dom';
import { seedBusyDay, today } from './seed-busy';

// A busy week stays readable: overlapping meetings sit side by side, wide enough to read, with
// their titles cut to one line (ellipsis) and the whole title on hover; the month shows what fits
// in a day and "+N more" for the rest, without an empty trailing week.

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(() => closeBrowser());

const viewport = { width: 1440, height: 900 };

/**
 * Each visible meeting's width, and whether its text spills out of it. A title cut by ellipsis
 * still reports its full scrollWidth, so "fits" means: the title's box ends inside the meeting's,
 * the meeting's body does not scroll sideways, and what is cut is cut by an ellipsis on one line.
 */
async function eventMetrics(page: App['page']) {
  return page.locator('[data-testid="meeting-event"]').evaluateAll((found) =>
    (found as unknown as PageElement[])
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const box = el.getBoundingClientRect();
        const body = el.querySelector('.cv-event__body');
        const title = el.querySelector('.cv-event__title');
        if (!body || !title) return { width: box.width, overflows: true, wraps: false };
        const t = title.getBoundingClientRect();
        const style = (globalThis as unknown as PageGlobals).getComputedStyle(title);
        const cut = title.scrollWidth > title.clientWidth + 1;
        return {
          width: box.width,
          overflows:
            t.right > box.right + 1 ||
            body.scrollWidth > body.clientWidth + 1 ||
            (cut && style.textOverflow !== 'ellipsis'),
          wraps: style.whiteSpace !== 'nowrap',
        };
      }),
  );
}

describe('a crowded calendar', () => {
  it('lays ten overlapping meetings out side by side, each wide enough, titles on one line', async () => {
    app = await startApp({ viewport });
    const { page } = app;
    await seedBusyDay(app, 10);
    // All ten are accounted for: drawn, or counted in FullCalendar's "+N" beside them.
    const more = page.getByText(/^\+\d+( more)?$/);
    const accounted = async () => {
      const hidden = (await more.allTextContents()).reduce((n, t) => n + parseInt(t.slice(1)), 0);
      return (await eventMetrics(page)).length + hidden;
    };
    await expect.poll(accounted).toBe(10);
    expect(await more.count()).toBeGreaterThan(0);
    const metrics = await eventMetrics(page);
    expect(metrics.length).toBeGreaterThanOrEqual(3);
    for (const m of metrics) {
      expect(m.width).toBeGreaterThanOrEqual(28);
      expect(m.overflows).toBe(false);
      expect(m.wraps).toBe(false);
    }
    await app.screenshot('density-week');
    expect(app.errors).toEqual([]);
  });

  it('shows the whole title on hover and to the keyboard', async () => {
    app = await startApp({ viewport });
    const { page } = app;
    const [first] = await seedBusyDay(app, 10);
    const event = meetingEvent(page, first!).first();
    // The tooltip (title attribute) holds the full name, however short the box cuts it.
    await event.hover();
    const tip = await event.locator('[title]').first().getAttribute('title');
    expect(tip).toContain(first);
    // Focus reaches the meeting, and its accessible name (what a screen reader says) is whole.
    await event.focus();
    expect(
      await event.evaluate((el) =>
        (el as unknown as PageElement).contains(
          (globalThis as unknown as PageGlobals).document.activeElement,
        ),
      ),
    ).toBe(true);
    expect(await event.textContent()).toContain(first);
  });

  it('month: as many as fit, then "+N more", and no trailing week outside the month', async () => {
    app = await startApp({ viewport });
    const { page } = app;
    await seedBusyDay(app, 8);
    await page.getByTestId('view-month').click();
    await expect.poll(() => page.getByText(/^\+\d+ more$/).count()).toBeGreaterThan(0);
    const more = page.getByText(/^\+\d+ more$/).first();
    expect(await more.isVisible()).toBe(true);
    const shown = await eventMetrics(page);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const m of shown) expect(m.overflows).toBe(false);

    // The grid's days, in order: its last week must still hold a day of the month shown.
    const dates = await page
      .locator('[role="cell"][data-date]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-date') ?? ''));
    expect(dates.length % 7).toBe(0);
    const month = today().slice(0, 7);
    expect(dates.slice(-7).some((d) => d.startsWith(month))).toBe(true);
    expect(dates.slice(0, 7).some((d) => d.startsWith(month))).toBe(true);
    await app.screenshot('density-month');
    expect(app.errors).toEqual([]);
  });
});

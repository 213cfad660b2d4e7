import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, startApp, type App } from './harness';

// Someone who reads their calendar by month, in another city's time, should not have to pick both
// again every time the window opens.

let app: App;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

describe('the window remembers how it was last used', () => {
  it('keeps the view and the display zone across a reload and a restart of the shell', async () => {
    const { page } = app;
    await page.getByTestId('view-month').click();
    const display = page.getByTestId('display-zone').getByRole('combobox');
    await display.click();
    await display.fill('Tokyo');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('display-zone-offset').innerText()).toBe('UTC+09:00');

    await app.restartShell();
    await app.reload();
    await expect
      .poll(() => page.getByTestId('view-month').getAttribute('aria-pressed'))
      .toBe('true');
    expect(await display.inputValue()).toBe('Asia/Tokyo');
    expect(await page.getByTestId('display-zone-offset').innerText()).toBe('UTC+09:00');
  });
});

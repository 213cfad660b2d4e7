import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, startApp, type App } from './harness';

// The zone picker finds zones by what people call them, with the names from Chromium's own ICU
// data: a country ("India"), an abbreviation ("EST", "IST"), a nickname ("NYC").

let app: App;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.close();
  await closeBrowser();
});

const display = () => app.page.getByTestId('display-zone').getByRole('combobox');
const options = () =>
  app.page
    .getByTestId('display-zone-list')
    .getByRole('option')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-zone') ?? ''));

describe('zone search in the browser', () => {
  it('finds Asia/Kolkata by typing "India", and picks it', async () => {
    const { page } = app;
    await page.getByTestId('calendar').waitFor();
    await display().click();
    await display().fill('India');
    const found = await options();
    expect(found[0]).toBe('Asia/Kolkata');
    // The option names the country, so the match is plain to see.
    const first = page.getByTestId('display-zone-list').getByRole('option').first();
    expect(await first.innerText()).toMatch(/Kolkata · India[\s\S]*Asia\/Kolkata/);
    await app.screenshot('zone-search-india');
    await page.keyboard.press('Enter');
    expect(await display().inputValue()).toBe('Asia/Kolkata');
    expect(await page.getByTestId('display-zone-offset').innerText()).toBe('UTC+05:30');
  });

  it('finds zones by abbreviation and nickname', async () => {
    await display().click();
    await display().fill('EST');
    expect(await options()).toContain('America/New_York');
    await display().fill('IST');
    expect((await options())[0]).toBe('Asia/Kolkata');
    await display().fill('NYC');
    expect(await options()).toEqual(['America/New_York']);
    await display().fill('Germany');
    expect((await options())[0]).toBe('Europe/Berlin');
    await app.page.keyboard.press('Escape');
    expect(app.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});

import type { App } from './harness';
import type { PageGlobals } from './page-dom';

/**
 * The app's main screens, each reached as a user would from the calendar: the three calendar
 * views, and the editor, Settings, account and downloads dialogs open over the week. `open` leaves
 * the screen showing; `close` goes back to the calendar, so the screens can be visited one after
 * another.
 */
export type Screen = {
  name: string;
  open(page: App['page']): Promise<void>;
  close(page: App['page']): Promise<void>;
};

const nothing = async () => {};

function view(name: string, testId: string): Screen {
  return {
    name,
    async open(page) {
      await page.getByTestId(testId).click();
      await page.waitForFunction(
        (id) =>
          (globalThis as unknown as PageGlobals).document
            .querySelector(`[data-testid="${id}"]`)
            ?.getAttribute('aria-pressed') === 'true',
        testId,
      );
    },
    close: nothing,
  };
}

function dialog(name: string, buttonTestId: string, dialogTestId: string): Screen {
  return {
    name,
    async open(page) {
      await page.getByTestId('view-week').click();
      await page.getByTestId(buttonTestId).click();
      await page.getByTestId(dialogTestId).waitFor();
    },
    async close(page) {
      await page.keyboard.press('Escape');
      await page.getByTestId(dialogTestId).waitFor({ state: 'detached' });
    },
  };
}

export const SCREENS: readonly Screen[] = [
  view('week', 'view-week'),
  view('month', 'view-month'),
  view('list', 'view-list'),
  dialog('editor', 'new-meeting', 'meeting-editor'),
  dialog('settings', 'settings-button', 'settings-dialog'),
  dialog('account', 'account-button', 'account-dialog'),
  dialog('downloads', 'downloads-button', 'downloads-panel'),
];

export const SCHEMES = ['light', 'dark'] as const;

import type { ThemeSetting } from '../../src-main/shared/contract';

export type ColorScheme = 'light' | 'dark';

export const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The scheme in force: the setting when it names one, otherwise what the OS prefers. */
export function resolveColorScheme(setting: ThemeSetting, osPrefersDark: boolean): ColorScheme {
  if (setting !== 'system') return setting;
  return osPrefersDark ? 'dark' : 'light';
}

type ThemeTarget = {
  root: HTMLElement;
  media: Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;
};

/**
 * Keeps `<html data-color-scheme>` on the scheme in force (styles/theme.css and FullCalendar's
 * palette key on it), following the OS while the setting is `system`. Returns `apply`, to call
 * with each new setting, and `stop`.
 */
export function followColorScheme(target: ThemeTarget, initial: ThemeSetting) {
  let setting = initial;
  const update = () => {
    target.root.dataset.colorScheme = resolveColorScheme(setting, target.media.matches);
  };
  target.media.addEventListener('change', update);
  update();
  return {
    apply(next: ThemeSetting) {
      setting = next;
      update();
    },
    stop() {
      target.media.removeEventListener('change', update);
    },
  };
}

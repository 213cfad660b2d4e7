import { setClockPrefs } from '../../src-renderer/lib/clock-prefs';

// The renderer's unit tests read times as `14:30` and weeks from Sunday, whatever locale the
// machine's Node reports: `auto` settings resolve as an en-US locale on a 24-hour clock would.
// The locale itself is tested in Chromium (test/e2e/locale.test.ts).
setClockPrefs({ hour12: false, firstDay: 0 }, 'en-US-u-hc-h23');

/**
 * The calendar-paint baseline page: FullCalendar alone, with the app's own options, theme and
 * layout height, drawing the same events from data bundled into the page (no engine, no fetch, no
 * store, FullCalendar's default event content). Written out and built by calendar-paint.ts.
 */

export const BASELINE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>FullCalendar baseline</title>
    <link rel="icon" href="data:," />
    <style>
      html, body, #root { height: 100%; margin: 0; }
      #root { box-sizing: border-box; padding: 60px 20px 20px; }
    </style>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="./main.js"></script>
  </body>
</html>
`;

/** `optionsPath`: the app's calendar-options module, relative to the page's folder. */
export function baselineEntrySource(optionsPath: string): string {
  return `import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Calendar } from '@fullcalendar/react';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/forma/theme.css';
import '@fullcalendar/react/themes/forma/palettes/blue.css';
import { CALENDAR_OPTIONS } from ${JSON.stringify(optionsPath)};
import events from './events.json';

createRoot(document.getElementById('root')).render(
  createElement(Calendar, { ...CALENDAR_OPTIONS, timeZone: 'UTC', events, eventClass: 'bench-event' }),
);
`;
}

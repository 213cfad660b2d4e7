import type {
  HandlerArgs,
  SettingsDto,
  ThemeSetting,
  TimeFormatSetting,
  WeekStartSetting,
  WorkingHours,
} from '../../src-main/shared/contract';
import type { NotifyBefore } from '../../src-main/shared/meetings-api-types';
import type { CalendarViewName } from '../store/calendar-slice';
import type { FieldErrors } from './editor-form';
import { describeNotifyBefore, isValidNotifyValue } from './notify-options';

/** The settings dialog's inputs; the default reminder as the key of one of its choices. */
export type SettingsForm = {
  reminder: string;
  meetingUrlTemplate: string;
  view: CalendarViewName;
  displayZone: string;
  theme: ThemeSetting;
  /** Working hours' first and last hour (0–24), shaded on the calendar Monday to Friday. */
  workStart: number;
  workEnd: number;
  weekStart: WeekStartSetting;
  timeFormat: TimeFormatSetting;
  autoDownloadRecordings: boolean;
  /** The folder as typed; empty for the shell's default (the OS Downloads folder). */
  downloadsFolder: string;
};

export type SettingsField = keyof SettingsForm;

export const CALENDAR_VIEW_LABELS: Readonly<Record<CalendarViewName, string>> = {
  timeGridDay: 'Day',
  timeGridWeek: 'Week',
  dayGridMonth: 'Month',
  listWeek: 'List',
};

export const THEME_LABELS: Readonly<Record<ThemeSetting, string>> = {
  system: 'Same as the system',
  light: 'Light',
  dark: 'Dark',
};

const weekdayName = (day: number) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2000, 0, 2 + day),
  );

/** Week starts offered, `auto` saying which day the OS locale picks. */
export function weekStartChoices(localeDay: number): { value: WeekStartSetting; label: string }[] {
  const days = [1, 0, 6] as const;
  return [
    { value: 'auto', label: `Same as the system (${weekdayName(localeDay)})` },
    ...days.map((day) => ({ value: day, label: weekdayName(day) })),
  ];
}

/** Clocks offered, `auto` showing how the OS locale writes 2:30 in the afternoon. */
export function timeFormatChoices(
  localeHour12: boolean,
): { value: TimeFormatSetting; label: string }[] {
  const sample = (hour12: boolean) =>
    new Intl.DateTimeFormat(undefined, {
      hour: hour12 ? 'numeric' : '2-digit',
      minute: '2-digit',
      hourCycle: hour12 ? 'h12' : 'h23',
      timeZone: 'UTC',
    }).format(Date.UTC(2000, 0, 1, 14, 30));
  return [
    { value: 'auto', label: `Same as the system (${sample(localeHour12)})` },
    { value: '12h', label: `12-hour (${sample(true)})` },
    { value: '24h', label: `24-hour (${sample(false)})` },
  ];
}

/** The engine's default, for the form before settings have arrived. */
export const DEFAULT_WORKING_HOURS: WorkingHours = { start: 9, end: 17 };

/** Whole hours as the grid labels them (`09:00`, or `9 AM` on a 12-hour clock), 0 to 24. */
export function hourChoices(hour12: boolean): { hour: number; label: string }[] {
  return Array.from({ length: 25 }, (_, hour) => ({ hour, label: hourLabel(hour, hour12) }));
}

function hourLabel(hour: number, hour12: boolean): string {
  if (!hour12) return `${String(hour).padStart(2, '0')}:00`;
  // 24:00 is the end of the day: midnight, said the way the 12-hour clock says it.
  if (hour === 24) return '12 AM (midnight)';
  return new Intl.DateTimeFormat(undefined, {
    hour: 'numeric',
    hourCycle: 'h12',
    timeZone: 'UTC',
  }).format(Date.UTC(2000, 0, 1, hour));
}

export const NO_REMINDER = 'off';

/** `minutes:5`; `off` for none. */
export function reminderKey(lead: NotifyBefore | null): string {
  return lead ? `${lead.metric}:${lead.value}` : NO_REMINDER;
}

const OFFERED: readonly (NotifyBefore | null)[] = [
  null,
  { metric: 'minutes', value: 5 },
  { metric: 'minutes', value: 10 },
  { metric: 'minutes', value: 15 },
  { metric: 'minutes', value: 30 },
  { metric: 'hours', value: 1 },
  { metric: 'days', value: 1 },
];

export type ReminderChoice = { key: string; label: string; lead: NotifyBefore | null };

const choice = (lead: NotifyBefore | null): ReminderChoice => ({
  key: reminderKey(lead),
  label: lead ? describeNotifyBefore(lead) : 'Off',
  lead,
});

/**
 * The default reminders offered. One saved elsewhere that is not among them (2 hours, set by an
 * older build or another window) is kept in the list, so opening and saving never changes it.
 */
export function reminderChoices(current: NotifyBefore | null): ReminderChoice[] {
  const choices = OFFERED.map(choice);
  if (!choices.some((c) => c.key === reminderKey(current))) choices.push(choice(current));
  return choices;
}

/** The lead a choice key stands for; null for `off` and for anything that is not a valid lead. */
export function reminderFromKey(key: string): NotifyBefore | null {
  const [metric, raw] = key.split(':');
  const value = Number(raw);
  if (metric !== 'minutes' && metric !== 'hours' && metric !== 'days' && metric !== 'weeks') {
    return null;
  }
  return isValidNotifyValue(metric, value) ? { metric, value } : null;
}

/** The form as the dialog opens: the engine's settings, and the calendar as this window shows it. */
export function settingsFormFrom(
  settings: SettingsDto | null,
  shown: { view: CalendarViewName; displayZone: string },
): SettingsForm {
  return {
    reminder: reminderKey(settings?.defaultReminder ?? null),
    meetingUrlTemplate: settings?.meetingUrlTemplate ?? '',
    view: shown.view,
    displayZone: shown.displayZone,
    theme: settings?.theme ?? 'system',
    workStart: settings?.workingHours.start ?? DEFAULT_WORKING_HOURS.start,
    workEnd: settings?.workingHours.end ?? DEFAULT_WORKING_HOURS.end,
    weekStart: settings?.weekStart ?? 'auto',
    timeFormat: settings?.timeFormat ?? 'auto',
    autoDownloadRecordings: settings?.autoDownloadRecordings ?? false,
    downloadsFolder: settings?.downloadsFolder ?? '',
  };
}

/** Only what was changed, so a setting changed in another window meanwhile is not overwritten. */
export function settingsChanges(
  form: SettingsForm,
  original: SettingsForm,
): HandlerArgs['settings:update'] {
  const changes: HandlerArgs['settings:update'] = {};
  if (form.reminder !== original.reminder) changes.defaultReminder = reminderFromKey(form.reminder);
  const template = form.meetingUrlTemplate.trim();
  if (template !== original.meetingUrlTemplate.trim()) {
    changes.meetingUrlTemplate = template === '' ? null : template;
  }
  if (form.view !== original.view) changes.view = form.view;
  if (form.displayZone !== original.displayZone) changes.displayZone = form.displayZone;
  if (form.theme !== original.theme) changes.theme = form.theme;
  if (form.workStart !== original.workStart || form.workEnd !== original.workEnd) {
    changes.workingHours = { start: form.workStart, end: form.workEnd };
  }
  if (form.weekStart !== original.weekStart) changes.weekStart = form.weekStart;
  if (form.timeFormat !== original.timeFormat) changes.timeFormat = form.timeFormat;
  if (form.autoDownloadRecordings !== original.autoDownloadRecordings) {
    changes.autoDownloadRecordings = form.autoDownloadRecordings;
  }
  const folder = form.downloadsFolder.trim();
  if (folder !== original.downloadsFolder.trim()) {
    changes.downloadsFolder = folder === '' ? null : folder;
  }
  return changes;
}

/** The API's names for the same settings, should an error name a field that way. */
const FIELD_ALIASES: Readonly<Record<string, SettingsField>> = {
  defaultReminder: 'reminder',
  default_reminder: 'reminder',
  meeting_url_template: 'meetingUrlTemplate',
  display_zone: 'displayZone',
  // One message for the pair, shown under the first of the two.
  workingHours: 'workStart',
};

const FIELDS: readonly SettingsField[] = [
  'reminder',
  'meetingUrlTemplate',
  'view',
  'displayZone',
  'theme',
  'workStart',
  'workEnd',
  'weekStart',
  'timeFormat',
  'autoDownloadRecordings',
  'downloadsFolder',
];

/** The engine's field errors keyed by the form's fields; ones the form has no place for are `other`. */
export function settingsFieldErrors(fields: Record<string, string[]> | undefined) {
  const byField: FieldErrors = {};
  const other: string[] = [];
  for (const [key, messages] of Object.entries(fields ?? {})) {
    const field = FIELD_ALIASES[key] ?? key;
    if ((FIELDS as readonly string[]).includes(field)) {
      byField[field] = [...(byField[field] ?? []), ...messages];
    } else {
      other.push(`${key}: ${messages.join(', ')}`);
    }
  }
  return { byField, other };
}

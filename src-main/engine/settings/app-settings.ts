import { statSync } from 'node:fs';
import path from 'node:path';
import {
  THEME_SETTINGS,
  TIME_FORMAT_SETTINGS,
  WEEK_START_SETTINGS,
  type TimeFormatSetting,
  type WeekStartSetting,
  type HandlerArgs,
  type SettingsDto,
  type ThemeSetting,
  type WorkingHours,
} from '../../shared/contract';
import { isCalendarView } from '../../shared/calendar-views';
import { NOTIFY_BEFORE_RANGES, type NotifyBefore } from '../../shared/meetings-api-types';
import { canonicalTimeZone } from '../../shared/time-zones';
import type { Database } from '../db/database';
import { validationError } from '../errors';
import type { SettingsRepo } from './settings-repo';

/**
 * The window's settings, kept in the engine so every shell and every restart sees the same ones:
 * the default reminder, the meeting URL template (the join link) and how the calendar was shown.
 */
export function createAppSettings(db: Database, settings: SettingsRepo) {
  function defaultReminder(): NotifyBefore | null {
    const raw = settings.get('default_reminder');
    if (raw === undefined) return null;
    try {
      return validateNotifyBefore(JSON.parse(raw));
    } catch {
      return null; // written by a newer build, say: no default rather than a broken window
    }
  }

  function workingHours(): WorkingHours {
    const raw = settings.get('working_hours');
    try {
      return raw === undefined ? DEFAULT_WORKING_HOURS : validateWorkingHours(JSON.parse(raw));
    } catch {
      return DEFAULT_WORKING_HOURS;
    }
  }

  function get(): SettingsDto {
    const view = settings.get('view');
    const zone = settings.get('display_zone');
    return {
      defaultReminder: defaultReminder(),
      meetingUrlTemplate: settings.get('meeting_url_template') ?? null,
      view: view !== undefined && isCalendarView(view) ? view : null,
      displayZone: zone !== undefined ? canonicalTimeZone(zone) : null,
      theme: isTheme(settings.get('theme')) ?? 'system',
      workingHours: workingHours(),
      weekStart: weekStartOf(settings.get('week_start')) ?? 'auto',
      timeFormat: timeFormatOf(settings.get('time_format')) ?? 'auto',
      autoDownloadRecordings: settings.get('auto_download_recordings') === 'true',
      downloadsFolder: settings.get('downloads_folder') ?? null,
    };
  }

  /** Validates every named setting, then saves them all in one transaction (or none). */
  function update(changes: HandlerArgs['settings:update']): SettingsDto {
    const errors: Record<string, string[]> = {};
    let lead: NotifyBefore | null | undefined;
    if (changes.defaultReminder !== undefined) {
      try {
        lead =
          changes.defaultReminder === null ? null : validateNotifyBefore(changes.defaultReminder);
      } catch {
        errors.defaultReminder = [
          'must be minutes 0–55, hours 1–24, days 1–30 or weeks 1–4 before the start',
        ];
      }
    }
    const template = changes.meetingUrlTemplate;
    if (template !== undefined && template !== null && !isJoinTemplate(template)) {
      errors.meetingUrlTemplate = [
        'must be an https:// address with %s once, where the meeting id goes (https://meet.example.com/join/%s)',
      ];
    }
    const zone =
      changes.displayZone === undefined ? undefined : canonicalTimeZone(changes.displayZone);
    if (zone === null) errors.displayZone = ['is not a time zone this computer knows'];
    // The handler schema checks this too; the engine also serves callers that skip it.
    const theme = changes.theme === undefined ? undefined : isTheme(changes.theme);
    if (theme === null) errors.theme = [`must be one of ${THEME_SETTINGS.join(', ')}`];
    let hours: WorkingHours | undefined;
    if (changes.workingHours !== undefined) {
      try {
        hours = validateWorkingHours(changes.workingHours);
      } catch {
        errors.workingHours = ['must be whole hours from 0 to 24, the start before the end'];
      }
    }
    // Stored as text; `auto` is kept as the absence of a choice, so the locale decides.
    const weekStart =
      changes.weekStart === undefined ? undefined : weekStartOf(String(changes.weekStart));
    if (weekStart === null) errors.weekStart = ['must be auto, 0 (Sunday), 1 (Monday) or 6'];
    const timeFormat =
      changes.timeFormat === undefined ? undefined : timeFormatOf(changes.timeFormat);
    if (timeFormat === null) errors.timeFormat = ['must be auto, 12h or 24h'];
    const folder = changes.downloadsFolder;
    const folderProblem = folder === undefined || folder === null ? null : folderError(folder);
    if (folderProblem) errors.downloadsFolder = [folderProblem];
    if (Object.keys(errors).length > 0) throw validationError(errors);

    db.transaction(() => {
      if (lead !== undefined) {
        if (lead === null) settings.remove('default_reminder');
        else settings.set('default_reminder', JSON.stringify(lead));
      }
      if (template !== undefined) {
        if (template === null || template.trim() === '') settings.remove('meeting_url_template');
        else settings.set('meeting_url_template', template.trim());
      }
      if (changes.view !== undefined) settings.set('view', changes.view);
      if (zone) settings.set('display_zone', zone);
      if (theme) settings.set('theme', theme);
      if (hours) settings.set('working_hours', JSON.stringify(hours));
      if (weekStart === 'auto') settings.remove('week_start');
      else if (weekStart !== undefined && weekStart !== null) {
        settings.set('week_start', String(weekStart));
      }
      if (timeFormat === 'auto') settings.remove('time_format');
      else if (timeFormat) settings.set('time_format', timeFormat);
      if (changes.autoDownloadRecordings !== undefined)
        settings.set('auto_download_recordings', String(changes.autoDownloadRecordings));
      if (folder === null) settings.remove('downloads_folder');
      else if (folder !== undefined) settings.set('downloads_folder', path.resolve(folder));
    });
    return get();
  }

  return { get, update, defaultReminder };
}

/** Why `folder` cannot take downloads, or null: absolute, existing, a directory. */
function folderError(folder: string): string | null {
  if (!path.isAbsolute(folder)) return 'must be an absolute path';
  try {
    return statSync(folder).isDirectory() ? null : 'is not a folder';
  } catch {
    return 'does not exist';
  }
}

const DEFAULT_WORKING_HOURS: WorkingHours = { start: 9, end: 17 };

/** Whole hours 0–24 with the start before the end, or a throw. */
function validateWorkingHours(value: unknown): WorkingHours {
  const v = value as Partial<WorkingHours> | null;
  const hour = (h: unknown): h is number =>
    Number.isInteger(h) && (h as number) >= 0 && (h as number) <= 24;
  if (!hour(v?.start) || !hour(v.end) || v.start >= v.end) throw new Error('hours');
  return { start: v.start, end: v.end };
}

/** The week start `raw` (stored text: `0`, `1`, `6`, `auto`) names, or null (unknown or unset). */
function weekStartOf(raw: string | undefined): WeekStartSetting | null {
  return WEEK_START_SETTINGS.find((w) => String(w) === raw) ?? null;
}

/** The clock `raw` names, or null (unset, or written by a newer build). */
function timeFormatOf(raw: unknown): TimeFormatSetting | null {
  return TIME_FORMAT_SETTINGS.find((t) => t === raw) ?? null;
}

/** The theme named by `value`, or null (unset, or written by a newer build). */
function isTheme(value: unknown): ThemeSetting | null {
  return THEME_SETTINGS.find((t) => t === value) ?? null;
}

/** A lead the API accepts (spec: minutes 0–55, hours 1–24, days 1–30, weeks 1–4), or a throw. */
function validateNotifyBefore(value: unknown): NotifyBefore {
  const v = value as Partial<NotifyBefore> | null;
  const range = v?.metric !== undefined ? NOTIFY_BEFORE_RANGES[v.metric] : undefined;
  if (!range || typeof v?.value !== 'number' || !Number.isInteger(v.value)) throw new Error('lead');
  if (v.value < range.min || v.value > range.max) throw new Error('lead');
  return { metric: v.metric as NotifyBefore['metric'], value: v.value };
}

/** A join link template the window may open: https, and exactly one `%s` for the meeting id. */
export function isJoinTemplate(template: string): boolean {
  const t = template.trim();
  if (t === '') return true; // clearing it
  if ((t.match(/%s/g) ?? []).length !== 1) return false;
  try {
    return new URL(t.replace('%s', 'id')).protocol === 'https:';
  } catch {
    return false;
  }
}

export type AppSettings = ReturnType<typeof createAppSettings>;

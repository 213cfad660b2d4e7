import type { HandlerArgs, SettingsDto } from '../../shared/contract';
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

  function get(): SettingsDto {
    const view = settings.get('view');
    const zone = settings.get('display_zone');
    return {
      defaultReminder: defaultReminder(),
      meetingUrlTemplate: settings.get('meeting_url_template') ?? null,
      view: view !== undefined && isCalendarView(view) ? view : null,
      displayZone: zone !== undefined ? canonicalTimeZone(zone) : null,
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
    });
    return get();
  }

  return { get, update, defaultReminder };
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

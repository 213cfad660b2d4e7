import type { ConflictValues, MeetingField } from '../../src-main/shared/contract';
import { attendeeLabel } from './attendees';
import { describeNotifyBefore } from './notify-options';
import { formatDateTime } from './zoned-time';

/** The editor's names for the fields, so the conflict view reads like the form beside it. */
export const FIELD_LABELS: Readonly<Record<MeetingField, string>> = {
  name: 'Name',
  start: 'Starts',
  end: 'Ends',
  attendees: 'Attendees',
  record: 'Record',
  public: 'Public',
  scheduled: 'Scheduled',
  notify: 'Notify',
  notifyBefore: 'Reminder',
  timeZone: 'Time zone',
};

export type FormatContext = {
  /** The calendar's display zone: times read as they do on the calendar behind the dialog. */
  zone: string;
  /** The window's own user, shown as "You". */
  selfId: number | undefined;
};

const yesNo = (value: boolean | null) => (value ? 'Yes' : 'No');

/** One field of one side of a conflict, for people; `—` where that side has no value (no base). */
export function formatConflictValue(
  field: MeetingField,
  values: ConflictValues | null,
  { zone, selfId }: FormatContext,
): string {
  if (!values) return '—';
  switch (field) {
    case 'name':
      return values.name.trim() === '' ? '(no name)' : values.name;
    case 'start':
      return formatDateTime(values.start, zone);
    case 'end':
      return formatDateTime(values.end, zone);
    case 'attendees':
      return values.attendees.length === 0
        ? 'Nobody'
        : values.attendees.map((a) => attendeeLabel(a, selfId)).join(', ');
    case 'record':
      return yesNo(values.record);
    case 'public':
      return yesNo(values.public);
    case 'scheduled':
      return yesNo(values.scheduled);
    case 'notify':
      return yesNo(values.notify);
    case 'notifyBefore':
      // None of its own: the app reminds at the default from Settings.
      return values.notifyBefore ? describeNotifyBefore(values.notifyBefore) : 'Default reminder';
    case 'timeZone':
      return values.timeZone ?? 'None';
  }
}

/**
 * The Meetings API's wire objects (shared/spec/meetings-api.md), as the server sends them and the
 * desktop app receives them. snake_case because that is the wire format.
 */
export type NotifyMetric = 'minutes' | 'hours' | 'days' | 'weeks';

export type NotifyBefore = { metric: NotifyMetric; value: number };

export type MeetingTimezone = { offset: number; name: string };

export type Attendee = { id?: number; email?: string };

export type Meeting = {
  _id: string;
  name: string;
  start_date: number;
  end_date: number;
  attendees: Attendee[];
  record: boolean | null;
  chat_dialog_id: string | null;
  host_id: number;
  public: boolean;
  scheduled: boolean;
  notify: boolean;
  notify_before: NotifyBefore | null;
  timezone: MeetingTimezone | null;
  created_at: string;
  updated_at: string;
};

export type Recording = {
  _id: string;
  room_id: string;
  participants_ids: number[];
  participants_count: number;
  duration: number;
  size: number;
  download_url: string;
  file_uid: string;
  created_at: string;
  updated_at: string;
};

export type User = {
  id: number;
  login: string | null;
  email: string | null;
  full_name: string | null;
  phone: string | null;
  website: string | null;
  created_at: string;
  updated_at: string;
  last_request_at: string | null;
  external_user_id: number | null;
  custom_data: string | null;
  user_tags: string | null;
  timezone: string | null;
  is_guest: boolean;
};

export type Session = {
  id: number;
  user_id: number | null;
  application_id: number;
  token: string;
  ts: number;
  created_at: string;
  updated_at: string;
  user?: User;
};

export const MEETING_DIALOG_TYPE = 5;

export type Dialog = {
  _id: string;
  type: number;
  name: string;
  user_id: number;
  occupants_ids: number[];
  created_at: string;
  updated_at: string;
};

export type Paged<T> = { total_entries: number; limit: number; skip: number; items: T[] };

/** Allowed `notify_before.value` ranges per metric (spec section 1). */
export const NOTIFY_BEFORE_RANGES: Readonly<Record<NotifyMetric, { min: number; max: number }>> = {
  minutes: { min: 0, max: 55 },
  hours: { min: 1, max: 24 },
  days: { min: 1, max: 30 },
  weeks: { min: 1, max: 4 },
};

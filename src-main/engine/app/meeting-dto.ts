import type { MeetingDraft, MeetingDto, MeetingId } from '../../shared/contract';
import type { StoredMeeting } from '../meetings/meetings-repo';
import type { SyncInfo } from '../sync/meeting-sync-repo';

/** API meeting (snake_case) → the window's DTO; the one place the two shapes meet. */
export function toMeetingDto(
  m: StoredMeeting,
  localId: number,
  viewerId: number,
  joinUrl: string | null,
  hostName: string | null,
  sync: SyncInfo,
): MeetingDto {
  return {
    id: localId as MeetingId,
    serverId: m._id,
    name: m.name,
    start: m.start_date,
    end: m.end_date,
    attendees: m.attendees,
    chatDialogId: m.chat_dialog_id,
    chat: m.chat_dialog_id !== null || sync.chat,
    record: m.record,
    public: m.public,
    scheduled: m.scheduled,
    notify: m.notify,
    notifyBefore: m.notify_before,
    timeZone: m.timezone,
    hostId: m.host_id,
    hostName,
    readOnly: m.host_id !== viewerId,
    joinUrl,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
    sync: sync.state,
    pendingOperation: sync.pendingOperation,
    syncMessage: sync.message,
    draft: sync.draft,
  };
}

const FIELD_TO_API = {
  name: 'name',
  start: 'start_date',
  end: 'end_date',
  attendees: 'attendees',
  chat: 'chat',
  record: 'record',
  public: 'public',
  scheduled: 'scheduled',
  notify: 'notify',
  notifyBefore: 'notify_before',
  timeZone: 'timezone',
} as const satisfies Record<keyof MeetingDraft, string>;

const API_TO_FIELD: Record<string, string> = Object.fromEntries(
  Object.entries(FIELD_TO_API).map(([field, api]) => [api, field]),
);

/** A (partial) draft → the API's create/update body. Only given keys are carried over. */
export function draftToApi(draft: Partial<MeetingDraft>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [field, api] of Object.entries(FIELD_TO_API)) {
    const value = draft[field as keyof MeetingDraft];
    if (value === undefined) continue;
    body[api] = field === 'timeZone' ? (value === null ? null : { name: value }) : value;
  }
  return body;
}

/** The engine's field errors (API names) → the editor's field names. */
export function fieldsFromApi(fields: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, messages]) => [API_TO_FIELD[key] ?? key, messages]),
  );
}

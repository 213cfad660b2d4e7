import {
  HANDLER_NAMES,
  type AccountDto,
  type AppEvents,
  type AppError,
  type ConveneApi,
  type DownloadDto,
  type DownloadId,
  type EventName,
  type HandlerArgs,
  type HandlerName,
  type HandlerResults,
  type Handlers,
  type MeetingDto,
  type SettingsDto,
  type MeetingId,
  type RecordingDto,
  type ReminderDto,
  type Result,
  type SyncStatusDto,
} from '../../src-main/shared/contract';

// A stand-in for the engine behind `ConveneApi`, for store tests of what the engine does not have
// yet (or where its answers must be chosen: a refusal, a slow reply). It records every call.

export type Call = { [K in HandlerName]: { name: K; arg: HandlerArgs[K] } }[HandlerName];

type Reply<K extends HandlerName> = (
  arg: HandlerArgs[K],
) => Result<HandlerResults[K]> | Promise<Result<HandlerResults[K]>>;

export type FakeApi = {
  api: ConveneApi;
  calls: Call[];
  /** Answers `name` with `reply` from now on. */
  handle<K extends HandlerName>(name: K, reply: Reply<K>): void;
  /** Pushes an event to every listener, as the engine would. */
  emit<E extends EventName>(event: E, payload: AppEvents[E]): void;
  /** The arguments `name` was called with, in order. */
  argsOf<K extends HandlerName>(name: K): HandlerArgs[K][];
};

export function createFakeApi(): FakeApi {
  const replies = new Map<HandlerName, (arg: unknown) => unknown>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: Call[] = [];

  const handlers = Object.fromEntries(
    HANDLER_NAMES.map((name) => [
      name,
      (arg: unknown) => {
        calls.push({ name, arg } as Call);
        const reply = replies.get(name);
        // Always a promise, like the real transports, even for a reply given synchronously.
        return Promise.resolve(reply ? reply(arg) : fail('internal', `${name} is not faked here`));
      },
    ]),
  ) as Handlers;

  const api: ConveneApi = {
    ...handlers,
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const stored = listener as (payload: unknown) => void;
      set.add(stored);
      return () => set.delete(stored);
    },
  };

  return {
    api,
    calls,
    handle(name, reply) {
      replies.set(name, reply as (arg: unknown) => unknown);
    },
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
    },
    argsOf<K extends HandlerName>(name: K) {
      return calls.filter((c) => c.name === name).map((c) => c.arg as HandlerArgs[K]);
    },
  };
}

/** A meeting id from a number literal, for fixtures and expected arguments. */
export const mid = (n: number) => n as MeetingId;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  code: AppError['code'],
  message: string,
  fields?: Record<string, string[]>,
): Result<never> => ({ ok: false, error: fields ? { code, message, fields } : { code, message } });

/** A promise settled from outside: for a reply that must arrive after something else happened. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export function meeting(overrides: Omit<Partial<MeetingDto>, 'id'> & { id: number }): MeetingDto {
  const { id, ...rest } = overrides;
  return {
    id: id as MeetingId,
    serverId: null,
    name: `Meeting ${id}`,
    start: Date.UTC(2026, 10, 23, 9) / 1000,
    end: Date.UTC(2026, 10, 23, 10) / 1000,
    attendees: [],
    chatDialogId: null,
    chat: false,
    record: null,
    public: false,
    scheduled: true,
    notify: false,
    notifyBefore: null,
    timeZone: { name: 'Europe/Berlin', offset: 60 },
    hostId: 1,
    hostName: null,
    readOnly: false,
    joinUrl: null,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    sync: 'synced',
    pendingOperation: null,
    syncMessage: null,
    draft: false,
    ...rest,
  };
}

/** The settings an engine starts with, and any changes a test wants. */
export function settingsDto(overrides: Partial<SettingsDto> = {}): SettingsDto {
  return {
    defaultReminder: null,
    meetingUrlTemplate: null,
    view: null,
    displayZone: null,
    theme: 'system',
    workingHours: { start: 9, end: 17 },
    weekStart: 'auto',
    timeFormat: 'auto',
    autoDownloadRecordings: false,
    downloadsFolder: null,
    ...overrides,
  };
}

export function syncStatus(overrides: Partial<SyncStatusDto> = {}): SyncStatusDto {
  return {
    state: 'idle',
    pending: 0,
    conflicts: 0,
    errors: 0,
    lastSyncedAt: null,
    message: null,
    nextAttemptAt: null,
    ...overrides,
  };
}

export const ACCOUNT: AccountDto = {
  serverUrl: 'https://api.example.com',
  appId: 7,
  login: 'alice',
  userId: 4242,
  connectedAt: '2026-11-20T08:00:00Z',
};

/** A reminder showing for a meeting at 10:00 UTC on Monday 2026-11-23, half an hour long. */
export function reminder(
  overrides: Omit<Partial<ReminderDto>, 'meetingId'> & { meetingId?: number } = {},
) {
  const { meetingId = 1, ...rest } = overrides;
  const start = Date.UTC(2026, 10, 23, 10) / 1000;
  return {
    meetingId: mid(meetingId),
    name: 'Planning',
    start,
    end: start + 1800,
    dueAt: start - 300,
    joinUrl: null,
    catchUp: false,
    missed: false,
    fresh: false,
    ...rest,
  } satisfies ReminderDto;
}

/** A download of recording `rec-1` of meeting 1, 4 MB, a quarter through. */
export function downloadDto(
  overrides: Omit<Partial<DownloadDto>, 'id' | 'meetingId'> & {
    id?: number;
    meetingId?: number;
  } = {},
): DownloadDto {
  const { id = 1, meetingId = 1, ...rest } = overrides;
  return {
    id: id as DownloadId,
    meetingId: mid(meetingId),
    recordingId: 'rec-1',
    fileName: 'Weekly sync.mp4',
    state: 'running',
    bytesDone: 1024 * 1024,
    bytesTotal: 4 * 1024 * 1024,
    error: null,
    path: null,
    retryAt: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:01.000Z',
    ...rest,
  };
}

/** Recording `rec-1` of meeting 1: 30 minutes, 4 MB, two participants, no download yet. */
export function recordingDto(
  overrides: Omit<Partial<RecordingDto>, 'meetingId'> & { meetingId?: number } = {},
): RecordingDto {
  const { meetingId = 1, ...rest } = overrides;
  return {
    id: 'rec-1',
    fileUid: null,
    meetingId: mid(meetingId),
    createdAt: '2026-11-23T10:30:00.000Z',
    duration: 1800,
    size: 4 * 1024 * 1024,
    participants: [
      { id: 1, name: 'Ann' },
      { id: 2, name: null },
    ],
    expiresAt: null,
    download: null,
    ...rest,
  };
}

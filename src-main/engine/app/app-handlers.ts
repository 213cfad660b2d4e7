import type { HandlerName, Handlers, MeetingDto, MeetingId } from '../../shared/contract';
import type { Engine } from '../engine';
import { EngineError, forbidden, notFound } from '../errors';
import type { MeetingRow, StoredMeeting } from '../meetings/meetings-repo';
import type { ClientSync } from '../sync/client-sync';
import { LOCAL } from '../sync/meeting-sync-repo';
import type { UserRow } from '../users/users-repo';
import { createEventBus, type EventBus } from './event-bus';
import { draftToApi, toMeetingDto } from './meeting-dto';
import { runHandler, type Parsed } from './run-handler';
import { createDownloadsHandlers } from './downloads-handlers';
import { createSettingsHandlers } from './settings-handlers';

/** How long a deleted meeting can be brought back with undo (the toast's lifetime, with slack). */
const UNDO_WINDOW_MS = 10 * 60 * 1000;
/** Past this many meetings changed by one sync pass, the window reloads what it shows instead. */
const MAX_CHANGE_EVENTS = 50;

export type AppHandlers = { handlers: Handlers; events: EventBus };

const NOT_FOUND = 'Meeting not found';

/**
 * The contract's handlers over one client-role engine, acting as the window's user (the local
 * profile, which becomes the remote user once an account is connected). Meetings are addressed by
 * their permanent local id; the sync worker's changes and status are pushed as events.
 */
export function createAppHandlers(engine: Engine, profile: UserRow): AppHandlers {
  if (!engine.sync || !engine.reminders || !engine.downloads)
    throw new Error('The window needs an engine in the client role');
  const sync: ClientSync = engine.sync;
  const events = createEventBus();
  const deleted = new Map<
    number,
    { meeting: StoredMeeting; wishes: { draft: boolean; chat: boolean }; at: number }
  >();
  const { repo } = engine.meetings;
  const profileId = () => sync.profileId() || profile.id;
  const user = () => engine.users.repo.byId(profileId()) ?? profile;

  function dtos(items: readonly { id: number; meeting: StoredMeeting }[]): MeetingDto[] {
    const hosts = engine.users.repo.displayNamesByIds([
      ...new Set(items.map((i) => i.meeting.host_id)),
    ]);
    const infos = sync.rows.infoFor(items.map((i) => i.id));
    const viewer = profileId();
    return items.map(({ id, meeting: m }) =>
      toMeetingDto(
        m,
        id,
        viewer,
        m._id === null ? null : engine.joinLink(m._id),
        hosts.get(m.host_id) ?? null,
        infos.get(id) ?? LOCAL,
      ),
    );
  }

  const dto = (id: number, meeting: StoredMeeting): MeetingDto =>
    dtos([{ id, meeting }])[0] as MeetingDto;

  /** The meeting as the window sees it: not one deleted here and waiting to be confirmed. */
  function visibleRow(id: number): MeetingRow {
    const row = repo.byLocalId(id);
    if (!row || sync.rows.get(id)?.deleted === 1) throw notFound(NOT_FOUND);
    return row;
  }

  const loaded = (id: number) => dto(id, engine.meetings.mustLoad(id));
  const run = <K extends HandlerName, T>(
    name: K,
    arg: unknown,
    body: (parsed: Parsed<K>) => T | Promise<T>,
  ) => runHandler(engine.logger, name, arg, body);

  sync.onStatus((status) => events.emit('sync:changed', status));
  sync.onChanged((ids) => {
    if (ids.length > MAX_CHANGE_EVENTS) {
      events.emit('app:resync', { reason: 'synced' });
      return;
    }
    for (const id of ids) {
      const meeting = repo.one(id);
      if (!meeting || sync.rows.get(id)?.deleted === 1) {
        events.emit('meetings:changed', { kind: 'deleted', id: id as MeetingId });
      } else {
        events.emit('meetings:changed', { kind: 'updated', meeting: dto(id, meeting) });
      }
    }
  });
  sync.worker.start();

  const handlers: Handlers = {
    ...createSettingsHandlers(engine, engine.reminders, events),
    ...createDownloadsHandlers(engine, engine.downloads, events),
    'profile:get': (arg) =>
      run('profile:get', arg, () => ({
        userId: profileId(),
        displayName: user().full_name ?? user().login ?? 'Me',
      })),

    'meetings:list': (arg) =>
      run('meetings:list', arg, ({ from, to }) => dtos(repo.localWindow(from, to))),

    'meetings:get': (arg) => run('meetings:get', arg, ({ id }) => (visibleRow(id), loaded(id))),

    'meetings:create': (arg) =>
      run('meetings:create', arg, ({ draft, asDraft }) => {
        const created = engine.meetings.createLocal(user(), draftToApi(draft), asDraft ?? false);
        const meeting = dto(created.id, created.meeting);
        events.emit('meetings:changed', { kind: 'created', meeting });
        return meeting;
      }),

    'meetings:update': (arg) =>
      run('meetings:update', arg, ({ id, changes }) => {
        engine.meetings.updateLocal(user(), visibleRow(id), draftToApi(changes));
        const meeting = loaded(id);
        events.emit('meetings:changed', { kind: 'updated', meeting });
        return meeting;
      }),

    'meetings:delete': (arg) =>
      run('meetings:delete', arg, ({ id }) => {
        const row = visibleRow(id);
        const before = dto(id, engine.meetings.mustLoad(id));
        const snapshot = engine.meetings.removeLocal(user(), row);
        const now = engine.clock.now();
        for (const [key, entry] of deleted)
          if (now - entry.at > UNDO_WINDOW_MS) deleted.delete(key);
        deleted.set(id, {
          meeting: snapshot,
          wishes: { draft: before.draft, chat: before.chat },
          at: now,
        });
        events.emit('meetings:changed', { kind: 'deleted', id });
        return before;
      }),

    'meetings:restore': (arg) =>
      run('meetings:restore', arg, ({ id }) => {
        const entry = deleted.get(id);
        if (!entry || engine.clock.now() - entry.at > UNDO_WINDOW_MS) {
          throw new EngineError('not_found', 'This meeting can no longer be restored');
        }
        if (entry.meeting.host_id !== profileId())
          throw forbidden('Only the host may restore this meeting');
        sync.local.restore(entry.meeting, id, entry.wishes);
        deleted.delete(id);
        const meeting = loaded(id);
        events.emit('meetings:changed', { kind: 'restored', meeting });
        return meeting;
      }),

    'meetings:send': (arg) =>
      run('meetings:send', arg, ({ id }) => {
        const row = visibleRow(id);
        if (row.host_id !== profileId()) throw forbidden('Only the host may send this meeting');
        if (sync.rows.get(id)?.draft !== 1)
          throw new EngineError('bad_request', 'This meeting is not a draft');
        sync.local.send(id);
        const meeting = loaded(id);
        events.emit('meetings:changed', { kind: 'updated', meeting });
        return meeting;
      }),

    'meetings:conflict': (arg) =>
      run('meetings:conflict', arg, ({ id }) => (visibleRow(id), sync.conflicts.describe(id))),

    'meetings:resolve': (arg) =>
      run('meetings:resolve', arg, ({ id, keep, fields }) => {
        const row = visibleRow(id);
        if (row.host_id !== profileId()) throw forbidden('Only the host may change this meeting');
        if (!sync.conflicts.resolve(id, keep, fields ?? {})) {
          events.emit('meetings:changed', { kind: 'deleted', id });
          return null;
        }
        const meeting = loaded(id);
        events.emit('meetings:changed', { kind: 'updated', meeting });
        return meeting;
      }),

    'account:connect': (arg) =>
      run('account:connect', arg, async (input) => {
        const account = await sync.account.connect(input);
        // Meetings queued by connecting now show as pending, under the remote user's id.
        events.emit('app:resync', { reason: 'synced' });
        return account;
      }),

    'account:get': (arg) => run('account:get', arg, () => sync.account.get()),

    'account:disconnect': (arg) =>
      run('account:disconnect', arg, async ({ keepLocalCopies }) => {
        if (!sync.account.get()) throw new EngineError('bad_request', 'No account is connected');
        const result = await sync.account.disconnect(keepLocalCopies);
        events.emit('app:resync', { reason: 'synced' });
        return result;
      }),

    'sync:now': (arg) => run('sync:now', arg, () => sync.worker.syncNow()),

    'sync:status': (arg) => run('sync:status', arg, () => sync.worker.status()),
  };

  return { handlers, events };
}

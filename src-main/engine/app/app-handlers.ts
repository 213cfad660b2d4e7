import type { z } from 'zod';
import {
  handlerArgSchemas,
  type AppError,
  type HandlerName,
  type Handlers,
  type MeetingDto,
  type Result,
} from '../../shared/contract';
import type { Meeting } from '../../shared/meetings-api-types';
import type { Engine } from '../engine';
import { EngineError, type EngineErrorCode } from '../errors';
import type { UserRow } from '../users/users-repo';
import { toFieldErrors } from '../validation/parse';
import { createEventBus, type EventBus } from './event-bus';
import { draftToApi, fieldsFromApi, toMeetingDto } from './meeting-dto';

const ERROR_CODES: Readonly<Record<EngineErrorCode, AppError['code']>> = {
  validation: 'validation',
  bad_request: 'bad_request',
  session_required: 'forbidden',
  unauthorized: 'forbidden',
  forbidden: 'forbidden',
  not_found: 'not_found',
};

/** How long a deleted meeting can be brought back with undo (the toast's lifetime, with slack). */
const UNDO_WINDOW_MS = 10 * 60 * 1000;

export type AppHandlers = { handlers: Handlers; events: EventBus };

/**
 * The contract's handlers over one engine, acting as the window's user. Every argument is parsed
 * with its schema first; every outcome is a value, never a throw, so IPC and HTTP carry it as is.
 */
export function createAppHandlers(engine: Engine, profile: UserRow): AppHandlers {
  const events = createEventBus();
  const deleted = new Map<number, { meeting: Meeting; at: number }>();
  const user = () => engine.users.repo.byId(profile.id) ?? profile;

  function dto(m: Meeting, localId?: number, hostNames?: ReadonlyMap<number, string>): MeetingDto {
    const id = localId ?? engine.meetings.localIds([m._id]).get(m._id);
    if (id === undefined) throw new Error(`meeting ${m._id} has no local row`);
    const names = hostNames ?? engine.users.repo.displayNamesByIds([m.host_id]);
    return toMeetingDto(m, id, profile.id, engine.joinLink(m._id), names.get(m.host_id) ?? null);
  }

  function run<K extends HandlerName, T>(
    name: K,
    arg: unknown,
    body: (parsed: z.output<(typeof handlerArgSchemas)[K]>) => T,
  ): Promise<Result<T>> {
    const parsed = handlerArgSchemas[name].safeParse(arg);
    if (!parsed.success) {
      const fields = toFieldErrors(parsed.error);
      return Promise.resolve({
        ok: false,
        error: { code: 'bad_request', message: `Invalid argument for ${name}`, fields },
      });
    }
    try {
      return Promise.resolve({
        ok: true,
        value: body(parsed.data as z.output<(typeof handlerArgSchemas)[K]>),
      });
    } catch (error) {
      if (error instanceof EngineError) {
        return Promise.resolve({
          ok: false,
          error: {
            code: ERROR_CODES[error.code],
            message: error.message,
            ...(error.fields ? { fields: fieldsFromApi(error.fields) } : {}),
          },
        });
      }
      engine.logger.error(`${name} failed`, {
        error: error instanceof Error ? error.stack : String(error),
      });
      return Promise.resolve({
        ok: false,
        error: { code: 'internal', message: 'Something went wrong; nothing was changed.' },
      });
    }
  }

  const handlers: Handlers = {
    'profile:get': (arg) =>
      run('profile:get', arg, () => ({
        userId: profile.id,
        displayName: user().full_name ?? 'Me',
      })),

    'meetings:list': (arg) =>
      run('meetings:list', arg, ({ from, to }) => {
        const meetings = engine.meetings.listWindow(user(), from, to);
        const ids = engine.meetings.localIds(meetings.map((m) => m._id));
        const hosts = engine.users.repo.displayNamesByIds([
          ...new Set(meetings.map((m) => m.host_id)),
        ]);
        return meetings.map((m) => dto(m, ids.get(m._id), hosts));
      }),

    'meetings:get': (arg) =>
      run('meetings:get', arg, ({ id }) => {
        const u = user();
        return dto(engine.meetings.get(u, engine.meetings.objectIdOf(id)), id);
      }),

    'meetings:create': (arg) =>
      run('meetings:create', arg, ({ draft }) => {
        const meeting = dto(engine.meetings.create(user(), draftToApi(draft)));
        events.emit('meetings:changed', { kind: 'created', meeting });
        return meeting;
      }),

    'meetings:update': (arg) =>
      run('meetings:update', arg, ({ id, changes }) => {
        const u = user();
        const meeting = dto(
          engine.meetings.update(u, engine.meetings.objectIdOf(id), draftToApi(changes)),
          id,
        );
        events.emit('meetings:changed', { kind: 'updated', meeting });
        return meeting;
      }),

    'meetings:delete': (arg) =>
      run('meetings:delete', arg, ({ id }) => {
        const u = user();
        const objectId = engine.meetings.objectIdOf(id);
        const before = engine.meetings.get(u, objectId);
        engine.meetings.remove(u, objectId);
        const now = engine.clock.now();
        for (const [key, entry] of deleted)
          if (now - entry.at > UNDO_WINDOW_MS) deleted.delete(key);
        deleted.set(id, { meeting: before, at: now });
        events.emit('meetings:changed', { kind: 'deleted', id });
        return dto(before, id);
      }),

    'meetings:restore': (arg) =>
      run('meetings:restore', arg, ({ id }) => {
        const entry = deleted.get(id);
        if (!entry || engine.clock.now() - entry.at > UNDO_WINDOW_MS) {
          throw new EngineError('not_found', 'This meeting can no longer be restored');
        }
        const meeting = dto(engine.meetings.restore(user(), entry.meeting, id), id);
        deleted.delete(id);
        events.emit('meetings:changed', { kind: 'restored', meeting });
        return meeting;
      }),
  };

  return { handlers, events };
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine';
import { EngineError } from '../../src-main/engine/errors';
import type { UserRow } from '../../src-main/engine/users/users-repo';
import { makeUser, openTestEngine, type TestEngine } from '../helpers/test-engine';

const START = Date.UTC(2027, 0, 10, 9) / 1000;
const base = {
  name: 'Planning',
  start_date: START,
  end_date: START + 3600,
  attendees: [] as unknown[],
};

function engineError(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected an EngineError');
}

let t: TestEngine;
let engine: Engine;
let alice: UserRow;
let bob: UserRow;
let carol: UserRow;

beforeEach(async () => {
  t = openTestEngine();
  engine = t.engine;
  alice = await makeUser(engine, 'alice', 'alice@example.com');
  bob = await makeUser(engine, 'bob', 'bob@example.com');
  carol = await makeUser(engine, 'carol');
});
afterEach(() => t.close());

describe('create', () => {
  it('stores every field and echoes attendees as given', () => {
    const m = engine.meetings.create(alice, {
      ...base,
      attendees: [
        { id: bob.id },
        { email: 'Guest@Example.com' },
        { id: carol.id, email: 'c@example.com' },
      ],
      record: true,
      public: true,
      scheduled: true,
      notify: false,
      notify_before: { metric: 'hours', value: 2 },
      timezone: { name: 'Europe/Berlin', offset: 999 },
    });
    expect(m).toMatchObject({
      name: 'Planning',
      host_id: alice.id,
      attendees: [
        { id: bob.id },
        { email: 'Guest@Example.com' },
        { id: carol.id, email: 'c@example.com' },
      ],
      record: true,
      public: true,
      scheduled: true,
      notify_before: { metric: 'hours', value: 2 },
      timezone: { name: 'Europe/Berlin', offset: 60 }, // corrected: Berlin is UTC+1 in January
      chat_dialog_id: null,
      created_at: '2026-11-23T09:00:00.000Z',
    });
    expect(m._id).toMatch(/^[0-9a-f]{24}$/);
    expect(engine.meetings.get(alice, m._id)).toEqual(m);
  });

  it('defaults optional fields the way the API does', () => {
    const m = engine.meetings.create(alice, base);
    expect(m).toMatchObject({
      record: null,
      public: false,
      scheduled: false,
      notify: false,
      notify_before: null,
      timezone: null,
      attendees: [],
    });
  });

  it('names every bad field in one validation error and writes nothing', () => {
    const error = engineError(() =>
      engine.meetings.create(alice, {
        name: ' ',
        start_date: START,
        end_date: START - 1,
        notify_before: { metric: 'minutes', value: 56 },
        timezone: { name: 'Nowhere/Special' },
      }),
    );
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      'attendees',
      'end_date',
      'name',
      'notify_before',
      'timezone',
    ]);
    expect(engine.meetings.list(alice, {})).toEqual([]);
  });

  it('fills in the offset from a zone name alone, correct for DST at the meeting date', () => {
    const summer = Date.UTC(2027, 6, 1, 12) / 1000;
    const m = engine.meetings.create(alice, {
      ...base,
      start_date: summer,
      end_date: summer + 60,
      timezone: { name: 'America/New_York' },
    });
    expect(m.timezone).toEqual({ name: 'America/New_York', offset: -240 });
    const winter = engine.meetings.update(alice, m._id, {
      start_date: START,
      end_date: START + 60,
    });
    expect(winter.timezone).toEqual({ name: 'America/New_York', offset: -300 });
  });

  it('creates a type-5 chat dialog for host and attendees with ids when chat is true', () => {
    const m = engine.meetings.create(alice, {
      ...base,
      chat: true,
      attendees: [{ id: bob.id }, { email: 'x@example.com' }],
    });
    expect(m.chat_dialog_id).toMatch(/^[0-9a-f]{24}$/);
    const dialogs = engine.dialogs.list(bob.id, {});
    expect(dialogs.items).toEqual([
      expect.objectContaining({
        _id: m.chat_dialog_id,
        type: 5,
        name: 'Planning',
        user_id: alice.id,
        occupants_ids: [alice.id, bob.id],
      }),
    ]);
  });
});

describe('permissions', () => {
  it('lets host, attendee by id, attendee by account e-mail and (for public) anyone read by _id', () => {
    const byId = engine.meetings.create(alice, { ...base, attendees: [{ id: bob.id }] });
    const byEmail = engine.meetings.create(alice, {
      ...base,
      attendees: [{ email: 'BOB@example.com' }],
    });
    const open = engine.meetings.create(alice, { ...base, public: true });
    expect(engine.meetings.get(bob, byId._id)._id).toBe(byId._id);
    expect(engine.meetings.get(bob, byEmail._id)._id).toBe(byEmail._id);
    expect(engine.meetings.get(carol, open._id)._id).toBe(open._id);
    expect(engineError(() => engine.meetings.get(carol, byId._id)).code).toBe('not_found');
  });

  it('lets only the host change or delete: 403 for those who can see it, 404 for the rest', () => {
    const m = engine.meetings.create(alice, { ...base, attendees: [{ id: bob.id }] });
    expect(engineError(() => engine.meetings.update(bob, m._id, { name: 'x' })).code).toBe(
      'forbidden',
    );
    expect(engineError(() => engine.meetings.update(carol, m._id, { name: 'x' })).code).toBe(
      'not_found',
    );
    expect(engineError(() => engine.meetings.remove(bob, m._id)).code).toBe('forbidden');
    expect(engineError(() => engine.meetings.remove(carol, m._id)).code).toBe('not_found');
    expect(engine.meetings.get(alice, m._id).name).toBe('Planning');
  });

  it('lists only meetings the user hosts or attends, not public ones of others', () => {
    engine.meetings.create(alice, { ...base, public: true });
    const mine = engine.meetings.create(bob, base);
    const invited = engine.meetings.create(alice, {
      ...base,
      attendees: [{ email: 'bob@example.com' }],
    });
    expect(
      engine.meetings
        .list(bob, {})
        .map((m) => m._id)
        .sort(),
    ).toEqual([mine._id, invited._id].sort());
  });
});

describe('update and delete', () => {
  it('changes only the given fields, replaces attendees, and revalidates the result', () => {
    const m = engine.meetings.create(alice, {
      ...base,
      attendees: [{ id: bob.id }],
      scheduled: true,
    });
    t.clock.advance(5000);
    const u = engine.meetings.update(alice, m._id, {
      record: true,
      attendees: [{ email: 'new@example.com' }],
    });
    expect(u).toMatchObject({
      name: 'Planning',
      scheduled: true,
      record: true,
      attendees: [{ email: 'new@example.com' }],
    });
    expect(u.updated_at).toBe('2026-11-23T09:00:05.000Z');
    expect(u.created_at).toBe(m.created_at);
    const error = engineError(() =>
      engine.meetings.update(alice, m._id, { start_date: base.end_date + 10 }),
    );
    expect(error.fields).toEqual({ start_date: ['end_date must be after start_date'] });
    expect(engine.meetings.get(alice, m._id)).toEqual(u);
  });

  it('does not touch updated_at for an update that changes nothing', () => {
    const m = engine.meetings.create(alice, base);
    t.clock.advance(1000);
    expect(engine.meetings.update(alice, m._id, { name: 'Planning', chat: true })).toEqual(m);
  });

  it('keeps the chat dialog in step: renamed with the meeting, new attendees join it', () => {
    const m = engine.meetings.create(alice, { ...base, chat: true });
    engine.meetings.update(alice, m._id, { name: 'Renamed', attendees: [{ id: carol.id }] });
    expect(engine.dialogs.list(carol.id, {}).items[0]).toMatchObject({
      name: 'Renamed',
      occupants_ids: [alice.id, carol.id],
    });
  });

  it('deletes the meeting and its attendee rows', () => {
    const m = engine.meetings.create(alice, { ...base, attendees: [{ id: bob.id }] });
    engine.meetings.remove(alice, m._id);
    expect(engineError(() => engine.meetings.get(alice, m._id)).code).toBe('not_found');
    expect(engine.db.all({ text: 'SELECT * FROM meeting_attendees', values: [] })).toEqual([]);
  });
});

describe('recordings', () => {
  it('lists none for a new meeting, and stays readable by the host after the meeting is deleted', () => {
    const m = engine.meetings.create(alice, base);
    expect(engine.meetings.recordings(alice, m._id)).toEqual([]);
    engine.db.run({
      text: `INSERT INTO recordings (_id, room_id, host_id, participants_ids, duration, size, file_uid, created_at, updated_at)
             VALUES ('aaaaaaaaaaaaaaaaaaaaaaaa', ?, ?, '[1,2]', 61.5, 3.25, 'file-1', 'x', 'x')`,
      values: [m._id, alice.id],
    });
    engine.meetings.remove(alice, m._id);
    const [rec] = engine.meetings.recordings(alice, m._id);
    expect(rec).toMatchObject({
      room_id: m._id,
      participants_ids: [1, 2],
      participants_count: 2,
      duration: 61.5,
      size: 3.25,
    });
    const url = new URL(rec!.download_url);
    expect(Number(url.searchParams.get('expires'))).toBe(t.clock.now() / 1000 + 3600);
    expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(engineError(() => engine.meetings.recordings(bob, m._id)).code).toBe('not_found');
  });
});

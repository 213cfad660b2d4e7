import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppHandlers, type AppHandlers } from '../../src-main/engine/app/app-handlers';
import { ensureLocalProfile } from '../../src-main/engine/app/local-profile';
import type { MeetingChange, MeetingId } from '../../src-main/shared/contract';
import { makeUser, openTestEngine, type TestEngine } from '../helpers/test-engine';

const start = Date.UTC(2027, 2, 26, 9) / 1000; // the Friday before Europe's DST change
const draft = {
  name: 'Design review',
  start,
  end: start + 3600,
  attendees: [{ email: 'pat@example.com' }],
};

let t: TestEngine;
let app: AppHandlers;
let changes: MeetingChange[];

beforeEach(() => {
  t = openTestEngine();
  app = createAppHandlers(t.engine, ensureLocalProfile(t.engine, 'Sam'));
  changes = [];
  app.events.on('meetings:changed', (c) => changes.push(c));
});
afterEach(() => t.close());

function value<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('app handlers', () => {
  it('keeps one local profile per database', () => {
    const again = ensureLocalProfile(t.engine, 'Other');
    expect(again.full_name).toBe('Sam');
  });

  it('creates, lists by window, updates and pushes each change', async () => {
    const created = value(
      await app.handlers['meetings:create']({ draft: { ...draft, timeZone: 'Europe/Paris' } }),
    );
    expect(created).toMatchObject({
      name: 'Design review',
      readOnly: false,
      timeZone: { name: 'Europe/Paris', offset: 60 },
    });
    expect(typeof created.id).toBe('number');
    const moved = value(
      await app.handlers['meetings:update']({
        id: created.id,
        changes: { start: start + 3 * 86400, end: start + 3 * 86400 + 3600 },
      }),
    );
    expect(moved.timeZone).toEqual({ name: 'Europe/Paris', offset: 120 }); // after the DST change
    const week = value(await app.handlers['meetings:list']({ from: start, to: start + 7 * 86400 }));
    expect(week.map((m) => m.id)).toEqual([created.id]);
    expect(value(await app.handlers['meetings:list']({ from: start - 86400, to: start }))).toEqual(
      [],
    );
    expect(changes.map((c) => c.kind)).toEqual(['created', 'updated']);
  });

  it('returns engine field errors under the editor field names, as values', async () => {
    const r = await app.handlers['meetings:create']({
      draft: {
        ...draft,
        name: '',
        end: start - 1,
        notifyBefore: { metric: 'days', value: 99 },
        timeZone: 'Atlantis/Capital',
      },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(Object.keys(r.error.fields ?? {}).sort()).toEqual([
      'end',
      'name',
      'notifyBefore',
      'timeZone',
    ]);
    expect(changes).toEqual([]);
  });

  it('refuses malformed arguments before they reach the engine', async () => {
    const bad = await app.handlers['meetings:get']({ id: 'one' as unknown as MeetingId });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'bad_request', fields: { id: [expect.any(String)] } },
    });
    const extra = await app.handlers['meetings:list']({ from: 0, to: 10, drop: 'table' } as never);
    expect(extra.ok).toBe(false);
  });

  it('deletes with undo: restore brings the same meeting back under the same id', async () => {
    const created = value(
      await app.handlers['meetings:create']({ draft: { ...draft, chat: true } }),
    );
    value(await app.handlers['meetings:delete']({ id: created.id }));
    expect(value(await app.handlers['meetings:list']({ from: start, to: start + 86400 }))).toEqual(
      [],
    );
    const restored = value(await app.handlers['meetings:restore']({ id: created.id }));
    expect(restored).toEqual(created);
    expect((await app.handlers['meetings:restore']({ id: created.id })).ok).toBe(false);
    expect(changes.map((c) => c.kind)).toEqual(['created', 'deleted', 'restored']);
  });

  it('shows meetings hosted by others read-only and refuses to change them', async () => {
    const other = await makeUser(t.engine, 'otherhost');
    const profile = ensureLocalProfile(t.engine, 'Sam');
    const theirs = t.engine.meetings.create(other, {
      name: 'Theirs',
      start_date: start,
      end_date: start + 60,
      attendees: [{ id: profile.id }],
    });
    const [shown] = value(await app.handlers['meetings:list']({ from: start, to: start + 60 }));
    expect(shown).toMatchObject({
      serverId: theirs._id,
      readOnly: true,
      hostId: other.id,
      hostName: 'otherhost',
    });
    const r = await app.handlers['meetings:update']({
      id: shown!.id,
      changes: { name: 'Mine now' },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers not_found for a meeting the profile cannot see, by its local id', async () => {
    const other = await makeUser(t.engine, 'stranger');
    const hidden = t.engine.meetings.create(other, {
      name: 'Private',
      start_date: start,
      end_date: start + 60,
      attendees: [],
    });
    const localId = t.engine.meetings.localIds([hidden._id]).get(hidden._id) as MeetingId;
    for (const r of [
      await app.handlers['meetings:get']({ id: localId }),
      await app.handlers['meetings:update']({ id: localId, changes: { name: 'Taken' } }),
      await app.handlers['meetings:delete']({ id: localId }),
    ]) {
      expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(t.engine.meetings.get(other, hidden._id).name).toBe('Private');
  });
});

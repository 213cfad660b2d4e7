import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppHandlers } from '../../src-main/engine/app/app-handlers';
import { ensureLocalProfile } from '../../src-main/engine/app/local-profile';
import type { MeetingChange, MeetingId } from '../../src-main/shared/contract';
import type { Meeting } from '../../src-main/shared/meetings-api-types';
import { openTestClient, type TestClient } from '../helpers/test-client';

const start = Date.UTC(2027, 2, 26, 9) / 1000; // the Friday before Europe's DST change
const draft = {
  name: 'Design review',
  start,
  end: start + 3600,
  attendees: [{ email: 'pat@example.com' }],
};

let t: TestClient;
let app: AppHandlers;
let changes: MeetingChange[];

beforeEach(() => {
  t = openTestClient();
  app = t.app;
  changes = [];
  app.events.on('meetings:changed', (c) => changes.push(c));
});
afterEach(() => t.close());

/** A meeting hosted by someone else, as a sync pull would have brought it in. */
function pulled(hostId: number, attendeeId: number): Meeting {
  return {
    _id: '65f0c0ffee0000000000beef',
    name: 'Theirs',
    start_date: start,
    end_date: start + 60,
    attendees: [{ id: attendeeId }],
    record: null,
    chat_dialog_id: null,
    host_id: hostId,
    public: false,
    scheduled: false,
    notify: false,
    notify_before: null,
    timezone: null,
    created_at: '2027-03-01T10:00:00.000Z',
    updated_at: '2027-03-01T10:00:00.000Z',
  };
}

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
    // No account: nothing is queued, and no remote id is invented.
    expect(created).toMatchObject({ sync: 'local', serverId: null, draft: false });
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
    // A meeting made meanwhile does not take the deleted one's id (ids are never reused).
    const other = value(
      await app.handlers['meetings:create']({ draft: { ...draft, name: 'Other' } }),
    );
    expect(other.id).toBeGreaterThan(created.id);
    t.clock.advance(5_000);
    const restored = value(await app.handlers['meetings:restore']({ id: created.id }));
    // Restored with a new updated_at, so nothing that reads by time can miss it.
    expect(restored).toEqual({ ...created, updatedAt: new Date(t.clock.now()).toISOString() });
    expect(restored.updatedAt > created.updatedAt).toBe(true);
    expect((await app.handlers['meetings:restore']({ id: created.id })).ok).toBe(false);
    expect(changes.map((c) => c.kind)).toEqual(['created', 'deleted', 'created', 'restored']);
  });

  it('shows meetings hosted by others read-only and refuses to change them', async () => {
    const profile = ensureLocalProfile(t.engine, 'Sam');
    const theirs = pulled(4242, profile.id);
    t.engine.db.transaction(() => t.engine.sync!.store.applyRemote(theirs));
    const [shown] = value(await app.handlers['meetings:list']({ from: start, to: start + 60 }));
    expect(shown).toMatchObject({
      serverId: theirs._id,
      readOnly: true,
      hostId: 4242,
      sync: 'synced',
    });
    const r = await app.handlers['meetings:update']({
      id: shown!.id,
      changes: { name: 'Mine now' },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers not_found for an unknown local id, as a value', async () => {
    for (const r of [
      await app.handlers['meetings:get']({ id: 999 }),
      await app.handlers['meetings:update']({ id: 999, changes: { name: 'Taken' } }),
      await app.handlers['meetings:delete']({ id: 999 }),
    ]) {
      expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });
});

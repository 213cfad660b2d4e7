import { describe, expect, it } from 'vitest';
import { openTestClient } from '../helpers/test-client';
import { makeUser, openTestEngine } from '../helpers/test-engine';

const start = Date.UTC(2027, 0, 12, 9) / 1000;
const input = {
  name: 'Kick-off',
  start_date: start,
  end_date: start + 3600,
  attendees: [{ email: 'pat@example.com' }],
  chat: true,
  notify: true,
};

describe('the engine in its two roles', () => {
  it('server: assigns the _id, makes the chat dialog and queues the mail in the same transaction', async () => {
    const t = openTestEngine();
    try {
      const host = await makeUser(t.engine, 'host', 'host@example.com');
      const m = t.engine.meetings.create(host, input);
      expect(m._id).toMatch(/^[0-9a-f]{24}$/);
      expect(m.chat_dialog_id).not.toBeNull();
      expect(t.engine.outbox.pending().length).toBeGreaterThan(0);
    } finally {
      t.close();
    }
  });

  it('client: never invents an _id, makes no dialog, queues no mail; the remote does all that', async () => {
    const c = openTestClient();
    try {
      const m = await c.call('meetings:create', {
        draft: {
          name: 'Kick-off',
          start,
          end: start + 3600,
          attendees: [{ email: 'pat@example.com' }],
          chat: true,
          notify: true,
        },
      });
      expect(m).toMatchObject({ serverId: null, chatDialogId: null, sync: 'local' });
      expect(c.engine.outbox.pending()).toEqual([]);
      expect(
        c.engine.db.get<{ n: number }>({ text: 'SELECT count(*) AS n FROM dialogs', values: [] })
          ?.n,
      ).toBe(0);
      // The wish for a chat is kept, to be asked of the remote when the meeting is sent.
      expect(c.engine.sync?.rows.get(m.id)?.chat).toBe(1);
    } finally {
      await c.close();
    }
  });

  it('client: refuses the REST API calls before writing anything', async () => {
    const c = openTestClient();
    try {
      const profile = c.engine.users.repo.byId(c.engine.sync!.profileId())!;
      expect(() => c.engine.meetings.create(profile, input)).toThrow(/server role/);
      expect(
        c.engine.db.get<{ n: number }>({ text: 'SELECT count(*) AS n FROM meetings', values: [] })
          ?.n,
      ).toBe(0);
    } finally {
      await c.close();
    }
  });
});

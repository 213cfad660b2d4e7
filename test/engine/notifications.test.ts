import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recipientsFor } from '../../src-main/engine/mail/notification-rules';
import type { Engine } from '../../src-main/engine/engine';
import type { UserRow } from '../../src-main/engine/users/users-repo';
import { makeUser, openTestEngine, type TestEngine } from '../helpers/test-engine';

const people = {
  host: { id: 1, email: 'host@example.com' },
  emailsById: new Map([
    [2, 'two@example.com'],
    [3, 'three@example.com'],
  ]),
};
const meeting = (
  over: Partial<{
    notify: boolean;
    start_date: number;
    attendees: { id?: number; email?: string }[];
  }>,
) => ({
  notify: true,
  start_date: 1000,
  attendees: [{ id: 2 }, { email: 'guest@example.com' }],
  ...over,
});

describe('recipientsFor (pure rules)', () => {
  it('on create with notify mails host and every attendee with an e-mail, once each', () => {
    const r = recipientsFor(
      null,
      meeting({ attendees: [{ id: 2 }, { email: 'TWO@example.com' }, { id: 9 }] }),
      people,
    );
    expect(r).toEqual([
      { email: 'host@example.com', userId: 1, reason: 'meeting_created' },
      { email: 'two@example.com', userId: 2, reason: 'meeting_created' },
    ]);
  });

  it('mails nobody when notify is off after the change', () => {
    expect(recipientsFor(null, meeting({ notify: false }), people)).toEqual([]);
    expect(recipientsFor(meeting({}), meeting({ notify: false, start_date: 5 }), people)).toEqual(
      [],
    );
  });

  it('notify false→true: all attendees and the host', () => {
    const r = recipientsFor(meeting({ notify: false }), meeting({}), people);
    expect(r.map((x) => [x.email, x.reason])).toEqual([
      ['host@example.com', 'notify_enabled'],
      ['two@example.com', 'notify_enabled'],
      ['guest@example.com', 'notify_enabled'],
    ]);
  });

  it('start_date changed: all attendees and the host', () => {
    const r = recipientsFor(meeting({}), meeting({ start_date: 2000 }), people);
    expect(r.map((x) => x.reason)).toEqual(['start_changed', 'start_changed', 'start_changed']);
  });

  it('attendees changed: only the added ones, matching people by id or e-mail', () => {
    const before = meeting({ attendees: [{ id: 2 }, { email: 'guest@example.com' }] });
    const after = meeting({
      attendees: [
        { email: 'two@example.com' },
        { email: 'GUEST@example.com' },
        { id: 3 },
        { email: 'new@example.com' },
      ],
    });
    expect(recipientsFor(before, after, people)).toEqual([
      { email: 'three@example.com', userId: 3, reason: 'attendee_added' },
      { email: 'new@example.com', userId: null, reason: 'attendee_added' },
    ]);
  });

  it('one update sends each person at most one mail, an invitation winning for added people', () => {
    const r = recipientsFor(
      meeting({ notify: false, attendees: [{ id: 2 }] }),
      meeting({ start_date: 5000, attendees: [{ id: 2 }, { id: 3 }] }),
      people,
    );
    expect(r).toEqual([
      { email: 'three@example.com', userId: 3, reason: 'attendee_added' },
      { email: 'host@example.com', userId: 1, reason: 'start_changed' },
      { email: 'two@example.com', userId: 2, reason: 'start_changed' },
    ]);
  });

  it('an unrelated change (name) mails nobody', () => {
    expect(recipientsFor(meeting({}), meeting({}), people)).toEqual([]);
  });
});

describe('mail outbox', () => {
  let t: TestEngine;
  let engine: Engine;
  let alice: UserRow;
  let bob: UserRow;
  const start = Date.UTC(2027, 0, 4, 15) / 1000;
  beforeEach(async () => {
    t = openTestEngine({ meetingUrlTemplate: 'https://meet.example.com/conference/join/%s' });
    engine = t.engine;
    alice = await makeUser(engine, 'alice', 'alice@example.com');
    bob = await makeUser(engine, 'bob', 'bob@example.com');
  });
  afterEach(() => t.close());

  it('queues the right mails in the same transaction as the change, with the join link', () => {
    const m = engine.meetings.create(alice, {
      name: 'Review',
      start_date: start,
      end_date: start + 3600,
      attendees: [{ id: bob.id }],
      notify: true,
      timezone: { name: 'Europe/London' },
    });
    const mails = engine.outbox.all();
    expect(mails.map((x) => [x.recipient_email, x.reason])).toEqual([
      ['alice@example.com', 'meeting_created'],
      ['bob@example.com', 'meeting_created'],
    ]);
    expect(mails[1]).toMatchObject({
      meeting_id: m._id,
      recipient_user_id: bob.id,
      status: 'pending',
      subject: 'Invitation: Review',
    });
    expect(mails[1]!.body_text).toContain(
      `Join: https://meet.example.com/conference/join/${m._id}`,
    );
    expect(mails[1]!.body_text).toContain(
      'When: Monday, 4 January 2027 at 15:00 – Monday, 4 January 2027 at 16:00 (Europe/London)',
    );

    engine.meetings.update(alice, m._id, { start_date: start + 600, end_date: start + 4200 });
    expect(
      engine.outbox
        .all()
        .slice(2)
        .map((x) => [x.recipient_email, x.reason, x.subject]),
    ).toEqual([
      ['alice@example.com', 'start_changed', 'Rescheduled: Review'],
      ['bob@example.com', 'start_changed', 'Rescheduled: Review'],
    ]);
  });

  it('queues nothing when the change is rejected', () => {
    const m = engine.meetings.create(alice, {
      name: 'R',
      start_date: start,
      end_date: start + 60,
      attendees: [],
      notify: true,
    });
    const before = engine.outbox.all().length;
    expect(() =>
      engine.meetings.update(alice, m._id, { attendees: [{ id: bob.id }], end_date: start - 1 }),
    ).toThrow();
    expect(engine.outbox.all()).toHaveLength(before);
  });

  it('renders join links from the template, and none without one', () => {
    expect(engine.joinLink('abc')).toBe('https://meet.example.com/conference/join/abc');
    const plain = openTestEngine();
    expect(plain.engine.joinLink('abc')).toBeNull();
    plain.close();
    expect(() => openTestEngine({ meetingUrlTemplate: 'ftp://x/%s' })).toThrow(
      /meeting_url_template/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { emptyAccountForm, type AccountForm } from '../../src-renderer/lib/account-form';
import { createAppStore, subscribeToEngine } from '../../src-renderer/store/app-store';
import {
  ACCOUNT,
  createFakeApi,
  deferred,
  fail,
  meeting,
  mid,
  ok,
  syncStatus,
  type FakeApi,
} from './fake-api';

// The sync slice against a fake engine: its answers are chosen per test (a refusal, a slow reply),
// and every call it receives is recorded.
const MON = Date.UTC(2026, 10, 23) / 1000;
const week = { from: MON, to: MON + 7 * 86_400 };

function setup(configure?: (fake: FakeApi) => void) {
  const fake = createFakeApi();
  fake.handle('profile:get', () => ok({ userId: ACCOUNT.userId, displayName: 'Alice' }));
  fake.handle('meetings:list', () => ok([]));
  fake.handle('account:get', () => ok(null));
  fake.handle('sync:status', () => ok(syncStatus({ state: 'signed_out' })));
  configure?.(fake);
  const store = createAppStore({ api: fake.api, now: () => MON * 1000, systemZone: 'UTC' });
  subscribeToEngine(store, fake.api);
  return { fake, store };
}

/** Lets the promises the store started without awaiting (reloads after connect) finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const FORM: AccountForm = {
  serverUrl: ' https://api.example.com ',
  appId: '7',
  authKey: 'key with space ',
  login: ' alice ',
  password: 'secret123',
};

describe('sync status', () => {
  it('loads the account and the status at startup', async () => {
    const { store } = setup((fake) => {
      fake.handle('account:get', () => ok(ACCOUNT));
      fake.handle('sync:status', () => ok(syncStatus({ pending: 2 })));
    });
    expect(store.getState().syncStatus).toBeNull();
    await store.getState().loadSync();
    expect(store.getState().account).toEqual(ACCOUNT);
    expect(store.getState().syncStatus).toMatchObject({ state: 'idle', pending: 2 });
  });

  it('keeps a push that arrived while the startup answer was on its way', async () => {
    const slow = deferred<ReturnType<typeof ok<ReturnType<typeof syncStatus>>>>();
    const { fake, store } = setup((f) => f.handle('sync:status', () => slow.promise));
    const loading = store.getState().loadSync();
    fake.emit('sync:changed', syncStatus({ state: 'syncing' }));
    slow.resolve(ok(syncStatus({ state: 'signed_out' })));
    await loading;
    expect(store.getState().syncStatus?.state).toBe('syncing');
  });

  it('follows sync:changed, and fetches the account when it was changed elsewhere', async () => {
    const { fake, store } = setup((f) => f.handle('account:get', () => ok(ACCOUNT)));
    fake.emit('sync:changed', syncStatus({ state: 'syncing', pending: 1 }));
    expect(store.getState().syncStatus).toMatchObject({ state: 'syncing', pending: 1 });
    await settle();
    // Another window connected: the status is no longer signed out, so the account is asked for.
    expect(store.getState().account).toEqual(ACCOUNT);
    const asked = fake.argsOf('account:get').length;
    fake.emit('sync:changed', syncStatus({ state: 'idle' }));
    await settle();
    expect(fake.argsOf('account:get')).toHaveLength(asked);
  });

  it('reloads the range after a pass that brought changes, and the status after an outage', async () => {
    const { fake, store } = setup();
    await store.getState().loadRange(week);
    fake.emit('app:resync', { reason: 'synced' });
    await settle();
    expect(fake.argsOf('meetings:list')).toEqual([week, week]);
    expect(fake.argsOf('sync:status')).toHaveLength(0);
    fake.emit('app:resync', { reason: 'reconnected' });
    await settle();
    expect(fake.argsOf('meetings:list')).toHaveLength(3);
    expect(fake.argsOf('sync:status')).toHaveLength(1);
  });

  it('syncs now once at a time, applies the answer and says why it failed', async () => {
    const reply = deferred<ReturnType<typeof ok<ReturnType<typeof syncStatus>>>>();
    const { fake, store } = setup((f) => {
      f.handle('account:get', () => ok(ACCOUNT));
      f.handle('sync:now', () => reply.promise);
    });
    await store.getState().loadSync();
    const first = store.getState().syncNow();
    expect(store.getState().syncRequested).toBe(true);
    await store.getState().syncNow(); // a second click while the first is on its way
    reply.resolve(ok(syncStatus({ state: 'syncing' })));
    await first;
    expect(fake.argsOf('sync:now')).toHaveLength(1);
    expect(store.getState()).toMatchObject({
      syncRequested: false,
      syncStatus: { state: 'syncing' },
    });

    fake.handle('sync:now', () => fail('unavailable', 'The server cannot be reached'));
    await store.getState().syncNow();
    expect(store.getState().toasts.at(-1)).toMatchObject({
      kind: 'error',
      message: "Couldn't sync: The server cannot be reached",
    });
  });

  it('does not sync without an account', async () => {
    const { fake, store } = setup();
    await store.getState().loadSync();
    await store.getState().syncNow();
    expect(fake.argsOf('sync:now')).toHaveLength(0);
  });
});

describe('account dialog', () => {
  it('checks the form against the contract first, and sends nothing when it fails', async () => {
    const { fake, store } = setup();
    store.getState().openAccountDialog();
    expect(await store.getState().connect({ ...FORM, appId: 'seven' })).toBe(false);
    expect(fake.argsOf('account:connect')).toHaveLength(0);
    expect(store.getState().accountDialog).toMatchObject({
      form: { appId: 'seven' },
      fieldErrors: { appId: ['Application ID must be a positive number'] },
    });
    expect(await store.getState().connect({ ...FORM, password: '' })).toBe(false);
    expect(store.getState().accountDialog?.fieldErrors).toEqual({
      password: ['Password is required'],
    });
    expect(fake.argsOf('account:connect')).toHaveLength(0);
  });

  it('puts the engine field errors beside their fields, and points to them above', async () => {
    const { fake, store } = setup((f) =>
      f.handle('account:connect', () =>
        fail('validation', 'Check the server address and sign-in', {
          serverUrl: ['Use an https:// address (http only for localhost)'],
          login: ['is required'],
        }),
      ),
    );
    store.getState().openAccountDialog();
    expect(await store.getState().connect(FORM)).toBe(false);
    // Sent trimmed where spaces cannot matter, as typed where they can.
    expect(fake.argsOf('account:connect')).toEqual([
      {
        serverUrl: 'https://api.example.com',
        appId: 7,
        authKey: 'key with space ',
        login: 'alice',
        password: 'secret123',
      },
    ]);
    const dialog = store.getState().accountDialog;
    expect(dialog).toMatchObject({
      busy: null,
      formError: 'Please correct the fields marked below.',
      fieldErrors: {
        serverUrl: ['Use an https:// address (http only for localhost)'],
        login: ['Login is required'],
      },
      form: FORM,
    });

    // Editing one field clears its own error, not the others'.
    store.getState().editAccountForm({ login: 'alice' });
    expect(store.getState().accountDialog?.fieldErrors).toEqual({
      serverUrl: ['Use an https:// address (http only for localhost)'],
    });
  });

  it.each([
    ['unauthorized', 'Wrong login, password or auth key'],
    ['unavailable', 'The server at https://api.example.com cannot be reached'],
  ] as const)('shows a %s refusal above the form and keeps what was typed', async (code, msg) => {
    const { store } = setup((f) => f.handle('account:connect', () => fail(code, msg)));
    store.getState().openAccountDialog();
    expect(await store.getState().connect(FORM)).toBe(false);
    expect(store.getState().accountDialog).toMatchObject({
      formError: msg,
      fieldErrors: {},
      form: FORM,
      busy: null,
    });
  });

  it('says "connecting" while it waits, then closes, drops the secrets and reloads', async () => {
    const reply = deferred<ReturnType<typeof ok<typeof ACCOUNT>>>();
    const { fake, store } = setup((f) => {
      f.handle('account:connect', () => reply.promise);
      f.handle('sync:status', () => ok(syncStatus({ state: 'syncing', pending: 3 })));
    });
    await store.getState().loadRange(week);
    store.getState().openAccountDialog();
    const connecting = store.getState().connect(FORM);
    expect(store.getState().accountDialog?.busy).toBe('connecting');
    expect(await store.getState().connect(FORM)).toBe(false); // a second press while waiting
    reply.resolve(ok(ACCOUNT));
    expect(await connecting).toBe(true);
    expect(fake.argsOf('account:connect')).toHaveLength(1);
    expect(store.getState().account).toEqual(ACCOUNT);
    expect(store.getState().accountDialog).toBeNull();
    expect(store.getState().toasts.at(-1)?.message).toBe(
      'Connected as alice. Your meetings will sync now.',
    );
    await settle();
    // The profile is re-keyed to the remote user and meetings were queued: all shown afresh.
    expect(fake.argsOf('profile:get')).toHaveLength(1);
    expect(fake.argsOf('meetings:list')).toEqual([week, week]);
    expect(store.getState().syncStatus).toMatchObject({ state: 'syncing', pending: 3 });
  });

  it('prefills all but the secrets when the server wants a new sign-in', async () => {
    const { store } = setup((f) => {
      f.handle('account:get', () => ok(ACCOUNT));
      f.handle('sync:status', () => ok(syncStatus({ state: 'needs_sign_in' })));
    });
    await store.getState().loadSync();
    store.getState().openAccountDialog();
    expect(store.getState().accountDialog?.form).toEqual({
      ...emptyAccountForm(),
      serverUrl: 'https://api.example.com',
      appId: '7',
      login: 'alice',
    });
  });

  it.each([
    [true, { kept: 3, removed: 0 }, 'Disconnected. Kept 3 meetings on this computer.'],
    [false, { kept: 0, removed: 1 }, 'Disconnected. Removed 1 meeting from this computer.'],
  ] as const)('disconnects with keepLocalCopies %s', async (keep, answer, message) => {
    const { fake, store } = setup((f) => {
      f.handle('account:get', () => ok(ACCOUNT));
      f.handle('account:disconnect', () => ok(answer));
    });
    await store.getState().loadSync();
    await store.getState().loadRange(week);
    store.getState().openAccountDialog();
    store.getState().askDisconnect(true);
    expect(store.getState().accountDialog?.confirmingDisconnect).toBe(true);
    expect(await store.getState().disconnect(keep)).toBe(true);
    expect(fake.argsOf('account:disconnect')).toEqual([{ keepLocalCopies: keep }]);
    expect(store.getState().account).toBeNull();
    expect(store.getState().accountDialog).toBeNull();
    expect(store.getState().toasts.at(-1)?.message).toBe(message);
    await settle();
    expect(fake.argsOf('meetings:list')).toHaveLength(2);
  });

  it('stays connected and says why when disconnecting fails', async () => {
    const { store } = setup((f) => {
      f.handle('account:get', () => ok(ACCOUNT));
      f.handle('account:disconnect', () => fail('internal', 'database is locked'));
    });
    await store.getState().loadSync();
    store.getState().openAccountDialog();
    store.getState().askDisconnect(true);
    expect(await store.getState().disconnect(true)).toBe(false);
    expect(store.getState().account).toEqual(ACCOUNT);
    expect(store.getState().accountDialog).toMatchObject({
      busy: null,
      confirmingDisconnect: true,
      formError: "Couldn't disconnect: database is locked",
    });
  });
});

describe('drafts', () => {
  it('saves a new meeting as a draft', async () => {
    const { fake, store } = setup((f) =>
      f.handle('meetings:create', ({ draft }) =>
        ok(meeting({ id: 1, name: draft.name, sync: 'local', draft: true })),
      ),
    );
    store.getState().openNewMeeting({ start: MON + 9 * 3600, end: MON + 10 * 3600 });
    store.getState().editForm({ name: 'Plan' });
    expect(await store.getState().saveEditor({ asDraft: true })).toBe(true);
    expect(fake.argsOf('meetings:create')[0]).toMatchObject({
      asDraft: true,
      draft: { name: 'Plan' },
    });
    expect(store.getState().toasts.at(-1)?.message).toBe('Saved draft "Plan"');

    // An ordinary save sends no asDraft at all.
    store.getState().openNewMeeting({ start: MON + 9 * 3600, end: MON + 10 * 3600 });
    store.getState().editForm({ name: 'Go' });
    await store.getState().saveEditor();
    expect(fake.argsOf('meetings:create')[1]).not.toHaveProperty('asDraft');
  });

  it('saves the edits of a draft before it sends it', async () => {
    const draft = meeting({ id: 2, name: 'Plan', sync: 'local', draft: true });
    const { fake, store } = setup((f) => {
      f.handle('meetings:list', () => ok([draft]));
      f.handle('meetings:update', ({ changes }) =>
        ok({ ...draft, name: changes.name ?? draft.name }),
      );
      f.handle('meetings:send', () =>
        ok({
          ...draft,
          name: 'Plan v2',
          draft: false,
          sync: 'pending',
          pendingOperation: 'create',
        }),
      );
    });
    await store.getState().loadRange(week);
    store.getState().openMeeting(draft.id);
    store.getState().editForm({ name: 'Plan v2' });
    expect(await store.getState().sendDraft()).toBe(true);
    const order = fake.calls.map((c) => c.name).filter((n) => n.startsWith('meetings:'));
    expect(order).toEqual(['meetings:list', 'meetings:update', 'meetings:send']);
    expect(fake.argsOf('meetings:update')).toEqual([{ id: mid(2), changes: { name: 'Plan v2' } }]);
    expect(store.getState().editor).toBeNull();
    expect(store.getState().meetings[2]).toMatchObject({ draft: false, sync: 'pending' });
    expect(store.getState().toasts.at(-1)?.message).toBe(
      'Scheduled "Plan v2"; it will be sent when you connect an account',
    );
  });

  it('does not send a draft whose edits were refused, nor write them twice', async () => {
    const draft = meeting({ id: 3, sync: 'local', draft: true });
    const { fake, store } = setup((f) => {
      f.handle('meetings:list', () => ok([draft]));
      f.handle('meetings:update', () =>
        fail('validation', 'Invalid meeting', { name: ["can't be blank"] }),
      );
    });
    await store.getState().loadRange(week);
    store.getState().openMeeting(draft.id);
    store.getState().editForm({ name: ' ' });
    expect(await store.getState().sendDraft()).toBe(false);
    expect(fake.argsOf('meetings:send')).toHaveLength(0);
    expect(store.getState().editor?.fieldErrors.name).toEqual(["can't be blank"]);

    // Saved this time, but the send is refused: a second Send only sends.
    fake.handle('meetings:update', ({ changes }) =>
      ok({ ...draft, name: changes.name ?? draft.name }),
    );
    fake.handle('meetings:send', () => fail('unavailable', 'Convene is not reachable'));
    store.getState().editForm({ name: 'Fixed' });
    expect(await store.getState().sendDraft()).toBe(false);
    expect(store.getState().editor?.formError).toBe("Couldn't send: Convene is not reachable");
    fake.handle('meetings:send', () => ok({ ...draft, name: 'Fixed', draft: false }));
    expect(await store.getState().sendDraft()).toBe(true);
    expect(fake.argsOf('meetings:update')).toHaveLength(2);
    expect(fake.argsOf('meetings:send')).toHaveLength(2);
  });
});

describe('conflicts', () => {
  const base = { ...meeting({ id: 9 }), timeZone: 'Europe/Berlin' };
  const values = {
    name: base.name,
    start: base.start,
    end: base.end,
    attendees: [],
    record: null,
    public: false,
    scheduled: true,
    notify: false,
    notifyBefore: null,
    timeZone: 'Europe/Berlin',
  };
  const clash = {
    id: mid(9),
    kind: 'changed' as const,
    fields: ['start' as const, 'attendees' as const],
    base: values,
    mine: { ...values, name: 'Review', start: values.start + 3600 },
    theirs: { ...values, start: values.start + 7200, attendees: [{ id: 5 }] },
  };
  const conflicted = meeting({ id: 9, name: 'Review', sync: 'conflict' });

  function conflictSetup() {
    return setup((f) => {
      f.handle('meetings:list', () =>
        ok([meeting({ id: 8, start: MON + 86_400, sync: 'conflict' }), conflicted]),
      );
      f.handle('meetings:conflict', () => ok(clash));
      f.handle('meetings:resolve', () => ok({ ...conflicted, sync: 'pending' as const }));
    });
  }

  it('applies the choice made on each row and shows the result in the open editor', async () => {
    const { fake, store } = conflictSetup();
    await store.getState().loadRange(week);
    store.getState().openMeeting(conflicted.id);
    await store.getState().openConflict(conflicted.id);
    expect(store.getState().conflictView).toMatchObject({
      conflict: clash,
      choices: { start: 'mine', attendees: 'mine' },
    });
    store.getState().chooseConflictSide('attendees', 'theirs');
    expect(await store.getState().resolveConflict('choices')).toBe(true);
    expect(fake.argsOf('meetings:resolve')).toEqual([
      { id: mid(9), keep: 'mine', fields: { start: 'mine', attendees: 'theirs' } },
    ]);
    expect(store.getState().conflictView).toBeNull();
    expect(store.getState().meetings[9]?.sync).toBe('pending');
    expect(store.getState().editor?.original?.meeting.sync).toBe('pending');
    expect(store.getState().toasts.at(-1)?.message).toBe('Saved your choices for "Review"');
  });

  it.each([
    ['mine', 'Kept your version of "Review"'],
    ['theirs', 'Took the server\'s version of "Review"'],
  ] as const)('settles every field with %s', async (how, message) => {
    const { fake, store } = conflictSetup();
    await store.getState().openConflict(conflicted.id);
    await store.getState().resolveConflict(how);
    expect(fake.argsOf('meetings:resolve')).toEqual([{ id: mid(9), keep: how }]);
    expect(store.getState().toasts.at(-1)?.message).toBe(message);
  });

  it('removes a discarded copy and closes its editor', async () => {
    const { store, fake } = conflictSetup();
    fake.handle('meetings:conflict', () =>
      ok({ ...clash, kind: 'deleted_remotely' as const, fields: [], theirs: null }),
    );
    fake.handle('meetings:resolve', () => ok(null));
    await store.getState().loadRange(week);
    store.getState().openMeeting(conflicted.id);
    await store.getState().openConflict(conflicted.id);
    expect(await store.getState().resolveConflict('theirs')).toBe(true);
    expect(store.getState().meetings[9]).toBeUndefined();
    expect(store.getState().editor).toBeNull();
    expect(store.getState().toasts.at(-1)?.message).toBe('Discarded your copy of "Review"');
  });

  it('keeps the view open with the reason when resolving is refused', async () => {
    const { store, fake } = conflictSetup();
    fake.handle('meetings:resolve', () =>
      fail('not_found', 'That meeting is no longer in conflict'),
    );
    await store.getState().openConflict(conflicted.id);
    expect(await store.getState().resolveConflict('mine')).toBe(false);
    expect(store.getState().conflictView).toMatchObject({
      resolving: false,
      error: 'That meeting is no longer in conflict',
    });
  });

  it('opens the earliest conflicting meeting from the toolbar, or says none is shown', async () => {
    const { store, fake } = conflictSetup();
    await store.getState().loadRange(week);
    store.getState().openFirstConflict();
    expect(store.getState().conflictView?.id).toBe(9); // Monday's, before Tuesday's meeting 8
    await settle();
    expect(fake.argsOf('meetings:conflict')).toEqual([{ id: mid(9) }]);

    store.getState().closeConflict();
    fake.handle('meetings:list', () => ok([meeting({ id: 1 })]));
    await store.getState().loadRange(week);
    store.getState().openFirstConflict();
    expect(store.getState().conflictView).toBeNull();
    expect(store.getState().toasts.at(-1)?.kind).toBe('info');
  });

  it('closes with a message when the conflict cannot be loaded', async () => {
    const { store, fake } = conflictSetup();
    fake.handle('meetings:conflict', () => fail('not_found', 'No conflict for this meeting'));
    await store.getState().openConflict(conflicted.id);
    expect(store.getState().conflictView).toBeNull();
    expect(store.getState().toasts.at(-1)?.message).toBe(
      "Couldn't load the conflict: No conflict for this meeting",
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { ConflictValues } from '../../src-main/shared/contract';
import {
  accountFieldErrors,
  accountFormFrom,
  parseAccountForm,
} from '../../src-renderer/lib/account-form';
import { formatConflictValue } from '../../src-renderer/lib/conflict-format';
import { chipKind, meetingSyncLabel, syncStatusView } from '../../src-renderer/lib/sync-labels';
import { ACCOUNT, syncStatus } from './fake-api';

const facts = { sync: 'local', pendingOperation: null, syncMessage: null, draft: false } as const;

describe('meeting sync chip', () => {
  it('names every state the way the person reads it', () => {
    expect(meetingSyncLabel(facts)).toBe('Local only');
    expect(meetingSyncLabel({ ...facts, draft: true })).toBe('Draft');
    expect(meetingSyncLabel({ ...facts, sync: 'pending' })).toBe('Waiting to send');
    expect(meetingSyncLabel({ ...facts, sync: 'pending', pendingOperation: 'create' })).toBe(
      'Waiting to send (new)',
    );
    expect(meetingSyncLabel({ ...facts, sync: 'pending', pendingOperation: 'update' })).toBe(
      'Waiting to send (change)',
    );
    expect(meetingSyncLabel({ ...facts, sync: 'pending', pendingOperation: 'delete' })).toBe(
      'Waiting to send (delete)',
    );
    expect(meetingSyncLabel({ ...facts, sync: 'synced' })).toBe('Synced');
    expect(meetingSyncLabel({ ...facts, sync: 'conflict' })).toBe('Conflict');
    expect(
      meetingSyncLabel({ ...facts, sync: 'error', syncMessage: 'attendees is too long' }),
    ).toBe('Refused by the server: attendees is too long');
    expect(meetingSyncLabel({ ...facts, sync: 'error' })).toBe('Refused by the server');
  });

  it('calls a draft a draft unless it needs a decision', () => {
    expect(chipKind({ ...facts, draft: true })).toBe('draft');
    expect(chipKind({ ...facts, draft: true, sync: 'error' })).toBe('error');
    expect(chipKind({ ...facts, draft: true, sync: 'conflict' })).toBe('conflict');
  });
});

describe('toolbar sync status', () => {
  const BERLIN = 'Europe/Berlin';
  const at = '2026-11-23T13:05:00Z'; // 14:05 in Berlin (CET)
  const label = (overrides: Parameters<typeof syncStatus>[0], zone = BERLIN) =>
    syncStatusView(syncStatus(overrides), zone).label;

  it('reads each state in a few words', () => {
    expect(label({ state: 'signed_out' })).toBe('Not connected');
    expect(label({ state: 'offline', pending: 3 })).toBe('Offline · 3 pending');
    expect(label({ state: 'offline' })).toBe('Offline');
    expect(label({ state: 'syncing', pending: 3 })).toBe('Syncing…');
    expect(label({ state: 'idle', lastSyncedAt: at })).toBe('Up to date at 14:05');
    expect(label({ state: 'idle' })).toBe('Up to date');
    expect(label({ state: 'idle', pending: 2, lastSyncedAt: at })).toBe('2 pending');
    expect(label({ state: 'idle', conflicts: 1 })).toBe('1 conflict');
    expect(label({ state: 'idle', conflicts: 2, errors: 1, pending: 4 })).toBe(
      '2 conflicts · 1 refused · 4 pending',
    );
    expect(label({ state: 'needs_sign_in' })).toBe('Sign in again');
    expect(label({ state: 'error', message: 'HTTP 500' })).toBe('Sync error');
  });

  it('tells the time in the display zone, 24-hour', () => {
    expect(label({ state: 'idle', lastSyncedAt: at }, 'America/New_York')).toBe(
      'Up to date at 08:05',
    );
    expect(label({ state: 'idle', lastSyncedAt: '2026-11-23T23:30:00Z' }, 'UTC')).toBe(
      'Up to date at 23:30',
    );
  });

  it('puts the reason and the next attempt in the tooltip', () => {
    const view = syncStatusView(
      syncStatus({
        state: 'error',
        message: 'The server answered 500',
        nextAttemptAt: '2026-11-23T13:10:00Z',
      }),
      BERLIN,
    );
    expect(view.detail).toContain('The server answered 500');
    expect(view.detail).toContain('Trying again at 14:10');
    expect(view.tone).toBe('attention');
  });

  it('offers what clicking it does', () => {
    const action = (overrides: Parameters<typeof syncStatus>[0]) =>
      syncStatusView(syncStatus(overrides), BERLIN).action;
    expect(action({ state: 'signed_out' })).toBe('connect');
    expect(action({ state: 'needs_sign_in', conflicts: 1 })).toBe('sign-in');
    expect(action({ state: 'idle', conflicts: 1 })).toBe('conflicts');
    expect(action({ state: 'offline', conflicts: 1 })).toBe('conflicts');
    expect(action({ state: 'idle', pending: 1 })).toBeNull();
  });
});

describe('conflict values', () => {
  const values: ConflictValues = {
    name: 'Review',
    start: Date.UTC(2026, 10, 23, 13, 5) / 1000,
    end: Date.UTC(2026, 10, 23, 14) / 1000,
    attendees: [{ id: 4242 }, { email: 'ana@example.com' }, { id: 5 }],
    record: null,
    public: true,
    scheduled: true,
    notify: false,
    notifyBefore: { metric: 'hours', value: 1 },
    timeZone: 'Europe/Berlin',
  };
  const ctx = { zone: 'Europe/Berlin', selfId: 4242 };

  it('formats each field for people', () => {
    expect(formatConflictValue('name', values, ctx)).toBe('Review');
    expect(formatConflictValue('start', values, ctx)).toContain('14:05');
    expect(formatConflictValue('start', values, { ...ctx, zone: 'UTC' })).toContain('13:05');
    expect(formatConflictValue('start', values, ctx)).toContain('2026');
    expect(formatConflictValue('attendees', values, ctx)).toBe('You, ana@example.com, User #5');
    expect(formatConflictValue('attendees', { ...values, attendees: [] }, ctx)).toBe('Nobody');
    expect(formatConflictValue('record', values, ctx)).toBe('No');
    expect(formatConflictValue('public', values, ctx)).toBe('Yes');
    expect(formatConflictValue('notifyBefore', values, ctx)).toBe('1 hour before');
    expect(formatConflictValue('notifyBefore', { ...values, notifyBefore: null }, ctx)).toBe(
      'Default reminder',
    );
    expect(formatConflictValue('timeZone', { ...values, timeZone: null }, ctx)).toBe('None');
  });

  it('shows a dash for a side that has no value (no base, deleted on the server)', () => {
    expect(formatConflictValue('name', null, ctx)).toBe('—');
  });
});

describe('account form', () => {
  const form = { serverUrl: '', appId: '', authKey: '', login: '', password: '' };

  it('marks every missing field at once, as the contract words it', () => {
    expect(parseAccountForm(form)).toEqual({
      ok: false,
      fields: {
        appId: ['Application ID is required'],
        serverUrl: ['Server URL is required'],
        authKey: ['Auth key is required'],
        login: ['Login is required'],
        password: ['Password is required'],
      },
    });
  });

  it('needs an application id that is a positive whole number', () => {
    const filled = { ...form, serverUrl: 'x', authKey: 'k', login: 'ana', password: 'p' };
    for (const appId of ['x', '-1', '0', '1.5', '99999999999']) {
      expect(parseAccountForm({ ...filled, appId })).toEqual({
        ok: false,
        fields: { appId: ['Application ID must be a positive number'] },
      });
    }
    // The URL's rules are the engine's to judge: this one is sent, and refused there.
    expect(parseAccountForm({ ...filled, appId: ' 12 ', login: ' ana ' })).toEqual({
      ok: true,
      arg: { serverUrl: 'x', appId: 12, authKey: 'k', login: 'ana', password: 'p' },
    });
  });

  it("turns the engine's fragments into sentences beside the field", () => {
    expect(
      accountFieldErrors({
        login: ['is required'],
        serverUrl: ['Use https:// except for localhost'],
        other: ['is odd'],
      }),
    ).toEqual({
      login: ['Login is required'],
      serverUrl: ['Use https:// except for localhost'],
      other: ['other is odd'],
    });
  });

  it('prefills a new sign-in with everything but the secrets', () => {
    expect(accountFormFrom(ACCOUNT)).toEqual({
      serverUrl: 'https://api.example.com',
      appId: '7',
      authKey: '',
      login: 'alice',
      password: '',
    });
  });
});

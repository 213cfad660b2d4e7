import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  listMeetings,
  newSdk,
  rejection,
  signIn,
  startSdkServer,
  type Sdk,
  type SdkServer,
} from './sdk-harness';

// Sessions last two hours from their last use. The SDK renews them only when the server answers
// with exactly 401 `Required session does not exist`: then it calls the app's `sessionExpired`
// hook, and the hook's `retry(session)` repeats the failed request with the new token.
const T0 = 1_800_000_000;
const MINUTE = 60_000;
const TWO_HOURS = 120 * MINUTE;
const EXPIRED = { code: 401, info: { errors: { base: ['Required session does not exist'] } } };

let server: SdkServer;

beforeAll(async () => {
  server = await startSdkServer();
});
afterAll(async () => {
  await server.stop();
});

/** An app's renewal hook: sign in again, then let the SDK retry; count how often it ran. */
function renewingSdk(login: string): { sdk: Sdk; hookCalls: () => number } {
  let calls = 0;
  const sdk: Sdk = newSdk(server.url, {
    sessionExpired: (handleResponse, retry) => {
      calls++;
      // On failure the original call rejects with the 401, as the SDK's docs suggest.
      sdk.createSession({ login, password: 'secret123' }).then(retry, handleResponse);
    },
  });
  return { sdk, hookCalls: () => calls };
}

describe('without a sessionExpired hook', () => {
  test('an expired token makes the SDK reject with the exact 401 body', async () => {
    const sdk = newSdk(server.url);
    await signIn(sdk, 'plain');
    await sdk.meeting.create({ name: 'Before', start_date: T0, end_date: T0 + 3600 });
    server.clock.advance(TWO_HOURS);
    expect(await rejection(listMeetings(sdk))).toEqual(EXPIRED);
    // Signing in again is all it takes; the data is still there.
    await signIn(sdk, 'plain');
    expect((await listMeetings(sdk)).map((m) => m.name)).toEqual(['Before']);
  });

  test('each request extends the session by two hours from its use', async () => {
    const sdk = newSdk(server.url);
    await signIn(sdk, 'busy');
    for (let i = 0; i < 3; i++) {
      server.clock.advance(TWO_HOURS - MINUTE);
      expect(await listMeetings(sdk)).toEqual([]);
    }
    const session = await sdk.getSession();
    expect(session.user?.login).toBe('busy');
  });

  test('a destroyed session is gone for good', async () => {
    const sdk = newSdk(server.url);
    await signIn(sdk, 'leaver');
    const { token } = await sdk.getSession();
    await sdk.destroySession();
    // Reuse the old token, as a second tab of the app still holding it would.
    sdk.setSession({ token });
    expect(await rejection(listMeetings(sdk))).toEqual(EXPIRED);
  });
});

describe('with a sessionExpired hook', () => {
  test('the hook fires once and the retried read succeeds with a new session', async () => {
    const { sdk, hookCalls } = renewingSdk('renewer');
    const userId = await signIn(sdk, 'renewer');
    const created = await sdk.meeting.create({
      name: 'Survives',
      start_date: T0,
      end_date: T0 + 3600,
    });
    const oldToken = (await sdk.getSession()).token;

    server.clock.advance(TWO_HOURS + 1000);
    const requestsBefore = server.seen.length;
    const meetings = await listMeetings(sdk);

    expect(hookCalls()).toBe(1);
    expect(meetings).toEqual([created]);
    expect(
      server.seen.slice(requestsBefore).map((r) => `${r.method} ${r.url} ${r.status}`),
    ).toEqual(['GET /meetings.json? 401', 'POST /session.json 201', 'GET /meetings.json? 200']);
    const renewed = await sdk.getSession();
    expect(renewed.token).not.toBe(oldToken);
    expect(renewed.user_id).toBe(userId);

    // The new session is good for the next call without another renewal.
    expect(await listMeetings(sdk)).toEqual([created]);
    expect(hookCalls()).toBe(1);
  });

  test('a retried create happens exactly once', async () => {
    const { sdk, hookCalls } = renewingSdk('writer');
    await signIn(sdk, 'writer');
    server.clock.advance(TWO_HOURS + 1000);

    const created = await sdk.meeting.create({
      name: 'Written after expiry',
      start_date: T0,
      end_date: T0 + 3600,
      record: true,
    });

    expect(hookCalls()).toBe(1);
    expect(created).toMatchObject({ name: 'Written after expiry', record: true });
    expect(await listMeetings(sdk)).toEqual([created]);
  });

  test('when renewal itself fails, the original call rejects with the 401', async () => {
    let calls = 0;
    const sdk = newSdk(server.url, {
      sessionExpired: (handleResponse) => {
        calls++;
        handleResponse();
      },
    });
    await signIn(sdk, 'giver-upper');
    server.clock.advance(TWO_HOURS + 1000);
    expect(await rejection(sdk.meeting.getRecordings('0'.repeat(24)))).toEqual(EXPIRED);
    expect(calls).toBe(1);
  });
});

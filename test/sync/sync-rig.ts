import { systemClock } from '../../src-main/engine/clock';
import type { AccountDto, MeetingDraft, MeetingDto } from '../../src-main/shared/contract';
import type { Meeting } from '../../src-main/shared/meetings-api-types';
import { TEST_APP } from '../helpers/test-engine';
import { openTestClient, type TestClient } from '../helpers/test-client';
import { apiClient, startTestServer, type TestServer } from '../helpers/test-server';

export type SeenCall = { method: string; url: string; status: number };

/**
 * The sync layer's test bench (SYNC.md, "How it is tested"): the real server on 127.0.0.1 with a
 * real clock, as the remote, recording every request it answers; and the app's client-role
 * engine on its own SQLite file, whose sync passes the tests run by hand (`sync:now`).
 */
export type SyncRig = {
  server: TestServer;
  seen: SeenCall[];
  client: TestClient;
  /** `server.url`, or the URL the client should use instead (a fault proxy in front). */
  remoteUrl: string;
  connect(login?: string, password?: string): Promise<AccountDto>;
  /** Another device of the same person (or another person), straight on the REST API. */
  device(login?: string): Promise<ReturnType<typeof apiClient>>;
  /** The meetings the server lists for this login. */
  serverMeetings(login?: string): Promise<Meeting[]>;
  sync(): Promise<void>;
  create(draft: Partial<MeetingDraft> & { name: string }): Promise<MeetingDto>;
  close(): Promise<void>;
};

const HOUR = 3600;
export const T0 = Math.floor(Date.now() / 1000 / HOUR) * HOUR + 24 * HOUR;

export async function startSyncRig(
  options: { remoteUrl?: (serverUrl: string) => Promise<string> } = {},
): Promise<SyncRig> {
  const seen: SeenCall[] = [];
  const server = await startTestServer({ clock: systemClock }, (app) => {
    app.addHook('onResponse', async (request, reply) => {
      seen.push({ method: request.method, url: request.originalUrl, status: reply.statusCode });
    });
  });
  const remoteUrl = options.remoteUrl ? await options.remoteUrl(server.url) : server.url;
  const client = openTestClient({ client: { requestTimeoutMs: 2_000 } });
  const devices = new Map<string, ReturnType<typeof apiClient>>();

  async function device(login = 'sam') {
    let d = devices.get(login);
    if (!d) {
      d = apiClient(server.url);
      await d.signIn(login);
      devices.set(login, d);
    }
    return d;
  }

  return {
    server,
    seen,
    client,
    remoteUrl,
    connect: (login = 'sam', password = 'secret123') =>
      client.call('account:connect', {
        serverUrl: remoteUrl,
        appId: TEST_APP.id,
        authKey: TEST_APP.authKey,
        login,
        password,
      }),
    device,
    async serverMeetings(login = 'sam') {
      const d = await device(login);
      const r = await d.call('GET', '/meetings.json?limit=100');
      return r.body as Meeting[];
    },
    async sync() {
      await client.call('sync:now', {});
    },
    create: (draft) =>
      client.call('meetings:create', {
        draft: { start: T0, end: T0 + HOUR, attendees: [], ...draft },
      }),
    async close() {
      await client.close();
      await server.stop();
    },
  };
}

import type { Meeting, User } from '../../shared/meetings-api-types';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { Logger } from '../engine';
import type { MeetingsRepo } from '../meetings/meetings-repo';
import type { AccountRepo } from './account-repo';
import type { MeetingSyncRepo } from './meeting-sync-repo';
import type { OutboxRepo } from './outbox-repo';
import type { RemoteReply } from './remote-client';
import type { SyncStore } from './sync-store';

/** The remote's meetings, as one signed-in account sees them (session renewal included). */
export type RemoteMeetings = {
  list(params: Record<string, string | number | boolean>): Promise<RemoteReply<Meeting[]>>;
  create(body: Record<string, unknown>): Promise<RemoteReply<Meeting>>;
  update(id: string, body: Record<string, unknown>): Promise<RemoteReply<Meeting>>;
  remove(id: string): Promise<RemoteReply<null>>;
  /** A user's public profile (null when there is no such user). */
  user(id: number): Promise<RemoteReply<User | null>>;
};

/** The API's page size limit: a page this full may have more behind it. */
export const PAGE_SIZE = 100;

/** What one sync pass works with. `changed` collects the local ids it touched, for the window. */
export type PassContext = {
  db: Database;
  clock: Clock;
  logger: Logger;
  meetings: MeetingsRepo;
  rows: MeetingSyncRepo;
  outbox: OutboxRepo;
  account: AccountRepo;
  store: SyncStore;
  remote: RemoteMeetings;
  profileId: () => number;
  changed: Set<number>;
  /** The remote's clock minus ours (from its Date header), for comparing our times with its. */
  skewMs: () => number;
};

export const iso = (ms: number) => new Date(ms).toISOString();

import { join } from 'node:path';
import type { Meetings } from 'connectycube';
import type { Clock } from '../../src-main/engine/clock';
import type { MeetingDto, SyncStatusDto } from '../../src-main/shared/contract';
import type { FaultProxy } from '../helpers/fault-proxy';
import type { FakeClock } from '../helpers/fake-clock';
import { openTestClient, type TestClient } from '../helpers/test-client';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_APP } from '../helpers/test-engine';
import { listMeetings, type Sdk } from '../sdk/sdk-harness';
import type { Action, EditField, FaultPlan } from './sync-actions';
import { attendeeKey, SyncModel, tagOf, type Values } from './sync-model';

const HOUR = 3600;
export const T0 = Math.floor(Date.now() / 1000 / HOUR) * HOUR + 24 * HOUR;
export const WINDOW = { from: T0 - 7 * 86_400, to: T0 + 14 * 86_400 };
const EMAILS = ['ana@example.com', 'bo@example.com', 'cy@example.com'];

export type Remote = {
  /** The person's other device, through the official SDK. */
  same: Sdk;
  sameId: number;
  /** Another person, who invites them. */
  other: Sdk;
  otherId: number;
  proxy: FaultProxy;
  clock: FakeClock;
  engineClock: Clock;
};

/** One field's new value, as an edit on either side sets it. */
type Edit = { name: string } | { start: number } | { attendees: string[] };

const startOf = (slot: number) => T0 + slot * 1800;
const emailsFor = (v: number) => EMAILS.filter((_, i) => ((v % 7) + 1) & (1 << i));

/**
 * One run of the sync property: a fresh app (its own SQLite file) against the shared server, the
 * steps applied as a person and their devices would, and the model of what each side asked for.
 */
export class SyncWorld {
  readonly model = new SyncModel();
  readonly log: string[] = [];
  private readonly temp = makeTempDir('convene-prop-');
  private readonly dataPath = join(this.temp.dir, 'convene.db');
  client: TestClient;
  private lastDeleted: number | null = null;
  private writes = 0;

  constructor(private readonly r: Remote) {
    this.client = this.open();
  }

  private open(): TestClient {
    return openTestClient({
      dataPath: this.dataPath,
      clock: this.r.clock,
      engineClock: this.r.engineClock,
      client: { requestTimeoutMs: 2_000 },
    });
  }

  async connect(): Promise<void> {
    this.log.push('connect');
    await this.client.call('account:connect', {
      serverUrl: this.r.proxy.url,
      appId: TEST_APP.id,
      authKey: TEST_APP.authKey,
      login: 'sam',
      password: 'secret123',
    });
  }

  async local(): Promise<MeetingDto[]> {
    return this.client.call('meetings:list', WINDOW);
  }

  private async editable(pick: number, drafts = false): Promise<MeetingDto | undefined> {
    const mine = (await this.local()).filter((m) => !m.readOnly && (!drafts || m.draft));
    return mine.length === 0 ? undefined : mine[pick % mine.length];
  }

  /**
   * A meeting for a remote edit. The person's other device leaves alone a meeting this app made
   * whose POST's answer it has not had yet: edited or deleted before this app finds it again, it
   * cannot be told from one made elsewhere (SYNC.md, "Lost responses"), and is sent again.
   */
  private async hostedBy(sdk: Sdk, id: number, pick: number) {
    const adopted = new Set((await this.local()).map((m) => m.serverId));
    const list = (await listMeetings(sdk, { limit: 100 })).filter(
      (m) => m.host_id === id && (!/^[LD]/.test(m.name ?? '') || adopted.has(m._id)),
    );
    return list.length === 0 ? undefined : list[pick % list.length];
  }

  private label(side: 'l' | 'r' | 'o'): string {
    this.writes += 1;
    return `${side}${this.writes}`;
  }

  private valuesFor(field: EditField, v: number, tag: string, side: 'l' | 'r' | 'o'): Edit {
    if (field === 'name') return { name: `${tag} ${this.label(side)}` };
    if (field === 'time') return { start: startOf(v) };
    return { attendees: emailsFor(v) };
  }

  async run(a: Action): Promise<void> {
    this.log.push(JSON.stringify(a));
    switch (a.t) {
      case 'create': {
        const tag = this.model.next(a.draft ? 'D' : 'L');
        const m = await this.client.call('meetings:create', {
          draft: { name: tag, start: startOf(a.slot), end: startOf(a.slot) + HOUR, attendees: [] },
          ...(a.draft ? { asDraft: true } : {}),
        });
        this.model.add(tag, a.draft ? 'draft' : 'local', 'local', snapshot(m));
        return;
      }
      case 'update': {
        const m = await this.editable(a.pick);
        if (!m) return;
        const v = this.valuesFor(a.field, a.v, tagOf(m.name), 'l');
        const changes =
          'start' in v
            ? { start: v.start, end: v.start + HOUR }
            : 'attendees' in v
              ? { attendees: v.attendees.map((email) => ({ email })) }
              : v;
        const after = await this.client.call('meetings:update', { id: m.id, changes });
        const touch = a.field;
        this.model.write(m.name, 'local', touch, pickValues(snapshot(after), touch));
        return;
      }
      case 'delete': {
        const m = await this.editable(a.pick);
        if (!m) return;
        await this.client.call('meetings:delete', { id: m.id });
        this.model.setExists(m.name, 'local', false);
        this.lastDeleted = m.id;
        return;
      }
      case 'restore': {
        if (this.lastDeleted === null) return;
        const result = await this.client.app.handlers['meetings:restore']({ id: this.lastDeleted });
        this.lastDeleted = null;
        // Undo lives in memory for a while: after a restart there is nothing to restore. What
        // comes back is the meeting as the person last saw it: a local word on every field.
        if (result.ok) {
          const m = result.value;
          this.model.setExists(m.name, 'local', true);
          for (const touch of ['name', 'time', 'attendees'] as const)
            this.model.write(m.name, 'local', touch, pickValues(snapshot(m), touch));
        }
        return;
      }
      case 'send': {
        const m = await this.editable(a.pick, true);
        if (!m) return;
        await this.client.call('meetings:send', { id: m.id });
        const track = this.model.get(m.name);
        if (track) {
          track.sent = true;
          track.localOps += 1;
        }
        return;
      }
      case 'remoteCreate': {
        const tag = this.model.next('R');
        const start = startOf(a.slot);
        await this.r.same.meeting.create({
          name: tag,
          start_date: start,
          end_date: start + HOUR,
          attendees: [],
        });
        this.model.add(tag, 'remote', 'remote', { name: tag, start, attendees: '' });
        return;
      }
      case 'remoteUpdate': {
        const m = await this.hostedBy(this.r.same, this.r.sameId, a.pick);
        if (!m) return;
        const v = this.valuesFor(a.field, a.v, tagOf(m.name ?? ''), 'r');
        await this.r.same.meeting.update(m._id, wire(v));
        this.model.write(m.name ?? '', 'remote', a.field, modelValues(v));
        return;
      }
      case 'remoteDelete': {
        const m = await this.hostedBy(this.r.same, this.r.sameId, a.pick);
        if (!m) return;
        await this.r.same.meeting.delete(m._id);
        this.model.setExists(m.name ?? '', 'remote', false);
        return;
      }
      case 'otherInvite': {
        const tag = this.model.next('O');
        const start = startOf(a.slot);
        const attendees = [{ id: this.r.sameId }];
        await this.r.other.meeting.create({
          name: tag,
          start_date: start,
          end_date: start + HOUR,
          attendees,
        });
        this.model.add(tag, 'other', 'remote', {
          name: tag,
          start,
          attendees: attendeeKey(attendees),
        });
        return;
      }
      case 'otherUpdate': {
        const m = await this.hostedBy(this.r.other, this.r.otherId, a.pick);
        if (!m) return;
        const v = this.valuesFor(a.field, a.v, tagOf(m.name ?? ''), 'o');
        await this.r.other.meeting.update(m._id, wire(v));
        this.model.write(m.name ?? '', 'remote', a.field, modelValues(v));
        return;
      }
      case 'otherUninvite': {
        const m = await this.hostedBy(this.r.other, this.r.otherId, a.pick);
        if (!m) return;
        await this.r.other.meeting.update(m._id, { attendees: [] });
        this.model.setExists(m.name ?? '', 'remote', false);
        return;
      }
      case 'sync':
        await this.sync(a.plan);
        return;
      case 'restart':
        await this.client.engine.close();
        this.client = this.open();
        return;
    }
  }

  async sync(plan: FaultPlan): Promise<SyncStatusDto> {
    const proxy = this.r.proxy;
    if (plan.kind === 'offline') proxy.setDown(true);
    else if (plan.kind === 'one')
      proxy.setFault((q) => (q.index === plan.at ? plan.fault : { kind: 'pass' }));
    else proxy.setFault(() => ({ kind: 'pass' }));
    try {
      return await this.client.call('sync:now', {});
    } finally {
      proxy.setDown(false);
      proxy.setFault(() => ({ kind: 'pass' }));
    }
  }

  async close(): Promise<void> {
    await this.client.engine.close();
    this.temp.cleanup();
  }
}

function snapshot(m: MeetingDto): Values {
  return { name: m.name, start: m.start, attendees: attendeeKey(m.attendees) };
}

function pickValues(v: Values, touch: EditField): Partial<Values> {
  if (touch === 'name') return { name: v.name };
  if (touch === 'time') return { start: v.start };
  return { attendees: v.attendees };
}

function wire(
  v: { name: string } | { start: number } | { attendees: string[] },
): Partial<Meetings.Meeting> {
  if ('name' in v) return { name: v.name };
  if ('start' in v) return { start_date: v.start, end_date: v.start + HOUR };
  return { attendees: v.attendees.map((email) => ({ email })) };
}

function modelValues(v: Edit) {
  if ('name' in v) return { name: v.name };
  if ('start' in v) return { start: v.start };
  return { attendees: attendeeKey(v.attendees.map((email) => ({ email }))) };
}

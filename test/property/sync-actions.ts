import fc from 'fast-check';
import type { Fault } from '../helpers/fault-proxy';

/**
 * The steps a sync property run takes (SYNC.md, "How it is tested"): edits in the window, edits
 * by the same person on another device (the official SDK), edits by another person who invites
 * them, sync passes with one injected fault, and restarts of the app. `pick` chooses among the
 * meetings that exist when the step runs, so every generated step means something.
 */
export type EditField = 'name' | 'time' | 'attendees';
export type FaultPlan =
  { kind: 'none' } | { kind: 'offline' } | { kind: 'one'; at: number; fault: Fault };

export type Action =
  | { t: 'create'; slot: number; draft: boolean }
  | { t: 'update'; pick: number; field: EditField; v: number }
  | { t: 'delete'; pick: number }
  | { t: 'restore' }
  | { t: 'send'; pick: number }
  | { t: 'remoteCreate'; slot: number }
  | { t: 'remoteUpdate'; pick: number; field: EditField; v: number }
  | { t: 'remoteDelete'; pick: number }
  | { t: 'otherInvite'; slot: number }
  | { t: 'otherUpdate'; pick: number; field: 'name' | 'time'; v: number }
  | { t: 'otherUninvite'; pick: number }
  | { t: 'sync'; plan: FaultPlan }
  | { t: 'restart' };

const pick = fc.nat(50);
const slot = fc.nat(40);
const field = fc.constantFrom<EditField>('name', 'time', 'attendees');

const fault: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Fault>({ kind: 'down' }) },
  { weight: 4, arbitrary: fc.constant<Fault>({ kind: 'drop-after' }) },
  { weight: 2, arbitrary: fc.constant<Fault>({ kind: 'status', status: 503 }) },
  { weight: 2, arbitrary: fc.constant<Fault>({ kind: 'truncate' }) },
  { weight: 2, arbitrary: fc.constant<Fault>({ kind: 'expire-session' }) },
  // Rare: the pause it asks for is waited out in real time when the network heals.
  { weight: 1, arbitrary: fc.constant<Fault>({ kind: 'rate-limit', retryAfterSeconds: 1 }) },
);

const plan: fc.Arbitrary<FaultPlan> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<FaultPlan>({ kind: 'none' }) },
  { weight: 1, arbitrary: fc.constant<FaultPlan>({ kind: 'offline' }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('one' as const), at: fc.nat(7), fault }) },
);

const localEdit: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('create' as const), slot, draft: fc.boolean() }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ t: fc.constant('update' as const), pick, field, v: fc.nat(30) }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('delete' as const), pick }) },
  { weight: 1, arbitrary: fc.constant<Action>({ t: 'restore' }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('send' as const), pick }) },
);

const remoteEdit: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ t: fc.constant('remoteCreate' as const), slot }) },
  {
    weight: 6,
    arbitrary: fc.record({ t: fc.constant('remoteUpdate' as const), pick, field, v: fc.nat(30) }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('remoteDelete' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('otherInvite' as const), slot }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('otherUpdate' as const),
      pick,
      field: fc.constantFrom<'name' | 'time'>('name', 'time'),
      v: fc.nat(30),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('otherUninvite' as const), pick }) },
);

export const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: localEdit },
  { weight: 3, arbitrary: remoteEdit },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('sync' as const), plan }) },
  { weight: 1, arbitrary: fc.constant<Action>({ t: 'restart' }) },
);

/**
 * One run: offline edits before the account is connected (and whatever happens on the server
 * meanwhile), then up to `maxSteps` steps, and how each conflict is settled once the network is back.
 */
export const scenario = (maxSteps: number) =>
  fc.record({
    before: fc.array(
      fc.oneof({ weight: 3, arbitrary: localEdit }, { weight: 1, arbitrary: remoteEdit }),
      { maxLength: 4 },
    ),
    after: fc.array(action, { minLength: Math.min(8, maxSteps), maxLength: maxSteps }),
    keepMine: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  });
export type Scenario = ReturnType<typeof scenario> extends fc.Arbitrary<infer T> ? T : never;

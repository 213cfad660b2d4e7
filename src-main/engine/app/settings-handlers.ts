import type { Handlers } from '../../shared/contract';
import type { Engine } from '../engine';
import type { ReminderCenter } from '../reminders/reminder-center';
import type { EventBus } from './event-bus';
import { runHandler, type Parsed } from './run-handler';

type Names =
  'reminders:list' | 'reminders:snooze' | 'reminders:dismiss' | 'settings:get' | 'settings:update';

/**
 * The reminders and settings half of the window's contract. Starts the reminders once the window
 * listens, so a catch-up summary is never shown to nobody; each change is pushed as the list now
 * showing (`reminders:due`) or the settings now in force (`settings:changed`).
 */
export function createSettingsHandlers(
  engine: Engine,
  reminders: ReminderCenter,
  events: EventBus,
): Pick<Handlers, Names> {
  const run = <K extends Names, T>(name: K, arg: unknown, body: (parsed: Parsed<K>) => T) =>
    runHandler(engine.logger, name, arg, body);
  reminders.onChange((list) => events.emit('reminders:due', list));
  // Once the caller has subscribed to `events` (right after this returns).
  queueMicrotask(() => reminders.start());

  return {
    'reminders:list': (arg) => run('reminders:list', arg, () => reminders.showing()),
    'reminders:snooze': (arg) =>
      run('reminders:snooze', arg, ({ meetingId, until }) => reminders.snooze(meetingId, until)),
    'reminders:dismiss': (arg) =>
      run('reminders:dismiss', arg, ({ meetingId }) => reminders.dismiss(meetingId)),
    'settings:get': (arg) => run('settings:get', arg, () => engine.appSettings.get()),
    'settings:update': (arg) =>
      run('settings:update', arg, (changes) => {
        const before = engine.appSettings.get();
        const after = engine.appSettings.update(changes);
        events.emit('settings:changed', after);
        // The join link is part of every meeting the window shows.
        if (before.meetingUrlTemplate !== after.meetingUrlTemplate)
          events.emit('app:resync', { reason: 'synced' });
        return after;
      }),
  };
}

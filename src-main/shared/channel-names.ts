/**
 * The contract's channel names as plain data, with no zod: the sandboxed preload bundles what it
 * imports, and it needs only these lists. `contract.ts` checks its schema map against them, so the
 * two cannot drift apart.
 */
export const HANDLER_NAMES = [
  'profile:get',
  'meetings:list',
  'meetings:get',
  'meetings:create',
  'meetings:update',
  'meetings:delete',
  'meetings:restore',
  'meetings:send',
  'meetings:conflict',
  'meetings:resolve',
  'account:connect',
  'account:get',
  'account:disconnect',
  'sync:now',
  'sync:status',
  'reminders:list',
  'reminders:snooze',
  'reminders:dismiss',
  'settings:get',
  'settings:update',
  'recordings:list',
  'downloads:start',
  'downloads:pause',
  'downloads:resume',
  'downloads:cancel',
  'downloads:list',
  'downloads:reveal',
] as const;

export type HandlerName = (typeof HANDLER_NAMES)[number];

export const EVENT_NAMES = [
  'meetings:changed',
  'app:resync',
  'sync:changed',
  'reminders:due',
  'settings:changed',
  'downloads:changed',
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

export function isHandlerName(value: unknown): value is HandlerName {
  return typeof value === 'string' && (HANDLER_NAMES as readonly string[]).includes(value);
}

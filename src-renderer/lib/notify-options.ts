import {
  NOTIFY_BEFORE_RANGES,
  type NotifyBefore,
  type NotifyMetric,
} from '../../src-main/shared/meetings-api-types';

export const NOTIFY_METRICS: readonly NotifyMetric[] = ['minutes', 'hours', 'days', 'weeks'];

/** Minutes are offered in steps of 5 (a reminder at 07 minutes is noise); the rest one by one. */
const STEP: Readonly<Record<NotifyMetric, number>> = { minutes: 5, hours: 1, days: 1, weeks: 1 };

const DEFAULT_VALUE: Readonly<Record<NotifyMetric, number>> = {
  minutes: 15,
  hours: 1,
  days: 1,
  weeks: 1,
};

export function isValidNotifyValue(metric: NotifyMetric, value: number): boolean {
  const { min, max } = NOTIFY_BEFORE_RANGES[metric];
  return Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Every value the API accepts for `metric`, on the metric's step. A valid current value off the step
 * (set by another client, e.g. 7 minutes) is kept in the list so opening a meeting never changes it.
 */
export function notifyValues(metric: NotifyMetric, current?: number): number[] {
  const { min, max } = NOTIFY_BEFORE_RANGES[metric];
  const values: number[] = [];
  for (let v = min; v <= max; v += STEP[metric]) values.push(v);
  if (current !== undefined && isValidNotifyValue(metric, current) && !values.includes(current)) {
    values.push(current);
    values.sort((a, b) => a - b);
  }
  return values;
}

/** Switching metric keeps the value when it is still valid, else picks the metric's default. */
export function withMetric(current: NotifyBefore | null, metric: NotifyMetric): NotifyBefore {
  const value = current?.value;
  if (value !== undefined && isValidNotifyValue(metric, value) && value % STEP[metric] === 0) {
    return { metric, value };
  }
  return { metric, value: DEFAULT_VALUE[metric] };
}

export function describeNotifyBefore(nb: NotifyBefore): string {
  const unit = nb.value === 1 ? nb.metric.slice(0, -1) : nb.metric;
  return `${nb.value} ${unit} before`;
}

/**
 * The reminder select's "no lead of its own" choice. A meeting without one is reminded at the
 * default from Settings (the engine applies it), so the choice names that default.
 */
export function describeDefaultReminder(defaultLead: NotifyBefore | null): string {
  return defaultLead ? `Default (${describeNotifyBefore(defaultLead)})` : 'Default (none)';
}

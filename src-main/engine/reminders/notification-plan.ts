import type { MeetingId, ReminderDto } from '../../shared/contract';

/** One OS notification to show, as the shells show it (Electron `Notification`, Web `Notification`). */
export type PlannedNotification = {
  /** Replaces an earlier notification with the same tag instead of stacking beside it. */
  tag: string;
  title: string;
  body: string;
  meetingIds: MeetingId[];
  /** Where Join goes: an https link, or null (then there is no Join). */
  joinUrl: string | null;
  /** Snooze is offered for a single meeting that has not ended. */
  snooze: boolean;
};

const time = (seconds: number, zone: string) =>
  new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(
    seconds * 1000,
  );

/** Only https links are opened (DESIGN.md, "Security rules"). */
export function safeJoinUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

export function startsText(r: Pick<ReminderDto, 'start' | 'end'>, nowMs: number, zone: string) {
  const minutes = Math.round((r.start * 1000 - nowMs) / 60_000);
  if (r.end * 1000 <= nowMs) return `ended at ${time(r.end, zone)}`;
  if (minutes > 0) return `starts in ${String(minutes)} min, at ${time(r.start, zone)}`;
  if (minutes === 0) return `starts now, at ${time(r.start, zone)}`;
  return `started ${String(-minutes)} min ago, at ${time(r.start, zone)}`;
}

/**
 * What to notify for one `reminders:due` list: each fresh on-time reminder on its own, and every
 * fresh catch-up in ONE summary ("3 meetings started while you were away"), never one each.
 * Missed meetings (ended before they could be shown) are named in the summary, not announced.
 */
export function planNotifications(
  list: readonly ReminderDto[],
  nowMs: number,
  zone: string,
): PlannedNotification[] {
  const fresh = list.filter((r) => r.fresh);
  const onTime = fresh.filter((r) => !r.catchUp);
  const caughtUp = fresh.filter((r) => r.catchUp);
  const planned: PlannedNotification[] = onTime.map((r) => ({
    tag: `convene-reminder-${String(r.meetingId)}`,
    title: r.name,
    body: startsText(r, nowMs, zone),
    meetingIds: [r.meetingId],
    joinUrl: safeJoinUrl(r.joinUrl),
    snooze: r.end * 1000 > nowMs,
  }));
  if (caughtUp.length > 0) {
    const missed = caughtUp.filter((r) => r.missed).length;
    const n = caughtUp.length;
    const open = caughtUp.filter((r) => !r.missed);
    planned.push({
      tag: 'convene-catch-up',
      title:
        n === 1
          ? `${caughtUp[0]?.name ?? 'A meeting'} came up while you were away`
          : `${String(n)} meetings started while you were away`,
      body: caughtUp
        .map((r) => `${r.name}: ${r.missed ? 'missed' : startsText(r, nowMs, zone)}`)
        .join('\n')
        .concat(missed > 0 && missed < n ? `\n(${String(missed)} already over)` : ''),
      meetingIds: caughtUp.map((r) => r.meetingId),
      // Join straight from the summary only when there is exactly one meeting still on.
      joinUrl: open.length === 1 ? safeJoinUrl(open[0]?.joinUrl ?? null) : null,
      snooze: false,
    });
  }
  return planned;
}

/** The tray's tooltip: the next meeting, or that there is none. */
export function trayText(
  next: { name: string; start: number } | null,
  nowMs: number,
  zone: string,
): string {
  if (!next) return 'Convene — no upcoming meetings';
  return `Convene — next: ${next.name}, ${startsText({ start: next.start, end: next.start + 1 }, nowMs, zone)}`;
}

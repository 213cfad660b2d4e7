import type { Meeting } from '../../shared/meetings-api-types';
import type { MailReason } from './notification-rules';

const HEADLINE: Readonly<Record<MailReason, (name: string) => string>> = {
  meeting_created: (name) => `Invitation: ${name}`,
  attendee_added: (name) => `Invitation: ${name}`,
  start_changed: (name) => `Rescheduled: ${name}`,
  notify_enabled: (name) => `Meeting: ${name}`,
};

function when(meeting: Meeting): string {
  const zone = meeting.timezone?.name ?? 'UTC';
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    dateStyle: 'full',
    timeStyle: 'short',
  });
  const start = format.format(new Date(meeting.start_date * 1000));
  const end = format.format(new Date(meeting.end_date * 1000));
  return `${start} – ${end} (${zone})`;
}

/** The subject and plain-text body of one mail; rendered when it is queued, so it describes that change. */
export function renderMail(
  meeting: Meeting,
  reason: MailReason,
  joinUrl: string | null,
): { subject: string; text: string } {
  const subject = HEADLINE[reason](meeting.name);
  const lines = [
    reason === 'start_changed'
      ? `"${meeting.name}" has a new time.`
      : `You are invited to "${meeting.name}".`,
    '',
    `When: ${when(meeting)}`,
  ];
  if (joinUrl) lines.push(`Join: ${joinUrl}`);
  return { subject, text: lines.join('\n') + '\n' };
}

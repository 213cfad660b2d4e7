import { isoAt, type Clock } from '../clock';
import type { DialogsService } from '../dialogs/dialogs-service';
import type { IdGenerator } from '../ids';
import { renderMail } from '../mail/mail-content';
import type { MailOutboxRepo } from '../mail/mail-outbox-repo';
import { recipientsFor, type MeetingState } from '../mail/notification-rules';
import type { UserRow, UsersRepo } from '../users/users-repo';
import type { MeetingEffects } from './meeting-effects';
import { apiMeeting, type MeetingsRepo, type StoredMeeting } from './meetings-repo';

export type ServerEffectsDeps = {
  clock: Clock;
  ids: IdGenerator;
  users: UsersRepo;
  dialogs: DialogsService;
  outbox: MailOutboxRepo;
  repo: MeetingsRepo;
  joinLink: (meetingId: string) => string | null;
};

const userIds = (m: MeetingState | null) =>
  m?.attendees.flatMap((a) => (a.id !== undefined ? [a.id] : [])) ?? [];

/** The server role: the authority that assigns ids, makes chat dialogs and queues the mails. */
export function createServerEffects(deps: ServerEffectsDeps): MeetingEffects {
  const { clock, users, dialogs, outbox } = deps;

  function queueMails(before: MeetingState | null, stored: StoredMeeting, host: UserRow): void {
    const after = apiMeeting(stored);
    const recipients = recipientsFor(before, after, {
      host: { id: host.id, email: host.email },
      emailsById: users.emailsByIds([...new Set([...userIds(after), ...userIds(before)])]),
    });
    const now = isoAt(clock.now());
    const joinUrl = deps.joinLink(after._id);
    for (const r of recipients) {
      const mail = renderMail(after, r.reason, joinUrl);
      outbox.enqueue({
        meeting_id: after._id,
        reason: r.reason,
        recipient_email: r.email,
        recipient_user_id: r.userId,
        subject: mail.subject,
        body_text: mail.text,
        created_at: now,
      });
    }
  }

  return {
    servesApi: true,
    newObjectId: () => deps.ids.objectId(),
    beforeCreate(draft, host, options) {
      if (!options.chat || draft._id === null) return;
      draft.chat_dialog_id = dialogs.createForMeeting(
        draft._id,
        draft.name,
        host.id,
        userIds(draft),
      );
    },
    afterCreate(_localId, meeting, host) {
      queueMails(null, meeting, host);
    },
    afterUpdate(_localId, before, after, host) {
      if (after.chat_dialog_id)
        dialogs.followMeeting(after.chat_dialog_id, after.name, userIds(after));
      queueMails(before, after, host);
    },
    remove(localId) {
      deps.repo.remove(localId);
    },
  };
}

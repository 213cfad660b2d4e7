import type { Database } from '../db/database';
import { sql } from '../db/sql';
import type { MailReason } from './notification-rules';

export type OutboxMail = {
  id: number;
  meeting_id: string;
  reason: MailReason;
  recipient_email: string;
  recipient_user_id: number | null;
  subject: string;
  body_text: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  created_at: string;
};

export function createMailOutboxRepo(db: Database) {
  return {
    enqueue(mail: Omit<OutboxMail, 'id' | 'status' | 'attempts'>): void {
      db.run(sql`
        INSERT INTO mail_outbox (meeting_id, reason, recipient_email, recipient_user_id, subject, body_text, created_at)
        VALUES (${mail.meeting_id}, ${mail.reason}, ${mail.recipient_email}, ${mail.recipient_user_id},
                ${mail.subject}, ${mail.body_text}, ${mail.created_at})`);
    },
    pending(limit = 100): OutboxMail[] {
      return db.all<OutboxMail>(
        sql`SELECT * FROM mail_outbox WHERE status = 'pending' ORDER BY id LIMIT ${limit}`,
      );
    },
    all(): OutboxMail[] {
      return db.all<OutboxMail>(sql`SELECT * FROM mail_outbox ORDER BY id`);
    },
  };
}

export type MailOutboxRepo = ReturnType<typeof createMailOutboxRepo>;

import BetterSqlite3 from 'better-sqlite3';
import { expect } from 'vitest';
import { apiClient, startTestServer, type TestServer } from '../helpers/test-server';

/**
 * The property suites' shared set-up: the real server over a real SQLite file, a few signed-in
 * users, raw HTTP (so a malformed body or an odd status is observed, never thrown), and a dump of
 * every table to prove that a rejected request wrote nothing.
 */

/** A start date in the fixtures' future; the fake clock sits at 2026-11-23. */
export const FIXTURE_START = Date.UTC(2027, 4, 3, 10) / 1000;

/** Every key of a meeting object on the wire (spec section 1); `chat` is an input only. */
export const MEETING_KEYS = [
  '_id',
  'attendees',
  'chat_dialog_id',
  'created_at',
  'end_date',
  'host_id',
  'name',
  'notify',
  'notify_before',
  'public',
  'record',
  'scheduled',
  'start_date',
  'timezone',
  'updated_at',
];

export type Reply = { status: number; contentType: string; text: string; json: any };
export type Body = { text: string; contentType?: string };

export type Harness = {
  server: TestServer;
  /** CB-Token of each signed-in user, by login. */
  tokens: Record<string, string>;
  userIds: Record<string, number>;
  send(
    token: string,
    method: string,
    path: string,
    body?: Body,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  /** Every row of every table (bar the columns any authenticated request may touch), as text. */
  dump(): string;
  close(): Promise<void>;
};

export const json = (value: unknown): Body => ({ text: JSON.stringify(value) });

/**
 * Columns an authenticated request legitimately writes even when the request itself is refused:
 * resolving a token slides the session's expiry (spec section 5, "each request extends it") and
 * stamps the user's last request. Everything else must be unchanged by a rejected request.
 */
const VOLATILE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  sessions: ['expires_at_ms', 'updated_at'],
  users: ['last_request_at'],
};

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export async function openHarness(logins: readonly string[]): Promise<Harness> {
  const server = await startTestServer();
  const tokens: Record<string, string> = {};
  const userIds: Record<string, number> = {};
  for (const login of logins) {
    const client = apiClient(server.url);
    const session = await client.signIn(login);
    tokens[login] = session.token;
    userIds[login] = session.user_id;
  }
  // A second, read-only connection: it sees only what the server committed to the file.
  const reader = new BetterSqlite3(server.dbPath, { readonly: true, fileMustExist: true });

  function dump(): string {
    const schema = reader
      .prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name')
      .all() as { type: string; name: string }[];
    const tables = schema.filter((entry) => entry.type === 'table').map((entry) => entry.name);
    const rows = tables.map((table) => {
      const columns = (reader.pragma(`table_info(${quote(table)})`) as { name: string }[])
        .map((c) => c.name)
        .filter((c) => !VOLATILE_COLUMNS[table]?.includes(c));
      const list = columns.map(quote).join(', ');
      // Ordered by every column rather than rowid: two tables are WITHOUT ROWID.
      return [
        table,
        reader
          .prepare(`SELECT ${list} FROM ${quote(table)} ORDER BY ${list}`)
          .raw()
          .all(),
      ];
    });
    return JSON.stringify([reader.pragma('user_version', { simple: true }), schema, rows]);
  }

  async function send(
    token: string,
    method: string,
    path: string,
    body?: Body,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await fetch(server.url + path, {
      method,
      headers: {
        ...headers,
        'CB-Token': token,
        ...(body ? { 'Content-Type': body.contentType ?? 'application/json' } : {}),
      },
      ...(body ? { body: body.text } : {}),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text,
      json: parsed,
    };
  }

  return {
    server,
    tokens,
    userIds,
    send,
    dump,
    close: async () => {
      reader.close();
      await server.stop();
    },
  };
}

/**
 * A refusal in the API's shape: one of the expected statuses, a JSON `{"errors": {...}}` body whose
 * every entry is a non-empty list of messages, naming at least each of `fields` (spec section 5).
 */
export function expectRefusal(
  reply: Reply,
  statuses: readonly number[],
  fields: readonly string[] = [],
) {
  const context = `${reply.status} ${reply.text.slice(0, 300)}`;
  expect(statuses, context).toContain(reply.status);
  expect(reply.contentType, context).toMatch(/^application\/json/);
  expect(reply.json, context).toEqual({ errors: expect.any(Object) });
  const errors = reply.json.errors as Record<string, unknown>;
  expect(Object.keys(errors).length, context).toBeGreaterThan(0);
  for (const messages of Object.values(errors)) {
    expect(Array.isArray(messages) && messages.length > 0, context).toBe(true);
    for (const m of messages as unknown[]) expect(typeof m, context).toBe('string');
  }
  for (const field of fields) expect(Object.keys(errors), context).toContain(field);
  return errors;
}

/** Runs the request and proves the database is exactly as it was, whatever the answer. */
export async function unchanged(h: Harness, request: () => Promise<Reply>): Promise<Reply> {
  const before = h.dump();
  const reply = await request();
  expect(reply.status, reply.text.slice(0, 300)).toBeLessThan(500);
  const after = h.dump();
  // Compared as strings first: a diff of two large dumps is unreadable and slow to compute.
  if (after !== before) expect(after).toEqual(before);
  return reply;
}

/** True when the prototype every object shares has gained no property. */
export function prototypeIsClean(): boolean {
  const probe: Record<string, unknown> = {};
  return (
    probe.polluted === undefined &&
    Object.getOwnPropertyNames(Object.prototype).every((k) => k !== 'polluted')
  );
}

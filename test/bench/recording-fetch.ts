/** What a sync pass put on the wire, one request at a time, for counting and replaying. */
export type SentRequest = {
  method: string;
  url: URL;
  /** The request body, for POST and PUT (the remote client always sends a string). */
  body: string | null;
  status: number;
  /** `performance.now()` when the request was sent. */
  startedAt: number;
};

/** What a request was for, read off its method, path and query (SYNC.md's parts of a pass). */
export type RequestKind =
  | 'pull'
  | 'census'
  | 'lost-create lookup'
  | 'POST'
  | 'PUT'
  | 'DELETE'
  | 'session'
  | 'host lookup'
  | 'other';

export function kindOf(r: SentRequest): RequestKind {
  const path = r.url.pathname;
  const q = r.url.searchParams;
  if (path.endsWith('/session.json')) return 'session';
  if (path.includes('/users/')) return 'host lookup';
  if (r.method === 'GET' && path.endsWith('/meetings.json')) {
    if (q.get('sort_asc') === 'updated_at') return 'pull';
    if (q.has('created_at[gte]')) return 'lost-create lookup';
    if (q.has('start_date[gte]') || q.has('_id[in]')) return 'census';
  }
  if (r.method === 'POST' && path.endsWith('/meetings.json')) return 'POST';
  if (r.method === 'PUT') return 'PUT';
  if (r.method === 'DELETE') return 'DELETE';
  return 'other';
}

/** "100 pull + 16 census": the requests of a pass by kind, in the order kinds first appear. */
export function describeRequests(sent: readonly SentRequest[]): string {
  const counts = new Map<RequestKind, number>();
  for (const r of sent) counts.set(kindOf(r), (counts.get(kindOf(r)) ?? 0) + 1);
  if (counts.size === 0) return 'none';
  return [...counts].map(([kind, n]) => `${String(n)} ${kind}`).join(' + ');
}

/**
 * A `fetch` that records every request it sends before handing it on: given to the client-role
 * engine as its `fetch` option, it sees exactly what the sync worker sends, and nothing else.
 */
export function createRecordingFetch(base: typeof fetch = fetch) {
  let sent: SentRequest[] = [];
  const recording: typeof fetch = async (input, init) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const startedAt = performance.now();
    const response = await base(input, init);
    sent.push({
      method: init?.method ?? 'GET',
      url: new URL(href),
      body: typeof init?.body === 'string' ? init.body : null,
      status: response.status,
      startedAt,
    });
    return response;
  };
  return {
    fetch: recording,
    /** The requests recorded since the last call, oldest first. */
    take(): SentRequest[] {
      const taken = sent;
      sent = [];
      return taken;
    },
  };
}

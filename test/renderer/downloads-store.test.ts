import { describe, expect, it } from 'vitest';
import type { DownloadDto, DownloadId, RecordingDto, Result } from '../../src-main/shared/contract';
import {
  downloadActions,
  downloadStatusText,
  participantsText,
  recordingsAvailability,
  recordingsErrorText,
} from '../../src-renderer/lib/recordings';
import { settingsChanges, settingsFormFrom } from '../../src-renderer/lib/settings-form';
import { createAppStore, subscribeToEngine } from '../../src-renderer/store/app-store';
import { downloadOfRecording } from '../../src-renderer/store/downloads-slice';
import {
  createFakeApi,
  deferred,
  downloadDto,
  fail,
  meeting,
  mid,
  ok,
  recordingDto,
  settingsDto,
} from './fake-api';

// The recordings and downloads slices against a faked engine: the answers and pushes are chosen
// (out of order, refused) to pin what the window shows.

const did = (n: number) => n as DownloadId;

function setup() {
  const fake = createFakeApi();
  const store = createAppStore({ api: fake.api, now: () => Date.now(), systemZone: 'UTC' });
  subscribeToEngine(store, fake.api);
  return { fake, store, state: () => store.getState() };
}

describe('downloads slice', () => {
  it('follows pushes, and ignores one older than what it shows', () => {
    const { fake, state } = setup();
    fake.emit('downloads:changed', downloadDto({ bytesDone: 100 }));
    expect(state().downloads[did(1)]?.bytesDone).toBe(100);
    fake.emit(
      'downloads:changed',
      downloadDto({ state: 'paused', bytesDone: 200, updatedAt: '2026-11-23T10:00:05.000Z' }),
    );
    // A progress push sent before the pause, arriving after it.
    fake.emit('downloads:changed', downloadDto({ bytesDone: 150 }));
    expect(state().downloads[did(1)]).toMatchObject({ state: 'paused', bytesDone: 200 });
  });

  it('applies an action’s answer, and says a refusal in a toast', async () => {
    const { fake, state } = setup();
    state().applyDownload(downloadDto());
    fake.handle('downloads:pause', () =>
      ok(downloadDto({ state: 'paused', updatedAt: '2026-11-23T10:00:02.000Z' })),
    );
    await state().pauseDownload(did(1));
    expect(fake.argsOf('downloads:pause')).toEqual([{ downloadId: 1 }]);
    expect(state().downloads[did(1)]?.state).toBe('paused');

    fake.handle('downloads:resume', () => fail('not_found', 'No such download'));
    await state().resumeDownload(did(1));
    expect(state().toasts.map((t) => t.message)).toEqual([
      "Couldn't resume the download: No such download",
    ]);
  });

  it('starts a recording once however often Download is clicked', async () => {
    const { fake, state } = setup();
    const answer = deferred<Result<DownloadDto>>();
    fake.handle('downloads:start', () => answer.promise);
    const first = state().startDownload(mid(1), 'rec-1');
    void state().startDownload(mid(1), 'rec-1');
    expect(state().downloadsStarting).toEqual(['rec-1']);
    answer.resolve(ok(downloadDto({ state: 'queued', bytesDone: 0 })));
    await first;
    expect(fake.argsOf('downloads:start')).toEqual([{ meetingId: 1, recordingId: 'rec-1' }]);
    expect(state().downloadsStarting).toEqual([]);
    expect(downloadOfRecording(state().downloads, 'rec-1')?.state).toBe('queued');
  });

  it('drops from the list one cancelled elsewhere, but not one pushed while the list was asked', async () => {
    const { fake, state } = setup();
    state().applyDownload(downloadDto({ id: 1 }));
    const list = deferred<Result<DownloadDto[]>>();
    fake.handle('downloads:list', () => list.promise);
    const loading = state().loadDownloads();
    fake.emit('downloads:changed', downloadDto({ id: 2, recordingId: 'rec-2' }));
    list.resolve(ok([]));
    await loading;
    expect(state().downloads[did(1)]?.state).toBe('cancelled');
    expect(state().downloads[did(2)]?.state).toBe('running');
    expect(downloadOfRecording(state().downloads, 'rec-1')).toBeUndefined();
  });
});

describe('recordings slice', () => {
  it('lists a meeting’s recordings and learns their downloads', async () => {
    const { fake, state } = setup();
    const job = downloadDto({ state: 'done', bytesDone: 4 * 1024 * 1024, path: '/d/a.mp4' });
    fake.handle('recordings:list', () => ok([recordingDto({ download: job })]));
    const loading = state().loadRecordings(mid(1));
    expect(state().recordingsByMeeting[mid(1)]).toEqual({ state: 'loading' });
    await loading;
    expect(state().recordingsByMeeting[mid(1)]).toMatchObject({ state: 'ready' });
    expect(downloadOfRecording(state().downloads, 'rec-1')?.path).toBe('/d/a.mp4');
  });

  it('keeps only the latest answer, and an error as its code', async () => {
    const { fake, state } = setup();
    const slow = deferred<Result<RecordingDto[]>>();
    fake.handle('recordings:list', () => slow.promise);
    const first = state().loadRecordings(mid(1));
    fake.handle('recordings:list', () => fail('unavailable', 'fetch failed'));
    await state().loadRecordings(mid(1));
    slow.resolve(ok([]));
    await first;
    const listing = state().recordingsByMeeting[mid(1)];
    expect(listing?.state).toBe('failed');
    if (listing?.state === 'failed') {
      expect(recordingsErrorText(listing.error)).toMatch(/^Offline — recordings can't be listed/);
    }
  });
});

describe('recordings text', () => {
  const now = Date.UTC(2026, 10, 23, 12) / 1000;
  it('shows a section only for recorded meetings, saying why there is no list yet', () => {
    expect(recordingsAvailability(undefined, now)).toBe('none');
    expect(recordingsAvailability(meeting({ id: 1, record: false }), now)).toBe('none');
    expect(recordingsAvailability(meeting({ id: 1, record: true }), now)).toBe('not-synced');
    const synced = { id: 1, record: true, serverId: 'abc' };
    expect(recordingsAvailability(meeting({ ...synced, end: now + 60 }), now)).toBe('not-ended');
    expect(recordingsAvailability(meeting(synced), now)).toBe('listable');
  });

  it('says where a download stands and what can be done', () => {
    expect(downloadStatusText(downloadDto(), 'UTC')).toBe('Downloading · 1 MB of 4 MB · 25%');
    expect(downloadStatusText(downloadDto({ state: 'paused' }), 'UTC')).toBe(
      'Paused · 1 MB of 4 MB',
    );
    expect(downloadStatusText(downloadDto({ state: 'failed', error: 'disk full' }), 'UTC')).toBe(
      'Failed: disk full',
    );
    expect(downloadActions('paused')).toMatchObject({ pause: false, resume: true, cancel: true });
    expect(downloadActions('done')).toMatchObject({ cancel: false, reveal: true });
    expect(participantsText(recordingDto().participants)).toBe('Ann and user #2');
  });
});

describe('download settings', () => {
  it('sends only what changed; an emptied folder is the default (null)', () => {
    const shown = { view: 'timeGridWeek' as const, displayZone: 'UTC' };
    const original = settingsFormFrom(settingsDto({ downloadsFolder: '/data/rec' }), shown);
    expect(original).toMatchObject({ autoDownloadRecordings: false, downloadsFolder: '/data/rec' });
    expect(settingsChanges({ ...original, autoDownloadRecordings: true }, original)).toEqual({
      autoDownloadRecordings: true,
    });
    expect(settingsChanges({ ...original, downloadsFolder: '  ' }, original)).toEqual({
      downloadsFolder: null,
    });
    expect(settingsChanges({ ...original, downloadsFolder: ' /data/rec ' }, original)).toEqual({});
  });
});

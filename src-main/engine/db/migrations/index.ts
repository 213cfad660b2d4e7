import type { Migration } from '../migrate';
import { m001Initial } from './001-initial';
import { m002Sync } from './002-sync';
import { m003PullStart } from './003-pull-start';
import { m004Reminders } from './004-reminders';
import { m005RecordingFiles } from './005-recording-files';
import { m006DownloadJobs } from './006-download-jobs';

/** Every migration, in order. Never edit one that has shipped: add the next. */
export const migrations: readonly Migration[] = [
  m001Initial,
  m002Sync,
  m003PullStart,
  m004Reminders,
  m005RecordingFiles,
  m006DownloadJobs,
];

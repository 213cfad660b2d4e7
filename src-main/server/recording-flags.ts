import type { CliProcess } from '../cli/cli-process';
import { defaultRecordingsDir, RECORDING_DEFAULTS } from '../engine/recordings/recordings-config';
import type { RecordingsConfig } from '../engine/recordings/recordings-config';
import {
  SECRET_HINT,
  WEBHOOK_DEFAULTS,
  webhookSecretProblem,
  webhookUrlProblem,
} from '../engine/recordings/webhook/webhook-config';

export const WEBHOOK_SECRET_ENV = 'CONVENE_WEBHOOK_SECRET';

/** The flags both `npm run server` and `import-recording` take for the recordings folder. */
export const RECORDING_FILE_FLAGS = {
  'recordings-dir': { type: 'string' },
  'max-recording-mb': { type: 'string', default: String(RECORDING_DEFAULTS.maxBytes / 2 ** 20) },
} as const;

/** The server's own recording flags: retention and the recording-done webhook. */
export const RECORDING_SERVER_FLAGS = {
  ...RECORDING_FILE_FLAGS,
  'recording-retention-days': {
    type: 'string',
    default: String(RECORDING_DEFAULTS.retentionDays),
  },
  'recording-webhook-url': { type: 'string' },
  'webhook-secret': { type: 'string' },
  'webhook-quiet-seconds': { type: 'string', default: String(WEBHOOK_DEFAULTS.quietMs / 1000) },
  'allow-private-webhooks': { type: 'boolean', default: false },
} as const;

type FileFlagValues = { data: string; 'recordings-dir'?: string; 'max-recording-mb': string };

export function recordingFilesConfig(cli: CliProcess, values: FileFlagValues): RecordingsConfig {
  const dir = values['recordings-dir'] ?? defaultRecordingsDir(values.data);
  return {
    ...(dir ? { dir } : {}),
    maxBytes: cli.integer('max-recording-mb', values['max-recording-mb'], 1, 1024 * 1024) * 2 ** 20,
  };
}

type ServerFlagValues = FileFlagValues & {
  'recording-retention-days': string;
  'recording-webhook-url'?: string;
  'webhook-secret'?: string;
  'webhook-quiet-seconds': string;
  'allow-private-webhooks': boolean;
};

/**
 * Retention and webhook flags, checked before the server starts: a webhook URL without a secret,
 * a malformed secret, or an IP literal the policy refuses is a usage error, not a failure later.
 * The secret may come from the environment, so it need not appear in a process listing.
 */
export function recordingServerConfig(
  cli: CliProcess,
  values: ServerFlagValues,
  env: NodeJS.ProcessEnv,
): RecordingsConfig {
  const config: RecordingsConfig = {
    ...recordingFilesConfig(cli, values),
    retentionDays: cli.integer(
      'recording-retention-days',
      values['recording-retention-days'],
      1,
      36500,
    ),
  };
  const quietSeconds = cli.integer(
    'webhook-quiet-seconds',
    values['webhook-quiet-seconds'],
    0,
    3600,
  );
  const url = values['recording-webhook-url'];
  const secret = values['webhook-secret'] ?? env[WEBHOOK_SECRET_ENV];
  const allowPrivate = values['allow-private-webhooks'];
  if (url === undefined) {
    if (values['webhook-secret'] !== undefined) {
      cli.fail('--webhook-secret is only used with --recording-webhook-url');
    }
    return config;
  }
  const urlProblem = webhookUrlProblem(url, allowPrivate);
  if (urlProblem) cli.fail(`--recording-webhook-url ${urlProblem}`);
  if (secret === undefined || secret === '') {
    cli.fail(
      `--recording-webhook-url needs a signing secret: --webhook-secret or ${WEBHOOK_SECRET_ENV} (${SECRET_HINT})`,
    );
  }
  const secretProblem = webhookSecretProblem(secret);
  if (secretProblem) cli.fail(`the webhook secret ${secretProblem}`);
  return {
    ...config,
    webhook: { url, secret, allowPrivate, quietMs: quietSeconds * 1000 },
  };
}

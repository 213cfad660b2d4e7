import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  openSync,
  readFileSync,
  writeSync,
  closeSync,
  statSync,
} from 'node:fs';

/**
 * Seals the account's secrets (auth key, password, session token) before they are stored
 * (SYNC.md: "never plain text in SQLite, logs or the renderer"). Injected: Electron's safeStorage
 * on the desktop, a key file in the web shell, so the engine never knows which.
 */
export type SecretStore = {
  seal(plain: string): Promise<string>;
  unseal(sealed: string): Promise<string>;
};

const VERSION = 'k1:';

/** The store's contract is asynchronous (Electron's is); a synchronous throw becomes a rejection. */
const settle = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));
const KEY_BYTES = 32;

/**
 * The web shell's store: AES-256-GCM under a random key kept in a file readable only by its owner
 * (mode 0600), beside the database. A copied database file alone holds no usable secret.
 */
export function createKeyFileSecretStore(keyPath: string): SecretStore {
  let key: Buffer | undefined;
  function loadKey(): Buffer {
    if (key) return key;
    if (!existsSync(keyPath)) {
      const fresh = randomBytes(KEY_BYTES);
      // 'wx': never overwrite a key another process just wrote; its secrets would be lost.
      try {
        const fd = openSync(keyPath, 'wx', 0o600);
        writeSync(fd, fresh.toString('base64'));
        closeSync(fd);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    if (process.platform !== 'win32' && (statSync(keyPath).mode & 0o077) !== 0) {
      chmodSync(keyPath, 0o600);
    }
    const loaded = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
    if (loaded.length !== KEY_BYTES) throw new Error(`The key file ${keyPath} is damaged`);
    key = loaded;
    return key;
  }
  return {
    seal: (plain) =>
      settle(() => {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', loadKey(), iv);
        const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
        return VERSION + Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
      }),
    unseal: (sealed) =>
      settle(() => {
        if (!sealed.startsWith(VERSION)) throw new Error('not a sealed secret');
        const raw = Buffer.from(sealed.slice(VERSION.length), 'base64');
        const decipher = createDecipheriv('aes-256-gcm', loadKey(), raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString(
          'utf8',
        );
      }),
  };
}

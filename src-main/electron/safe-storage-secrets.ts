import type { SafeStorage } from 'electron';
import type { SecretStore } from '../engine/sync/secret-store';

const PREFIX = 'ss2:';

/**
 * The desktop's secret store: Electron's safeStorage (the OS keychain, DPAPI, or the Linux secret
 * service). Where it cannot encrypt, sealing fails with a message the account dialog shows, so a
 * password is never stored in a form anyone with the file could read.
 */
export function createSafeStorageSecrets(safeStorage: SafeStorage): SecretStore {
  return {
    async seal(plain) {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        throw new Error(
          'This computer offers no secure storage for passwords, so the account cannot be saved.',
        );
      }
      return PREFIX + (await safeStorage.encryptStringAsync(plain)).toString('base64');
    },
    async unseal(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed secret');
      const { result } = await safeStorage.decryptStringAsync(
        Buffer.from(sealed.slice(PREFIX.length), 'base64'),
      );
      return result;
    },
  };
}

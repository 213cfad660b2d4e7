import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';

export type IdGenerator = { objectId(): string };

/** ObjectId as the API spells it: 4 bytes of seconds then 8 random bytes, 24 hex digits. */
export function createIdGenerator(clock: Clock): IdGenerator {
  return {
    objectId() {
      const seconds = Math.floor(clock.now() / 1000) >>> 0;
      return seconds.toString(16).padStart(8, '0') + randomBytes(8).toString('hex');
    },
  };
}

export const OBJECT_ID_PATTERN = /^[0-9a-f]{24}$/;

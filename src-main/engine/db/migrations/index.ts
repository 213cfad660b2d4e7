import type { Migration } from '../migrate';
import { m001Initial } from './001-initial';

/** Every migration, in order. Never edit one that has shipped: add the next. */
export const migrations: readonly Migration[] = [m001Initial];

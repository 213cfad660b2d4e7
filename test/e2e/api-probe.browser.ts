// Runs in the page (compiled by tsconfig.web.json): puts the renderer's real `api` module, as the
// page would import it, where a test can reach it with page.evaluate().
import type { MeetingChange } from '../../src-main/shared/contract';
import { api } from '../../src-renderer/api/index';

const changes: MeetingChange[] = [];
let off: (() => void) | undefined;

const probe = {
  /** Whether the page had a desktop preload when `api` chose its transport. */
  hadConvene: window.convene !== undefined,
  api,
  changes,
  subscribe(): void {
    off ??= api.on('meetings:changed', (change) => {
      changes.push(change);
    });
  },
  unsubscribe(): void {
    off?.();
    off = undefined;
  },
};

Object.assign(window, { __conveneProbe: probe });

import type { ConveneApi } from '../../src-main/shared/contract';

declare global {
  interface Window {
    /**
     * Set by the desktop preload (contextBridge) to exactly the contract; absent in a plain browser
     * tab served by the web shell, where `api` falls back to HTTP and Server-Sent Events.
     */
    readonly convene?: ConveneApi;
  }
}

export {};

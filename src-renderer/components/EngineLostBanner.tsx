import { useAppStore } from '../store/AppStoreProvider';

/**
 * Shown for as long as the engine (the web shell) cannot be reached, instead of a calendar that
 * silently stops updating. An alert, so it is read out once when it appears; what is on screen and
 * in an open editor stays. It goes away by itself when the event stream reconnects.
 */
export function EngineLostBanner() {
  const lost = useAppStore((s) => s.engineLost);
  const retry = useAppStore((s) => s.retryEngine);
  if (!lost) return null;
  return (
    <div className="engine-lost" role="alert" data-testid="engine-lost">
      <span className="engine-lost__message">Convene lost its connection to the engine.</span>
      <button
        type="button"
        className="button engine-lost__retry"
        data-testid="engine-lost-retry"
        onClick={() => void retry()}
      >
        Retry
      </button>
    </div>
  );
}

import { useEffect, useState } from 'react';

/**
 * Unix seconds, refreshed every `everyMs` while mounted: "starts in 4 min" stays true without a
 * render per second.
 */
export function useNowSeconds(everyMs: number): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

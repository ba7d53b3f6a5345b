import { createContext, useContext, useEffect, useState } from 'react';

/** The app's one-second clock: under it, views read the time instead of each starting a timer. */
const AppClock = createContext<number | undefined>(undefined);
export const AppClockProvider = AppClock.Provider;

/**
 * The current time, ticking once per interval (ages re-render at most once a second). Under the app's
 * clock a one-second view ticks with it: one render a second at rest, not one per clock.
 */
export function useNow(intervalMs = 1000): number {
  const shared = useContext(AppClock);
  const own = shared === undefined || intervalMs < 1000;
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!own) return;
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs, own]);
  return own ? now : shared;
}

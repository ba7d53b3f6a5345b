import { useStdin, useStdout } from 'ink';
import { useEffect, useRef } from 'react';

/** ctrl-]: telnet's escape key. Shells leave it alone (readline's seldom-used character-search aside). */
export const PANE_ESCAPE = '\x1d';

/**
 * While active, hands every keystroke sequence from stdin to `onInput` as raw bytes (ctrl keys,
 * arrows, function keys, pastes) instead of Ink's parsed keys, and turns on bracketed paste in the
 * user's terminal so a paste arrives marked. Other `useInput` handlers must be inactive meanwhile.
 */
export function useRawInput(active: boolean, onInput: (data: string) => void): void {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  const handler = useRef(onInput);
  handler.current = onInput;
  useEffect(() => {
    if (!active) return;
    if (isRawModeSupported) setRawMode(true);
    const listener = (data: string) => handler.current(data);
    events.on('input', listener);
    stdout.write('\x1b[?2004h');
    return () => {
      events.off('input', listener);
      stdout.write('\x1b[?2004l');
      if (isRawModeSupported) setRawMode(false);
    };
  }, [active, events, setRawMode, isRawModeSupported, stdout]);
}

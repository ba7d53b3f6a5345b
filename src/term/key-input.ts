import { Readable } from 'node:stream';
import {
  unstable_IdlePriority as IdlePriority,
  unstable_scheduleCallback as scheduleCallback,
} from 'scheduler';

const ESC = '\x1b';
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** Splits what the terminal sent in one read into single keys: escape sequences whole, a bracketed paste whole. */
export function splitKeys(data: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      const end = data.indexOf(PASTE_END, i);
      const stop = end === -1 ? data.length : end + PASTE_END.length;
      out.push(data.slice(i, stop));
      i = stop;
      continue;
    }
    if (data[i] === ESC) {
      let j = i + 1;
      if (data[j] === ESC) j++;
      if (data[j] === '[') {
        j++;
        while (j < data.length && /[0-9;:<=>?!"#$%&'()*+,\-./]/.test(data[j]!)) j++;
        j++;
      } else if (data[j] === 'O') j += 2;
      else if (j < data.length) j++;
      out.push(data.slice(i, Math.min(j, data.length)));
      i = Math.min(j, data.length);
      continue;
    }
    const cp = data.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    out.push(data.slice(i, i + len));
    i += len;
  }
  return out;
}

/**
 * Stands in for stdin under Ink: hands Ink one key at a time, each once React has finished with the
 * one before. Ink passes a run of typed characters as one input ("\x7f3\r"), and keys handled in the same
 * turn see the handlers of the previous render; one key per turn gives every key its own render.
 */
export class KeyInput extends Readable {
  readonly isTTY = true;
  private queue: string[] = [];
  private pumping = false;
  private readonly onData = (d: Buffer | string) => {
    this.queue.push(...splitKeys(typeof d === 'string' ? d : d.toString('utf8')));
    this.pump();
  };

  constructor(private readonly real: NodeJS.ReadStream) {
    super({ encoding: 'utf8' });
  }

  get isRaw(): boolean {
    return this.real.isRaw;
  }

  override _read(): void {}

  setRawMode(mode: boolean): this {
    this.real.setRawMode(mode);
    if (mode) {
      this.real.on('data', this.onData);
      this.real.resume();
    } else {
      this.real.off('data', this.onData);
      this.real.pause();
    }
    return this;
  }

  ref(): this {
    this.real.ref();
    return this;
  }

  unref(): this {
    this.real.unref();
    return this;
  }

  private pump(): void {
    if (this.pumping) return;
    const next = this.queue.shift();
    if (next === undefined) return;
    this.pumping = true;
    this.push(next);
    // Ink reads the key on the next tick and React commits at once, but the passive effects that hand every
    // useInput its new handler and isActive run later, as scheduler tasks (more than one under load). A task
    // of idle priority runs after all of them: the next key meets the handlers of the render its predecessor
    // caused (":dns⏎" in one read must not let the list behind the palette see "d").
    setImmediate(() =>
      scheduleCallback(IdlePriority, () => {
        this.pumping = false;
        this.pump();
      }),
    );
  }
}

import { spawn } from 'node:child_process';

/** How a background plugin ended: its exit, and the last line it printed (for overwriteOutput and errors). */
export interface BackgroundResult {
  code: number | null;
  lastLine: string;
  error?: string;
}

/** Runs a plugin without the pane, its output collected; never throws (a missing command is a result). */
export function runBackground(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<BackgroundResult> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (b: Buffer) => {
      out = (out + b.toString('utf8')).slice(-4096);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => resolve({ code: null, lastLine: '', error: err.message }));
    child.on('close', (code) => {
      const lines = out
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      resolve({ code, lastLine: lines[lines.length - 1] ?? '' });
    });
  });
}

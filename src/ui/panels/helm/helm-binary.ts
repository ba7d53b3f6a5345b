import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** The helm executable kdeck runs for rollback and uninstall: config `helmBinary`, else `helm` on PATH. */
export function findHelm(configured: string | undefined, path = process.env.PATH ?? ''): string | undefined {
  const candidates = configured
    ? isAbsolute(configured) || configured.includes('/')
      ? [configured]
      : path.split(delimiter).map((d) => join(d, configured))
    : path
        .split(delimiter)
        .filter((d) => d !== '')
        .map((d) => join(d, 'helm'));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

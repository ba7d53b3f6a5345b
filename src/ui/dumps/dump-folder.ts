import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dumpSafe } from '../../model/screen-dump.js';

/** Where one context's dumps go, as k9s lays them out: <dump folder>/<cluster>/<context>/. */
export function contextDumpDir(root: string, cluster: string, context: string): string {
  return join(root, dumpSafe(cluster), dumpSafe(context));
}

/** Writes a dump (a list as CSV, a saved log) and returns its path; the folder is made when missing. */
export function writeDump(dir: string, file: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

export interface DumpFile {
  path: string;
  /** Under the dump folder: `cluster/context/pods-….csv`. */
  name: string;
  size: number;
  mtimeMs: number;
}

/** Every dump under the folder, newest first; a missing folder has none. */
export function listDumps(root: string): DumpFile[] {
  const out: DumpFile[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else out.push({ path: p, name: relative(root, p), size: st.size, mtimeMs: st.mtimeMs });
    }
  };
  walk(root);
  return out.sort((a, b) => b.mtimeMs - a.mtimeMs || a.name.localeCompare(b.name));
}

export function deleteDump(path: string): void {
  rmSync(path, { force: true });
}

import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, lstat, mkdir, readdir, readlink, stat, utimes } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { ExecExit, ExecSession } from './exec-session.js';
import type { ActionContext } from './gate.js';
import {
  ActionError,
  type ActionOptions,
  type ActionOutcome,
  readOnlyFailure,
  throwIfAborted,
  toFailure,
} from './outcome.js';

/** `ns/pod:path` with an optional container, as `kubectl cp` names a place in a pod. */
export interface PodPath {
  namespace: string;
  pod: string;
  container?: string;
  path: string;
}

export function describePodPath(p: PodPath): string {
  return `${p.namespace}/${p.pod}:${p.path}${p.container ? ` (container ${p.container})` : ''}`;
}

const noTarHint =
  'kdeck cp needs tar in the container, like kubectl cp; use an image that has it, or a debug container';

/** The message for a failed tar: the container has none, or tar's own complaint. */
function tarFailure(exit: ExecExit, stderr: string): ActionError {
  const text = `${exit.message ?? ''}\n${stderr}`;
  if (
    exit.code === 126 ||
    exit.code === 127 ||
    /executable file not found|tar: not found|"tar": .*no such file/i.test(text)
  ) {
    return new ActionError('the container has no tar', 'NoTar', noTarHint);
  }
  const detail =
    stderr
      .trim()
      .split('\n')
      .filter((l) => !/Removing leading/.test(l))
      .join('; ') ||
    exit.message ||
    `exit code ${exit.code}`;
  return new ActionError(
    `tar in the container failed: ${detail}`,
    'TarFailed',
    'check the path and the container',
  );
}

function collect(stream: NodeJS.ReadableStream): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** kubectl's prefix: the source path as tar names it (no leading slash, no ./ or ../ in front). */
export function tarPrefix(path: string): string {
  let p = posix.normalize(path).replace(/^\/+/, '');
  while (p.startsWith('../') || p.startsWith('./')) p = p.slice(p.indexOf('/') + 1);
  return p.replace(/\/+$/, '');
}

/**
 * Where a tar entry goes under `dest`, or an error when it would land outside: an absolute name,
 * `..` climbing out, or a name not under the source prefix (a tampered stream).
 */
export function entryTarget(dest: string, prefix: string, name: string): string {
  const clean = name.replace(/\/+$/, '');
  if (isAbsolute(clean) || clean.split('/').includes('..')) {
    throw new ActionError(
      `refused entry ${JSON.stringify(name)}: it would land outside ${dest}`,
      'PathTraversal',
      'the container sent a tampered archive; nothing outside the target was written',
    );
  }
  if (clean !== prefix && !clean.startsWith(`${prefix}/`) && prefix !== '') {
    throw new ActionError(
      `refused entry ${JSON.stringify(name)}: not under ${prefix}`,
      'PathTraversal',
      'the container sent a tampered archive',
    );
  }
  const rest = prefix === '' ? clean : clean.slice(prefix.length).replace(/^\//, '');
  const out = resolve(dest, rest);
  const rel = relative(resolve(dest), out);
  if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    throw new ActionError(
      `refused entry ${JSON.stringify(name)}: it would land outside ${dest}`,
      'PathTraversal',
      'nothing outside the target was written',
    );
  }
  return out;
}

/**
 * Pads the archive to whole 10 KiB records, as tar itself writes them: tar then stops at the
 * end-of-archive blocks without waiting for end of input, which some exec paths never deliver.
 */
function recordPad(): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      const rest = total % 10240;
      done(null, rest === 0 ? undefined : Buffer.alloc(10240 - rest));
    },
  });
}

/** Counts bytes going by and reports them. */
function counter(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Pod → local: `tar cf - <path>` in the container, unpacked here with tar-stream. Files keep their
 * modes and times; symlinks and devices are skipped (as kubectl does); an entry that would land
 * outside `localDest` stops the copy before it is written.
 */
export async function copyFromPod(
  ctx: ActionContext,
  src: PodPath,
  localDest: string,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  const action = 'copy';
  const object = describePodPath(src);
  if (ctx.readOnly)
    return { action, done: [], failures: [readOnlyFailure(object, action)], cancelled: false };
  let session: ExecSession | undefined;
  try {
    session = await ctx.mutate.exec({
      namespace: src.namespace,
      pod: src.pod,
      container: src.container,
      command: ['tar', 'cf', '-', src.path],
      stdin: false,
      signal: opts.signal,
    });
    const stderr = collect(session.stderr);
    const prefix = tarPrefix(src.path);
    let dest = resolve(localDest);
    let bytes = 0;
    let files = 0;
    const skipped: string[] = [];
    const extract = tar.extract();
    const feed = pipeline(
      session.stdout,
      counter((n) => {
        bytes += n;
        opts.onProgress?.({ done: files, total: 0, bytes, message: `${files} files` });
      }),
      extract,
      { signal: opts.signal },
    );
    // Awaited after the entries; this keeps an early refusal from surfacing as an unhandled rejection.
    feed.catch(() => undefined);
    let first = true;
    for await (const entry of extract) {
      const h = entry.header;
      // A single file copied onto an existing directory goes inside it, under its own name.
      if (first && h.type === 'file' && h.name.replace(/\/+$/, '') === prefix && (await isDir(dest))) {
        dest = join(dest, basename(prefix));
      }
      first = false;
      const out = entryTarget(dest, prefix, h.name);
      if (h.type === 'directory') {
        await mkdir(out, { recursive: true });
        await chmod(out, (h.mode ?? 0o755) & 0o7777);
        entry.resume();
      } else if (h.type === 'file' || h.type === 'contiguous-file') {
        await mkdir(dirname(out), { recursive: true });
        await pipeline(entry, createWriteStream(out, { mode: 0o600 }));
        await chmod(out, (h.mode ?? 0o644) & 0o7777);
        if (h.mtime) await utimes(out, h.mtime, h.mtime);
        files++;
      } else {
        skipped.push(`${h.name} (${h.type})`);
        entry.resume();
      }
      throwIfAborted(opts.signal);
    }
    await feed;
    const exit = await session.exit;
    if (exit.code !== 0) throw tarFailure(exit, stderr());
    opts.onProgress?.({ done: files, total: files, bytes, totalBytes: bytes });
    const note = `${files} files, ${bytes} bytes → ${localDest}${skipped.length ? `; skipped ${skipped.join(', ')}` : ''}`;
    return { action, done: [{ object, note }], failures: [], cancelled: false };
  } catch (err) {
    session?.stdout.destroy();
    if (opts.signal?.aborted) return { action, done: [], failures: [], cancelled: true };
    return { action, done: [], failures: [toFailure(object, `copy to ${localDest}`, err)], cancelled: false };
  }
}

interface LocalEntry {
  abs: string;
  name: string;
  type: 'file' | 'directory' | 'symlink';
  mode: number;
  size: number;
  mtime: Date;
}

async function walk(abs: string, name: string, out: LocalEntry[]): Promise<void> {
  const st = await lstat(abs);
  if (st.isSymbolicLink()) {
    out.push({ abs, name, type: 'symlink', mode: st.mode & 0o7777, size: 0, mtime: st.mtime });
  } else if (st.isDirectory()) {
    out.push({ abs, name, type: 'directory', mode: st.mode & 0o7777, size: 0, mtime: st.mtime });
    for (const child of (await readdir(abs)).sort()) await walk(join(abs, child), `${name}/${child}`, out);
  } else if (st.isFile()) {
    out.push({ abs, name, type: 'file', mode: st.mode & 0o7777, size: st.size, mtime: st.mtime });
  }
}

/** The tar kdeck streams into the container: `name` is the entry name of the source's root. */
export async function packLocal(
  src: string,
  name: string,
): Promise<{ entries: LocalEntry[]; totalBytes: number }> {
  const entries: LocalEntry[] = [];
  await walk(resolve(src), name, entries);
  return { entries, totalBytes: entries.reduce((n, e) => n + e.size, 0) };
}

async function writeTar(
  pack: tar.Pack,
  entries: LocalEntry[],
  signal: AbortSignal | undefined,
): Promise<void> {
  for (const e of entries) {
    throwIfAborted(signal);
    const header = { name: e.name, mode: e.mode, mtime: e.mtime };
    if (e.type === 'directory') {
      await new Promise<void>((ok, fail) =>
        pack.entry({ ...header, type: 'directory' }, (err) => (err ? fail(err) : ok())),
      );
    } else if (e.type === 'symlink') {
      const linkname = await readlink(e.abs);
      await new Promise<void>((ok, fail) =>
        pack.entry({ ...header, type: 'symlink', linkname }, (err) => (err ? fail(err) : ok())),
      );
    } else {
      const sink = pack.entry({ ...header, type: 'file', size: e.size });
      await pipeline(createReadStream(e.abs), sink);
    }
  }
  pack.finalize();
}

/**
 * Local → pod: a tar made here streamed into `tar --no-same-permissions --no-same-owner -xmf - -C dir`
 * in the container, as kubectl cp does. A destination that is a directory in the container
 * receives the source under its own name.
 */
export async function copyToPod(
  ctx: ActionContext,
  localSrc: string,
  dest: PodPath,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  const action = 'copy';
  const object = describePodPath(dest);
  if (ctx.readOnly)
    return { action, done: [], failures: [readOnlyFailure(object, action)], cancelled: false };
  const where = { namespace: dest.namespace, pod: dest.pod, container: dest.container };
  let session: ExecSession | undefined;
  try {
    let target = dest.path;
    if (target.endsWith('/') || (await podIsDir(ctx, dest, opts.signal)))
      target = posix.join(target, basename(resolve(localSrc)));
    const dir = posix.dirname(target);
    const { entries, totalBytes } = await packLocal(localSrc, posix.basename(target));
    session = await ctx.mutate.exec({
      ...where,
      command: ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-', '-C', dir],
      stdin: true,
      signal: opts.signal,
    });
    const stderr = collect(session.stderr);
    session.stdout.resume();
    if (!session.stdin) throw new ActionError('exec gave no stdin', 'ExecFailed', 'retry');
    let bytes = 0;
    const files = entries.filter((e) => e.type === 'file').length;
    const pack = tar.pack();
    const fed = pipeline(
      pack,
      recordPad(),
      counter((n) => {
        bytes += n;
        opts.onProgress?.({ done: 0, total: files, bytes: Math.min(bytes, totalBytes), totalBytes });
      }),
      session.stdin,
      { signal: opts.signal },
    );
    try {
      await Promise.all([writeTar(pack, entries, opts.signal), fed]);
    } catch (err) {
      // A broken pipe usually means tar never ran or died: its exit status says why better than EPIPE.
      if (opts.signal?.aborted) throw err;
      const exit = await session.exit;
      throw exit.code !== 0 ? tarFailure(exit, stderr()) : err;
    }
    const exit = await session.exit;
    if (exit.code !== 0) throw tarFailure(exit, stderr());
    opts.onProgress?.({ done: files, total: files, bytes: totalBytes, totalBytes });
    return {
      action,
      done: [
        {
          object: `${dest.namespace}/${dest.pod}:${target}`,
          note: `${files} files, ${totalBytes} bytes from ${localSrc}`,
        },
      ],
      failures: [],
      cancelled: false,
    };
  } catch (err) {
    session?.stdin?.destroy();
    if (opts.signal?.aborted) return { action, done: [], failures: [], cancelled: true };
    return { action, done: [], failures: [toFailure(object, `copy ${localSrc}`, err)], cancelled: false };
  }
}

/** `test -d` in the container, as kubectl asks before deciding where a copy lands. */
async function podIsDir(ctx: ActionContext, p: PodPath, signal: AbortSignal | undefined): Promise<boolean> {
  const s = await ctx.mutate.exec({
    namespace: p.namespace,
    pod: p.pod,
    container: p.container,
    command: ['test', '-d', p.path],
    stdin: false,
    signal,
  });
  s.stdout.resume();
  s.stderr.resume();
  return (await s.exit).code === 0;
}

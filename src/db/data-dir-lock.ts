import fs from 'node:fs';
import os from 'node:os';

/**
 * An exclusive lock on an embedded (PGlite) data directory. PGlite is PostgreSQL in one process
 * with no shared memory between processes: a second process on the same files (a `registry
 * import` beside a running `serve`) writes pages the first one overwrites, and rows are lost.
 * So the first opener writes `<dir>.lock` (created exclusively), holding its pid, and removes it
 * on close or exit; another process is refused with a message naming the directory and the
 * holder. A lock whose process is gone (kill -9, power loss) is stale and taken over.
 *
 * Limits: liveness is checked by pid on this host; a lock written on another host (a shared
 * volume) is never taken over, and a pid reused by an unrelated process keeps the lock until
 * the file is removed by hand (the message says which file).
 */

export interface LockHolder {
  pid: number;
  hostname: string;
  command: string;
  since: string;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';

  constructor(
    readonly dir: string,
    readonly lockFile: string,
    readonly holder: LockHolder | undefined,
  ) {
    const who = holder ? `process ${holder.pid} on ${holder.hostname} ("${holder.command}", since ${holder.since})` : 'another process';
    super(
      `The embedded database in ${dir} is in use by ${who}. Only one process may open it at a time: ` +
        `stop that process first (or run this command while the server is stopped), or use a PostgreSQL server ` +
        `(DATABASE_URL) to run several processes on one database. If no such process exists, remove ${lockFile}.`,
    );
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** Locks held by this process, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, hostname: String(parsed.hostname ?? ''), command: String(parsed.command ?? ''), since: String(parsed.since ?? '') } : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock is stale when its process, on this host, is gone (or is this process, which does not hold it). */
function isStale(holder: LockHolder | undefined, file: string): boolean {
  if (!holder) {
    // Unreadable or half-written: stale only once it is old enough not to be a lock being written now.
    try {
      return Date.now() - fs.statSync(file).mtimeMs > 10_000;
    } catch {
      return true;
    }
  }
  if (holder.hostname !== os.hostname()) return false;
  if (holder.pid === process.pid) return !heldHere.has(file);
  return !processAlive(holder.pid);
}

/** Takes the lock of `dir` or throws DataDirLockedError. */
export function lockDataDir(dir: string): DataDirLock {
  const file = `${dir.replace(/[\\/]+$/, '')}.lock`;
  const me: LockHolder = { pid: process.pid, hostname: os.hostname(), command: process.argv.slice(2).join(' ') || process.argv[1] || 'node', since: new Date().toISOString() };
  const content = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, content, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (attempt >= 3 || !isStale(holder, file)) throw new DataDirLockedError(dir, file, holder);
    // Read again just before removing: another process may have taken it over meanwhile.
    if (JSON.stringify(readHolder(file)) !== JSON.stringify(holder)) continue;
    fs.rmSync(file, { force: true });
  }
  heldHere.add(file);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(file);
    process.removeListener('exit', release);
    // Only our own lock: never remove one another process has taken over.
    const holder = readHolder(file);
    if (holder?.pid === me.pid && holder.since === me.since) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { file, release };
}

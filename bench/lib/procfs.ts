/**
 * What a server process tree costs, read from Linux /proc: CPU time (utime + stime; in all, and on
 * the main threads) and resident memory, summed over the process and all its descendants
 * (wrangler runs workerd as a child, a clustered `npm start` runs its workers as children).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times: 100 on Linux for x86 and arm64 (getconf CLK_TCK). */
const TICKS_PER_SECOND = 100;

interface Stat {
  pid: number;
  ppid: number;
  /** utime + stime, seconds. */
  cpu: number;
}

/** `path`: a process's stat, or one thread's (/proc/<pid>/task/<tid>/stat, the same fields). */
function readStat(pid: number, path = `/proc/${pid}/stat`): Stat | null {
  try {
    const text = readFileSync(path, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ') '.
    const fields = text.slice(text.lastIndexOf(') ') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return null; // exited meanwhile
  }
}

function allStats(): Stat[] {
  const stats: Stat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) stats.push(stat);
  }
  return stats;
}

/** The pid and every live descendant's pid. */
export function processTree(root: number): number[] {
  const stats = allStats();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const s of stats) if (s.ppid === tree[i]) tree.push(s.pid);
  return tree;
}

/**
 * CPU seconds used so far by the tree under `root`, all threads, and by its processes' main
 * threads alone (the thread whose id is the pid). Node runs JavaScript on its main thread; the
 * rest is the libuv pool (Web Crypto's signatures and digests), V8's compilers and collectors.
 */
export function treeCpu(root: number): { all: number; mainThreads: number } {
  let all = 0;
  let mainThreads = 0;
  for (const pid of processTree(root)) {
    all += readStat(pid)?.cpu ?? 0;
    mainThreads += mainThreadCpuSeconds(pid);
  }
  return { all, mainThreads };
}

/** CPU seconds used so far by one process's main thread. */
export function mainThreadCpuSeconds(pid: number): number {
  return readStat(pid, `/proc/${pid}/task/${pid}/stat`)?.cpu ?? 0;
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident bytes of the whole tree now. */
export function treeRssBytes(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + statusField(pid, 'VmRSS'), 0);
}

/** Peak resident bytes over the process's life (VmHWM), summed over the tree. */
export function treePeakRssBytes(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + statusField(pid, 'VmHWM'), 0);
}

/**
 * Samples the tree's resident memory every `everyMs` until stopped; the highest sum seen. A sum of
 * VmHWM would add peaks reached at different moments, so sampling is what a per-figure peak needs.
 * The tree is listed again only every 2 s: scanning all of /proc each sample would cost the
 * sampling process (the load generator, whose CPU is reported) more than reading a few files.
 */
export function sampleRss(root: number, everyMs = 100): { stop(): number } {
  let pids = processTree(root);
  let listedAt = performance.now();
  const now = () => {
    if (performance.now() - listedAt > 2000) (pids = processTree(root)), (listedAt = performance.now());
    return pids.reduce((sum, pid) => sum + statusField(pid, 'VmRSS'), 0);
  };
  let peak = now();
  const timer = setInterval(() => (peak = Math.max(peak, now())), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, treeRssBytes(root));
    },
  };
}

/** A child of this process whose command line contains every one of `parts` (e.g. wrangler and its port). */
export function childPidMatching(parts: string[], parent = process.pid): number | null {
  for (const s of allStats()) {
    if (s.ppid !== parent) continue;
    try {
      const args = readFileSync(`/proc/${s.pid}/cmdline`, 'utf8').split('\0');
      if (parts.every((p) => args.includes(p) || args.some((a) => a.includes(p)))) return s.pid;
    } catch {
      // exited
    }
  }
  return null;
}

/** "Intel(R) Xeon(R) …" and the number of processors, for the report's header. */
export function machine(): { model: string; cpus: number } {
  const info = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? /^Model\s*:\s*(.+)$/m.exec(info)?.[1] ?? 'unknown';
  const cpus = (info.match(/^processor\s*:/gm) ?? []).length;
  return { model, cpus };
}

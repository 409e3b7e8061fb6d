/**
 * Measuring Chromium from outside: the CPU time of its whole process tree from /proc, and the page-side
 * scripts that timestamp what a viewer sees (a slide with its data, a live event, animation frames).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { slideMountObserver } from '../../tests/e2e/support/wall';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on Linux unless told otherwise). */
export function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, in clock ticks */
  ticks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is in parentheses and may itself contain spaces or parentheses: split after the last ')'.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // After comm: state(0) ppid(1) ... utime(11) stime(12)
    return { pid, ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/**
 * The CPU ticks (user + system) of every process under `rootPid` that is not a Node process (the served
 * app is our child too), by pid. Chromium's browser, zygote, GPU, utility and renderer processes all
 * descend from the process that launched them.
 */
export function chromiumTreeTicks(rootPid: number = process.pid): Map<number, number> {
  const stats = fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) {
    const list = children.get(stat.ppid) ?? [];
    list.push(stat);
    children.set(stat.ppid, list);
  }
  const result = new Map<number, number>();
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (child.comm !== 'node') result.set(child.pid, child.ticks);
      visit(child.pid);
    }
  };
  visit(rootPid);
  return result;
}

/** CPU seconds the tree used between two samples (processes that started in between count in full). */
export function cpuSecondsBetween(before: Map<number, number>, after: Map<number, number>, ticksPerSecond: number) {
  let ticks = 0;
  for (const [pid, now] of after) ticks += now - (before.get(pid) ?? 0);
  return ticks / ticksPerSecond;
}

/**
 * Installed before any page script: timestamps (performance.now(), ms since navigation) of the first frame
 * in which a slide shows its figures, and a count of slides shown since (created, or kept and shown again). It observes the DOM only; it runs no
 * timer or animation-frame loop of its own.
 */
export function slideWatcherScript(readySelectors: Record<string, string>): string {
  return `(() => {
    const ready = ${JSON.stringify(readySelectors)};
    const state = { firstDataFrameAt: null, shows: 0 };
    window.__bench = state;
    ${slideMountObserver('state.shows += 1;')}
    const check = () => {
      if (state.firstDataFrameAt !== null) return;
      for (const slide of document.querySelectorAll('[data-testid^="slide-"]')) {
        const id = slide.getAttribute('data-testid').slice('slide-'.length);
        const selector = ready[id];
        if (selector && slide.querySelector(selector)) {
          state.firstDataFrameAt = -1;
          // The frame that paints it: the next animation frame's time.
          requestAnimationFrame((t) => { state.firstDataFrameAt = t; });
          return;
        }
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
  })();`;
}

/**
 * Installed in the page that watches the activity feed: records, per text it is asked to look for, the
 * absolute time (timeOrigin + now) at which it first appears in the DOM.
 */
export const LIVE_WATCHER_SCRIPT = `(() => {
  const state = { wanted: new Set(), seenAt: {} };
  window.__live = state;
  new MutationObserver(() => {
    if (state.wanted.size === 0) return;
    const text = document.body ? document.body.innerText : '';
    for (const title of state.wanted) {
      if (text.includes(title)) {
        state.seenAt[title] = performance.timeOrigin + performance.now();
        state.wanted.delete(title);
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/**
 * Installed only while measuring transitions: an animation-frame loop that keeps every frame's timestamp,
 * and the intervals during which a slide change (the kiosk's clearing cover) is running.
 */
export const FRAME_RECORDER_SCRIPT = `(() => {
  const state = { frames: [], transitions: [], open: null, running: true };
  window.__frames = state;
  const loop = (t) => { state.frames.push(t); if (state.running) requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  const active = () => document.querySelector('.slide-cover--clearing') !== null;
  new MutationObserver(() => {
    const now = performance.now();
    if (active() && state.open === null) state.open = now;
    else if (!active() && state.open !== null) { state.transitions.push([state.open, now]); state.open = null; }
  }).observe(document.body, { attributes: true, attributeFilter: ['class'], childList: true, subtree: true });
})();`;

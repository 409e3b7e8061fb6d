/**
 * The floor every browser figure is compared with: a static page whose only work is a clock that changes
 * once a second, served from loopback. Measured in the same run, with the same Chromium, flags, size and
 * duration as the wall, it tells what the machine and the browser cost by themselves that day, so that a
 * figure divided by the floor's compares across machines and across quiet and busy hours.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The floor page: large text like a slide's, a clock re-armed by one timeout per second, nothing else. */
export const FLOOR_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Floor</title>
<style>
  html, body { margin: 0; height: 100%; background: #0b0f19; color: #f5f7fb; font-family: sans-serif; }
  main { display: grid; place-items: center; height: 100%; }
  h1 { font-size: 6vh; margin: 0; }
  p { font-size: 12vh; margin: 0; font-variant-numeric: tabular-nums; }
</style></head>
<body><main><div><h1>Floor page</h1><p id="clock"></p></div></main>
<script>
  const clock = document.getElementById('clock');
  const tick = () => {
    const now = new Date();
    clock.textContent = now.toTimeString().slice(0, 8);
    setTimeout(tick, 1000 - now.getMilliseconds());
  };
  tick();
</script></body></html>`;

/** A running floor server on 127.0.0.1. */
export interface FloorServer {
  url: string;
  close(): Promise<void>;
}

/** Serves {@link FLOOR_HTML} on an ephemeral loopback port. */
export async function startFloorServer(): Promise<FloorServer> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(FLOOR_HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Installed before any page script: the time (ms since navigation) of the first contentful paint, read
 * from the browser's own paint timing.
 */
export const FCP_WATCHER_SCRIPT = `(() => {
  const state = { fcp: null };
  window.__fcp = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'first-contentful-paint' && state.fcp === null) state.fcp = entry.startTime;
    }
  }).observe({ type: 'paint', buffered: true });
})();`;

/**
 * Runs `work` once the browser has painted the next frame: for work the screen does not need yet (the
 * other slides' data), so that it does not hold up what is about to be shown. The animation frame comes
 * before the paint; the task queued from it runs after.
 */
export function afterNextPaint(work: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(work, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(work, 0));
}

/**
 * Starts the browser's date and number formatting (ICU) on another thread while the page's scripts load.
 * The first `Intl.DateTimeFormat` of a page costs tens of milliseconds of one-time set-up (locale data,
 * time zones, the pattern generator), which the wall's first slide otherwise pays on the main thread
 * before it can paint; ICU keeps that set-up for the whole renderer process, so a worker that pays it
 * first leaves the main thread less to do (docs/performance.md, "The first slide"). Runs at the top of the
 * entry chunk, before the app is created; harmless where workers are not available.
 */
if (typeof Worker === 'function') {
  try {
    new Worker(new URL('./intl-warmer.ts', import.meta.url), { type: 'module' });
  } catch {
    // No worker here: the main thread pays the set-up, as it did before.
  }
}

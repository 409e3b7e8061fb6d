/**
 * Starts the browser's date and number formatting (ICU) on another thread while the page's scripts load.
 * The first `Intl.DateTimeFormat` of a page costs tens of milliseconds of one-time set-up (locale data,
 * time zones, the pattern generator), which the wall's first slide otherwise pays on the main thread
 * before it can paint; ICU keeps that set-up for the whole renderer process, so a worker that pays it
 * first leaves the main thread less to do (docs/performance.md, "The first slide"). Runs before the app's
 * own modules; harmless where workers are not available.
 */
const worker =
  typeof Worker === 'function'
    ? safely(() => new Worker(new URL('./intl-warmer.ts', import.meta.url), { type: 'module' }))
    : null;

function safely<T>(make: () => T): T | null {
  try {
    return make();
  } catch {
    return null;
  }
}

export {};
void worker;

/**
 * The worker of warm-intl.ts: makes the formatters the wall's first slide and clock make, in the room's
 * default locale and the browser's own, then ends.
 */
for (const locale of new Set(['en-GB', navigator.language])) {
  try {
    new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions();
    new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(0);
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(0);
    new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(1);
  } catch {
    // an unknown locale: nothing to warm
  }
}
self.close();

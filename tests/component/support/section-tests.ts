/** What every admin section's component test sets up around itself. */
import { afterEach, beforeEach, vi } from 'vitest';
import { setApi } from '../../../src/api';
import { NOW } from './fixtures';

/**
 * Registers what every section test needs around it: the clock at {@link NOW} (Date only, unless
 * `clock: false`: a test that sets its own), and afterwards real timers, the real api and an empty page.
 */
export function setUpSectionTests(options: { clock?: boolean } = {}): void {
  if (options.clock !== false) {
    beforeEach(() => {
      vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    });
  }
  afterEach(() => {
    vi.useRealTimers();
    setApi(undefined);
    document.body.innerHTML = '';
  });
}

// The cursor on the wall is the renderer's job (no main-process insertCSS): the kiosk view hides it while
// the mouse is idle (src/lib/idle-cursor.ts, tested in tests/component/views/KioskView.cursor.test.ts), so
// a mouse moved once is never left sitting on the figures; the admin view keeps it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the kiosk cursor', () => {
  it('is hidden by the kiosk view’s idle class, not for good', () => {
    const sfc = readFileSync(join(import.meta.dirname, '../../../src/views/KioskView.vue'), 'utf8');
    const style = /<style[^>]*>([\s\S]*?)<\/style>/.exec(sfc)?.[1] ?? '';
    const idleRule = /(?:^|\n)\.kiosk--cursor-idle\s*\{([^}]*)\}/.exec(style)?.[1] ?? '';
    const kioskRule = /(?:^|\n)\.kiosk\s*\{([^}]*)\}/.exec(style)?.[1] ?? '';
    expect(idleRule).toMatch(/(?:^|\n)\s*cursor:\s*none;/);
    expect(kioskRule).not.toMatch(/cursor:/);
  });
});

import { describe, expect, it } from 'vitest';
import { buildKioskWindowOptions } from '../../../electron/main/window-options';

describe('buildKioskWindowOptions', () => {
  const preloadPath = '/app/out/preload/index.cjs';

  it('makes a fullscreen kiosk that shows itself only once painted', () => {
    const options = buildKioskWindowOptions({ preloadPath, kiosk: true });
    expect(options.kiosk).toBe(true);
    expect(options.fullscreen).toBe(true);
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('isolates and sandboxes the renderer and gives it no Node', () => {
    const prefs = buildKioskWindowOptions({ preloadPath, kiosk: true }).webPreferences;
    expect(prefs).toMatchObject({
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('keeps the display running while the window is not focused', () => {
    const prefs = buildKioskWindowOptions({ preloadPath, kiosk: true }).webPreferences;
    expect(prefs?.backgroundThrottling).toBe(false);
    expect(prefs?.spellcheck).toBe(false);
  });

  it('gives an ordinary window when not in kiosk mode, with the same protections', () => {
    const windowed = buildKioskWindowOptions({ preloadPath, kiosk: false });
    const kiosk = buildKioskWindowOptions({ preloadPath, kiosk: true });
    expect(windowed.kiosk).toBe(false);
    expect(windowed.fullscreen).toBe(false);
    expect(windowed.width).toBeGreaterThan(0);
    expect(windowed.height).toBeGreaterThan(0);
    expect(windowed.webPreferences).toEqual(kiosk.webPreferences);
  });
});

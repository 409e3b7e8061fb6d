import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { applyAutostart, wantsAutostart } from '../../../electron/main/autostart';

const resources = join(import.meta.dirname, '../../../resources/linux');

/** The `key=value` lines of one `[section]` of an INI-style file (desktop entry, systemd unit). */
function section(text: string, name: string): Map<string, string> {
  const entries = new Map<string, string>();
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) current = header[1]!;
    else if (current === name && line.includes('='))
      entries.set(line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1));
  }
  return entries;
}

describe('autostart at login', () => {
  it('is on for the kiosk, off with --no-autostart or a windowed start', () => {
    expect(wantsAutostart(true, ['electron', '.'])).toBe(true);
    expect(wantsAutostart(true, ['electron', '.', '--no-autostart'])).toBe(false);
    expect(wantsAutostart(false, ['electron', '.'])).toBe(false);
  });

  it('sets a login item on macOS and Windows', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const app = { setLoginItemSettings: vi.fn() };
      expect(applyAutostart(app, platform, true)).toBe(true);
      expect(app.setLoginItemSettings).toHaveBeenCalledExactlyOnceWith({ openAtLogin: true });
    }
    const off = { setLoginItemSettings: vi.fn() };
    applyAutostart(off, 'win32', false);
    expect(off.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: false });
  });

  it('leaves Linux to the shipped autostart file and systemd unit', () => {
    const app = { setLoginItemSettings: vi.fn() };
    expect(applyAutostart(app, 'linux', true)).toBe(false);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('ships an XDG autostart entry that starts the app', () => {
    const entry = section(readFileSync(join(resources, 'alignboard.desktop'), 'utf8'), 'Desktop Entry');
    expect(entry.get('Type')).toBe('Application');
    expect(entry.get('Exec')).toMatch(/^alignboard\b/);
    expect(entry.get('X-GNOME-Autostart-enabled')).toBe('true');
    expect(entry.get('Terminal')).toBe('false');
  });

  it('ships a systemd user unit that always restarts the app, without a start limit', () => {
    const text = readFileSync(join(resources, 'alignboard.service'), 'utf8');
    const service = section(text, 'Service');
    expect(service.get('Restart')).toBe('always');
    expect(Number(service.get('RestartSec'))).toBeGreaterThan(0);
    expect(service.get('ExecStart')).toMatch(/alignboard$/);
    expect(section(text, 'Unit').get('StartLimitIntervalSec')).toBe('0');
    expect(section(text, 'Install').get('WantedBy')).toBe('graphical-session.target');
  });
});

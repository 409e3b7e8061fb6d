import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fake electron module: windows whose page is the report page, ready after a few probes. */
const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');

  class FakeWebContents extends EventEmitter {
    static nextId = 1;
    readonly id = FakeWebContents.nextId++;
    readonly session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    readonly setWindowOpenHandler = vi.fn();
    /** what the page answers to the ready probe, in turn; then the sections' boxes */
    probes: unknown[] = [null, null, { ok: true, scale: '0.85' }];
    readonly executeJavaScript = vi.fn(async (code: string) =>
      code.includes('data-report-section')
        ? [
            { section: 'kpi', title: 'Shared KPI', x: 0, y: 10.2, width: 300.4, height: 120 },
            { section: 'sla', title: 'Two-way SLA', x: 310, y: 10, width: 300, height: 140 },
          ]
        : this.probes.length > 1
          ? this.probes.shift()
          : this.probes[0],
    );
    readonly printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7 fake'));
    readonly capturePage = vi.fn(async (rect: { width: number }) => ({
      toPNG: () => Buffer.from(`png ${rect.width}`),
    }));
  }

  class FakeBrowserWindow extends EventEmitter {
    static created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    destroyed = false;
    readonly loadURL = vi.fn(async (_url: string) => {});
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.created.push(this);
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
      this.emit('closed');
    }
  }
  return { FakeBrowserWindow, shell: { openExternal: vi.fn() } };
});

vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow, shell: fake.shell }));

const { createPrintWindow, ownWebContents, reportPrintUrl } = await import('../../../electron/main/windows');
const { createElectronPrinter } = await import('../../../electron/main/report-printer');

const printer = () => createElectronPrinter({ openWindow: createPrintWindow, pageUrl: reportPrintUrl, pollMs: 1 });
const lastWindow = () => fake.FakeBrowserWindow.created.at(-1)!;

afterEach(() => {
  fake.FakeBrowserWindow.created.length = 0;
});

describe('the report printer inside the app', () => {
  it('prints the report page of the week from a hidden window of our own, at the scale the page asks for', async () => {
    const pdf = await printer().pdf('2026-W48', 'Letter');
    const win = lastWindow();
    expect(pdf.toString()).toBe('%PDF-1.7 fake');
    expect(win.options).toMatchObject({ show: false, kiosk: false });
    expect((win.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    expect(win.loadURL).toHaveBeenCalledWith('app://alignboard/index.html?view=report&week=2026-W48&print=1');
    // It waited until the page said it was ready, then printed once.
    expect(win.webContents.executeJavaScript).toHaveBeenCalledTimes(3);
    expect(win.webContents.printToPDF).toHaveBeenCalledWith({ pageSize: 'Letter', printBackground: true, scale: 0.85 });
    expect(win.destroyed).toBe(true);
    expect(ownWebContents()).not.toContain(win.webContents);
  });

  it('may use IPC while it prints: it is one of our own windows until destroyed', async () => {
    const printing = printer().pdf('2026-W48', 'A4');
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.created).toHaveLength(1));
    expect(ownWebContents()).toContain(lastWindow().webContents);
    await printing;
  });

  it('pictures each section of the page', async () => {
    const shots = await printer().sectionPngs('2026-W48');
    expect(shots.map((shot) => [shot.section, shot.title, shot.png.toString()])).toEqual([
      ['kpi', 'Shared KPI', 'png 301'],
      ['sla', 'Two-way SLA', 'png 300'],
    ]);
    expect(lastWindow().webContents.capturePage).toHaveBeenNthCalledWith(1, { x: 0, y: 10, width: 301, height: 121 });
  });

  it('fails with the page own words when the report cannot be shown, and closes the window', async () => {
    const failing = createElectronPrinter({
      openWindow: () => {
        const win = createPrintWindow();
        (win.webContents as unknown as { probes: unknown[] }).probes = [
          { ok: false, error: 'week 2026-W60 is unknown' },
        ];
        return win;
      },
      pageUrl: reportPrintUrl,
      pollMs: 1,
    });
    await expect(failing.pdf('2026-W60', 'A4')).rejects.toThrow(
      'The report page could not show week 2026-W60: week 2026-W60 is unknown',
    );
    expect(lastWindow().destroyed).toBe(true);
  });

  it('gives up on a page that never gets ready', async () => {
    const slow = createElectronPrinter({
      openWindow: () => {
        const win = createPrintWindow();
        (win.webContents as unknown as { probes: unknown[] }).probes = [null];
        return win;
      },
      pageUrl: reportPrintUrl,
      pollMs: 1,
      timeoutMs: 20,
    });
    await expect(slow.pdf('2026-W48', 'A4')).rejects.toThrow('did not finish loading');
  });
});

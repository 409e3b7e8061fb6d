import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// electron-builder's own loader and schema check (app-builder-lib is the package electron-builder runs, at
// the same pinned version): the test sees the configuration exactly as `npm run dist` would, and an
// unknown or misspelt option fails here instead of on the packaging machine.
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
// The glob library electron-builder matches `files` and `asarUnpack` with.
import { minimatch } from 'minimatch';
import { pngSize, readIcns, readIco } from '../scripts/icon-files';

const root = join(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName: string };

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(root, null, null);
  await validateConfiguration(config, new DebugLogger(false));
});

/** The patterns as plain strings (electron-builder normalises `files` into `{ filter }` sets). */
function patterns(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    const filter = (item as { filter?: string | string[]; from?: string }).filter;
    return filter === undefined ? [] : Array.isArray(filter) ? filter : [filter];
  });
}

/** Whether a project-relative path goes into the app: the last pattern that matches it decides. */
function packed(path: string, list: string[]): boolean {
  let included = false;
  for (const pattern of list) {
    const negated = pattern.startsWith('!');
    if (minimatch(path, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated;
  }
  return included;
}

const targetsOf = (platform: 'linux' | 'win' | 'mac') =>
  (config[platform]?.target as (string | { target: string })[] | undefined)?.map((entry) =>
    typeof entry === 'string' ? entry : entry.target,
  );

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema check', () => {
    expect(config.appId).toBeDefined();
  });

  it('names the app as package.json does and gives it a stable id', () => {
    expect(config.appId).toBe('dev.alignboard.app');
    expect(config.productName).toBe('Alignboard');
    expect(config.productName).toBe(pkg.productName);
  });

  it('builds AppImage and deb on Linux, an NSIS installer on Windows and a dmg on macOS', () => {
    expect(targetsOf('linux')).toEqual(['AppImage', 'deb']);
    expect(targetsOf('win')).toEqual(['nsis']);
    expect(targetsOf('mac')).toEqual(['dmg']);
  });

  it('puts the version and the architecture in every artifact name', () => {
    const names = [
      config.artifactName,
      ...(['linux', 'win', 'mac', 'nsis', 'dmg', 'appImage', 'deb'] as const).map(
        (key) => (config[key] as { artifactName?: string | null } | null | undefined)?.artifactName,
      ),
    ].filter((name): name is string => typeof name === 'string');
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^(?=.*\$\{version\})(?=.*\$\{arch\}).*\$\{ext\}$/);
  });

  it('flips the security fuses: no Node mode, no NODE_OPTIONS, no inspector, only the verified asar, no file: privileges', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).not.toBe(false);
  });

  it('unpacks better-sqlite3’s native binary from the asar, and nothing else of node_modules', () => {
    const unpack = patterns(config.asarUnpack);
    const moduleDir = join(root, 'node_modules', 'better-sqlite3');
    const binaries: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.node')) binaries.push(relative(root, path).split('\\').join('/'));
      }
    };
    walk(moduleDir);
    expect(binaries).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    for (const binary of binaries) expect(packed(binary, unpack), binary).toBe(true);
    expect(packed('node_modules/better-sqlite3/lib/database.js', unpack)).toBe(false);
    expect(packed('node_modules/zod/index.js', unpack)).toBe(false);
  });

  it('packs the build output and package.json, and leaves sources, tests and icon sources out', () => {
    const files = patterns(config.files);
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    for (const path of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(packed(path, files), path).toBe(true);
    }
    for (const path of [
      'src/App.vue',
      'electron/main/index.ts',
      'tests/unit/electron/electron-builder.test.ts',
      'bench/browser.bench.ts',
      'docs/metrics.md',
      'scripts/dist.mjs',
      'resources/icon.svg',
      'resources/icons/1024x1024.png',
      'electron-builder.yml',
      '.data/alignboard.db',
    ]) {
      expect(packed(path, files), path).toBe(false);
    }
  });

  it('ships the Linux autostart files with the packages', () => {
    expect(config.linux?.extraResources).toEqual([{ from: 'resources/linux', to: 'linux' }]);
    expect(existsSync(join(root, 'resources/linux/alignboard.desktop'))).toBe(true);
    expect(existsSync(join(root, 'resources/linux/alignboard.service'))).toBe(true);
  });

  it('installs the Linux executable where the systemd unit and the autostart file start it', () => {
    // electron-builder's deb puts the app in /opt/<productName>/ and links /usr/bin/<executableName>.
    const executable = config.linux?.executableName;
    expect(executable).toEqual(expect.any(String));
    const unit = readFileSync(join(root, 'resources/linux/alignboard.service'), 'utf8');
    const desktop = readFileSync(join(root, 'resources/linux/alignboard.desktop'), 'utf8');
    expect(unit).toMatch(new RegExp(`^ExecStart=/opt/${config.productName}/${executable}$`, 'm'));
    expect(desktop).toMatch(new RegExp(`^Exec=${executable}$`, 'm'));
  });
});

describe('the app icons electron-builder.yml points at', () => {
  const iconPath = (platform: 'linux' | 'win' | 'mac') => {
    const icon = config[platform]?.icon;
    expect(icon, `${platform}.icon`).toEqual(expect.any(String));
    return join(root, icon as string);
  };

  it('Linux: a folder with every size from 16 to 1024 px, each PNG as large as its name says', () => {
    const dir = iconPath('linux');
    expect(statSync(dir).isDirectory()).toBe(true);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const file = join(dir, `${size}x${size}.png`);
      expect(pngSize(readFileSync(file)), file).toEqual({ width: size, height: size });
    }
  });

  it('Windows: an .ico with every size from 16 to 256 px, holding the icon rather than blank images', () => {
    const entries = readIco(readFileSync(iconPath('win')));
    expect(entries.map((entry) => entry.size).sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const entry of entries) {
      expect([entry.imageWidth, entry.imageHeight]).toEqual([entry.size, entry.size]);
      expect(entry.bitsPerPixel).toBe(32);
    }
    // The rounded corners are transparent and the middle is opaque, even at 16 px.
    const smallest = entries.find((entry) => entry.size === 16)!;
    expect(smallest.alphaAt!(0, 0)).toBeLessThan(128);
    expect(smallest.alphaAt!(8, 8)).toBe(255);
  });

  it('macOS: an .icns with the PNG sizes from 32 to 1024 px, plus the 16 px bitmap', () => {
    const elements = readIcns(readFileSync(iconPath('mac')));
    // ic11–ic14 are the @2x types: 16, 32, 128 and 256 pt at twice the pixels.
    const sizes: Record<string, number> = {
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    };
    for (const [type, size] of Object.entries(sizes)) {
      expect(elements.find((element) => element.type === type)).toEqual({ type, width: size, height: size });
    }
    const pixelSizes = new Set(elements.flatMap((element) => (element.width === undefined ? [] : [element.width])));
    expect([...pixelSizes].sort((a, b) => a - b)).toEqual([32, 64, 128, 256, 512, 1024]);
    // The 16 px entry is an ARGB bitmap (ic04), not a PNG, as iconutil writes it.
    expect(elements.map((element) => element.type)).toContain('ic04');
  });
});

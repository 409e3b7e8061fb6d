import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The `key: value` pairs directly under a top-level `block:` of a YAML file. Enough for
 * electron-builder.yml's flat blocks; no YAML library needed.
 */
function topLevelBlock(yaml: string, block: string): Map<string, string> {
  const entries = new Map<string, string>();
  let inside = false;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) {
      inside = line.replace(/\s+#.*$/, '').trim() === `${block}:`;
      continue;
    }
    const pair = /^ {2}([A-Za-z]\w*):\s*(\S.*?)\s*(?:#.*)?$/.exec(line);
    if (inside && pair) entries.set(pair[1]!, pair[2]!);
  }
  return entries;
}

const yaml = readFileSync(join(import.meta.dirname, '../../../electron-builder.yml'), 'utf8');

describe('electron-builder.yml', () => {
  it('flips the security fuses: no Node mode, no NODE_OPTIONS, no inspector, only the verified asar', () => {
    const fuses = topLevelBlock(yaml, 'electronFuses');
    expect(Object.fromEntries(fuses)).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      enableCookieEncryption: 'true',
    });
  });

  it('ships the Linux autostart files with the packages', () => {
    expect(yaml).toMatch(/^linux:\n(?: {2}.*\n)*? {2}extraResources:\n {4}- from: resources\/linux\n {6}to: linux$/m);
  });
});

import { vi } from 'vitest';

/** Stubs `window.matchMedia` so that exactly the queries `matching` lists match; no change events fire. */
export function stubMatchMedia(...matching: string[]): void {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: matching.includes(query),
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
}

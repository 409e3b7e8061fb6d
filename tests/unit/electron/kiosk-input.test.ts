import { describe, expect, it } from 'vitest';
import { isBlockedKioskInput } from '../../../electron/main/kiosk-input';

const down = (key: string, modifiers: { control?: boolean; meta?: boolean; alt?: boolean; shift?: boolean } = {}) => ({
  type: 'keyDown',
  key,
  ...modifiers,
});

describe('isBlockedKioskInput', () => {
  it.each([
    ['F11', {}],
    ['F12', {}],
    ['F5', {}],
    ['F4', { alt: true }],
    ['w', { control: true }],
    ['W', { control: true, shift: true }],
    ['q', { meta: true }],
    ['r', { control: true }],
    ['R', { control: true, shift: true }],
    ['i', { control: true, shift: true }],
    ['n', { control: true }],
    ['p', { control: true }],
    ['+', { control: true }],
    ['0', { control: true }],
  ])('blocks %s %o', (key, modifiers) => {
    expect(isBlockedKioskInput(down(key, modifiers))).toBe(true);
  });

  // Esc belongs to the page (stand-up, QR code, forms); kiosk mode does not end on it.
  it.each([['a'], ['A'], ['1'], ['Enter'], ['Tab'], ['Backspace'], [' '], ['F4'], ['Escape']])(
    'lets %s through',
    (key) => {
      expect(isBlockedKioskInput(down(key))).toBe(false);
    },
  );

  it('lets editing shortcuts in the admin forms through (copy, paste, undo, select all)', () => {
    for (const key of ['c', 'v', 'x', 'z', 'a']) expect(isBlockedKioskInput(down(key, { control: true }))).toBe(false);
  });

  it('looks only at key-down: a key-up of F11 is harmless', () => {
    expect(isBlockedKioskInput({ type: 'keyUp', key: 'F11' })).toBe(false);
    expect(isBlockedKioskInput({ type: 'rawKeyDown', key: 'F11' })).toBe(true);
  });
});

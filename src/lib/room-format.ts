/**
 * The room's words for a view or a slide, from the display settings: every date, time and number on the
 * wall and in the admin is worded with the room's locale, clock and zone rather than the browser's.
 */
import { computed, type ComputedRef } from 'vue';
import { roomFormat, roomWords, type RoomFormat, type RoomWords } from '@shared/format';
import { useDisplayStore } from '../stores/display';

/** The room's format, following the display settings as they load and change. */
export function useRoomFormat(): ComputedRef<RoomFormat> {
  const display = useDisplayStore();
  // The wall and the admin shell load the settings already; a view shown on its own loads them here.
  void display.ensureLoaded();
  return computed(() => roomFormat(display.settings));
}

/** The room's words (`words.clock(at)`, `words.count(n)`), following the display settings. */
export function useRoomWords(): ComputedRef<RoomWords> {
  const room = useRoomFormat();
  return computed(() => roomWords(room.value));
}

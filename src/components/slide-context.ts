/**
 * What the kiosk tells every slide frame without each slide passing it on: after how long a slide's data
 * counts as stale (the room's `staleAfterHours` setting), which CRM connections feed the slide on
 * screen, and how the room writes times. Provided by the kiosk, injected by SlideFrame.
 */
import type { InjectionKey, Ref } from 'vue';
import type { RoomFormat } from '@shared/format';
import type { CrmFreshness } from '../lib/freshness-words';

/** Milliseconds after the latest change at which a slide's data is marked stale. */
export const STALE_AFTER_MS: InjectionKey<Readonly<Ref<number>>> = Symbol('staleAfterMs');

/** The default when nothing is provided (METRICS: 24 h for manual data). */
export const DEFAULT_STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** The CRM connections whose records the slide on screen shows (none for a slide of local data). */
export const CRM_SOURCES: InjectionKey<Readonly<Ref<readonly CrmFreshness[]>>> = Symbol('crmSources');

/** The room's locale, clock and zone, for the times in the freshness line. */
export const ROOM_FORMAT: InjectionKey<Readonly<Ref<RoomFormat>>> = Symbol('roomFormat');

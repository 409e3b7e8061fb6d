/**
 * What the two teams are called on this wall (the display settings' `teamNames`, set at the first run).
 * TeamMarker is drawn in many slides, views and admin sections; rather than passing the names through
 * every one of them, App.vue provides them once and TeamMarker injects them, as the kiosk does for the
 * stale-data limit (slide-context.ts). Without a provider the names are the defaults.
 */
import type { InjectionKey, Ref } from 'vue';
import type { Team } from '@shared/domain';

export type TeamNames = Readonly<Record<Team, string>>;

export const DEFAULT_TEAM_NAMES: TeamNames = { sales: 'Sales', marketing: 'Marketing' };

/** The room's team names, provided by App.vue. */
export const TEAM_NAMES: InjectionKey<Readonly<Ref<TeamNames>>> = Symbol('teamNames');

/**
 * The sections of the admin view, in navigation order. Each is one component file in this folder
 * (`<file>.vue`), loaded only when it is first opened, so that the kiosk bundle carries none of the forms
 * (nor zod, which their validation brings). A file that does not exist yet shows as "Not available yet".
 */
import { markRaw, type Component, type InjectionKey } from 'vue';

export interface AdminSection {
  /** the `?section=` value */
  id: string;
  title: string;
  /** the component file in src/views/admin, without `.vue` */
  file: string;
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { id: 'people', title: 'People & teams', file: 'PeopleSection' },
  { id: 'campaigns', title: 'Campaigns', file: 'CampaignsSection' },
  { id: 'leads', title: 'Leads', file: 'LeadsSection' },
  { id: 'deals', title: 'Deals', file: 'DealsSection' },
  { id: 'review', title: 'Lead review', file: 'LeadReviewSection' },
  { id: 'sprints', title: 'Sprints', file: 'SprintsSection' },
  { id: 'retros', title: 'Retrospectives', file: 'RetrospectivesSection' },
  { id: 'sla', title: 'SLA', file: 'SlaSection' },
  { id: 'kpi', title: 'Shared KPI', file: 'KpiSection' },
  { id: 'meetings', title: 'Meetings', file: 'MeetingsSection' },
  { id: 'glossary', title: 'Glossary', file: 'GlossarySection' },
  { id: 'display', title: 'Display & schedules', file: 'DisplaySection' },
  { id: 'connections', title: 'CRM connections', file: 'ConnectionsSection' },
  { id: 'import', title: 'Import', file: 'ImportSection' },
  { id: 'backups', title: 'Backups', file: 'BackupsSection' },
  { id: 'reports', title: 'Reports', file: 'ReportsSection' },
];

// One lazy chunk per section file that exists at build time.
const modules = import.meta.glob<{ default: Component }>('./*Section.vue');

/** Whether a section's component exists. */
export function isAvailable(section: AdminSection): boolean {
  return `./${section.file}.vue` in modules;
}

const loaded = new Map<string, Component>();

/** Loads a section's component (once); null when its file does not exist. */
export async function loadSection(section: AdminSection): Promise<Component | null> {
  const cached = loaded.get(section.id);
  if (cached) return cached;
  const load = modules[`./${section.file}.vue`];
  if (!load) return null;
  const component = markRaw((await load()).default);
  loaded.set(section.id, component);
  return component;
}

/** The section a `?section=` value names, or the first one. */
export function sectionById(id: string | null | undefined): AdminSection {
  return ADMIN_SECTIONS.find((section) => section.id === id) ?? ADMIN_SECTIONS[0]!;
}

/** Alt+<key> opens the section at that place: 1–9, then 0 for the tenth. */
export function shortcutKey(index: number): string | null {
  if (index < 9) return String(index + 1);
  return index === 9 ? '0' : null;
}

/** Opens another section, with extra address parameters it reads on opening (e.g. `{ lead: id }`). */
export type OpenSection = (id: string, params?: Record<string, string>) => void;
/** Provided by AdminShell, so that a section can hand over to another (a lead → a deal for it). */
export const OPEN_SECTION: InjectionKey<OpenSection> = Symbol('open-section');

/** Reads an address parameter another section handed over, and removes it so a reload starts clean. */
export function takeParam(name: string): string | null {
  const url = new URL(window.location.href);
  const value = url.searchParams.get(name);
  if (value !== null) {
    url.searchParams.delete(name);
    window.history.replaceState(window.history.state, '', url);
  }
  return value;
}

/**
 * Three pages need no router package: the kiosk at `/`, the admin at `/admin` and the weekly report at
 * `/report`. Inside Electron the page is served from `app://alignboard/index.html` (or a file), so there
 * the admin is `#/admin` instead: a reload of that page must not ask the protocol for an `/admin` file.
 * `?view=admin` and `?view=report` work everywhere. `?slide=<id>` pins the kiosk to one slide;
 * `?week=2026-W48` picks the report's week and `?print=1` shows the report alone, as it is printed.
 */
import { readonly, ref, type Ref } from 'vue';

export type ViewName = 'kiosk' | 'admin' | 'report';

export interface Route {
  view: ViewName;
  /** the slide the kiosk is pinned to, if any */
  slide: string | null;
  /** the report's week (`2026-W48`), if one is asked for */
  week: string | null;
  /** the report page is being printed: no toolbar */
  print: boolean;
}

type Where = Pick<Location, 'pathname' | 'search' | 'hash'>;

/** Reads the route from a location. */
export function parseRoute(where: Where): Route {
  const params = new URLSearchParams(where.search);
  const path = where.pathname.replace(/\/+$/, '');
  const hash = where.hash.replace(/\/+$/, '');
  const admin = path.endsWith('/admin') || hash === '#/admin' || params.get('view') === 'admin';
  const report = path.endsWith('/report') || hash === '#/report' || params.get('view') === 'report';
  return {
    view: admin ? 'admin' : report ? 'report' : 'kiosk',
    slide: params.get('slide') || null,
    week: params.get('week') || null,
    print: params.get('print') === '1',
  };
}

/** The address of a view from the current page: a path over HTTP, a hash in the app (app: or file:). */
export function hrefFor(view: ViewName, where: Pick<Location, 'protocol'> = window.location): string {
  if (where.protocol !== 'http:' && where.protocol !== 'https:') return view === 'kiosk' ? '#/' : `#/${view}`;
  return view === 'kiosk' ? '/' : `/${view}`;
}

/**
 * The report page of a week from the current page: `/report?week=2026-W48` over HTTP, in the app
 * `index.html?view=report&week=2026-W48` (a hash cannot carry the week as a query).
 */
export function reportHref(week: string | null, where: Pick<Location, 'protocol'> = window.location): string {
  const query = week ? `week=${encodeURIComponent(week)}` : '';
  if (where.protocol !== 'http:' && where.protocol !== 'https:') return `?view=report${query ? `&${query}` : ''}`;
  return `/report${query ? `?${query}` : ''}`;
}

const route = ref<Route>(parseRoute(window.location));
window.addEventListener('popstate', () => {
  route.value = parseRoute(window.location);
});
window.addEventListener('hashchange', () => {
  route.value = parseRoute(window.location);
});

/** The current route, updated on back/forward and by {@link navigate}. */
export function useRoute(): Readonly<Ref<Route>> {
  return readonly(route) as Readonly<Ref<Route>>;
}

/** Goes to a view without reloading the page. */
export function navigate(view: ViewName): void {
  const href = hrefFor(view);
  if (href.startsWith('#')) window.location.hash = href.slice(1);
  else window.history.pushState(null, '', href);
  route.value = parseRoute(window.location);
}

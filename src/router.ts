/**
 * Two pages need no router package: the kiosk at `/` and the admin at `/admin`. Inside Electron the page
 * is served from `app://alignboard/index.html` (or a file), so there the admin is `#/admin` instead: a
 * reload of that page must not ask the protocol for an `/admin` file. `?view=admin` works everywhere.
 * `?slide=<id>` pins the kiosk to one slide.
 */
import { readonly, ref, type Ref } from 'vue';

export type ViewName = 'kiosk' | 'admin';

export interface Route {
  view: ViewName;
  /** the slide the kiosk is pinned to, if any */
  slide: string | null;
}

type Where = Pick<Location, 'pathname' | 'search' | 'hash'>;

/** Reads the route from a location. */
export function parseRoute(where: Where): Route {
  const params = new URLSearchParams(where.search);
  const path = where.pathname.replace(/\/+$/, '');
  const admin =
    path.endsWith('/admin') || where.hash.replace(/\/+$/, '') === '#/admin' || params.get('view') === 'admin';
  return { view: admin ? 'admin' : 'kiosk', slide: params.get('slide') || null };
}

/** The address of a view from the current page: a path over HTTP, a hash in the app (app: or file:). */
export function hrefFor(view: ViewName, where: Pick<Location, 'protocol'> = window.location): string {
  if (where.protocol !== 'http:' && where.protocol !== 'https:') return view === 'admin' ? '#/admin' : '#/';
  return view === 'admin' ? '/admin' : '/';
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

/**
 * The shape most wall stores share: one read method without input, its last answer (`data`), the words of
 * its last failure (`error`), and load-once-then-follow from {@link createLiveLoader}. A store that needs
 * more (a timer on its figures, a page counter) adds it in `extend`, which sees the same `data` and loader.
 */
import { defineStore } from 'pinia';
import { ref, type Ref } from 'vue';
import type { MethodInput, MethodName, MethodResult } from '@shared/contract';
import { useApi } from '../api';
import { createLiveLoader, type LiveLoader, trackLoadError } from './live';

/** The methods a figure store can read: those whose whole input is optional. */
export type FigureMethod = {
  [M in MethodName]: Record<string, never> extends MethodInput<M> ? M : never;
}[MethodName];

/** What `extend` works with: the store's own state and loader. */
export interface FigureState<R> {
  data: Ref<R | null>;
  error: Ref<string | null>;
  loader: LiveLoader;
}

/** What `extend` adds: members the store exposes beside its own, and work to do after every load. */
export interface FigureExtension<X extends object> {
  expose?: X;
  /** Runs after every load, whether it succeeded or failed (timers that follow the figures). */
  afterLoad?: () => void;
}

/**
 * Defines a Pinia store that reads `method` and keeps its answer current (see {@link createLiveLoader}).
 * The store exposes `data`, `error`, `ensureLoaded`, `refresh`, `follow` and whatever `extend` exposes.
 */
export function defineFigureStore<Id extends string, M extends FigureMethod, X extends object = Record<never, never>>(
  id: Id,
  method: M,
  extend?: (state: FigureState<MethodResult<M>>) => FigureExtension<X>,
) {
  return defineStore(id, () => {
    const api = useApi();
    const data = ref(null) as Ref<MethodResult<M> | null>;
    const error = ref<string | null>(null);
    const loader = createLiveLoader(api, async () => {
      await trackLoadError(error, async () => {
        data.value = await api.call(method, {} as MethodInput<M>);
      });
      extension.afterLoad?.();
    });
    const extension: FigureExtension<X> = extend?.({ data, error, loader }) ?? {};
    return {
      data,
      error,
      ...(extension.expose as X),
      ensureLoaded: loader.ensureLoaded,
      refresh: loader.refresh,
      follow: loader.follow,
    };
  });
}

import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@shared/contract';
import { setApi } from '../../../src/api';
import { defineFigureStore } from '../../../src/stores/figure-store';
import { REFRESH_MAX_WAIT_MS } from '../../../src/stores/refresher';
import { createFakeApi } from '../support/fake-api';
import * as data from '../support/fixtures-figures';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(data.NOW);
  setActivePinia(createPinia());
});
afterEach(() => {
  setApi(undefined);
  vi.useRealTimers();
});

/** The api answers the glossary until `fail()` is called, then fails with words of its own. */
function glossaryThatFails() {
  let failing = false;
  const api = createFakeApi({
    'glossary.list': () => {
      if (failing) throw new ApiError('internal', 'The glossary is unreachable.');
      return data.glossary();
    },
  });
  setApi(api);
  return {
    api,
    fail: () => {
      failing = true;
    },
  };
}

describe('defineFigureStore', () => {
  it('keeps the answer of its method, and the words of a failure beside the last answer', async () => {
    const glossary = glossaryThatFails();
    const useStore = defineFigureStore('figure-test', 'glossary.list');
    const store = useStore();
    await store.ensureLoaded();
    expect(store.data).toEqual(data.glossary());
    expect(store.error).toBeNull();
    expect(glossary.api.callsOf('glossary.list')).toEqual([{}]);

    glossary.fail();
    await store.refresh();
    expect(store.error).toBe('The glossary is unreachable.');
    expect(store.data).toEqual(data.glossary());
  });

  it('exposes what the extension adds and runs its afterLoad after every load, failed or not', async () => {
    const glossary = glossaryThatFails();
    const seen: (number | null)[] = [];
    const useStore = defineFigureStore('figure-extended', 'glossary.list', ({ data: figures }) => ({
      expose: { termCount: () => figures.value?.terms.length ?? 0 },
      afterLoad: () => seen.push(figures.value?.terms.length ?? null),
    }));
    const store = useStore();
    const release = store.follow();
    await vi.advanceTimersByTimeAsync(REFRESH_MAX_WAIT_MS);
    await flushPromises();
    glossary.fail();
    await store.refresh();
    const terms = data.glossary().terms.length;
    expect(store.termCount()).toBe(terms);
    expect(seen).toEqual([terms, terms]);
    release();
  });
});

import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { REFRESH_MAX_WAIT_MS } from '../../../src/stores/refresher';
import { createLiveLoader, followWhileMounted, prefetch } from '../../../src/stores/live';
import { createFakeApi, writeEvent, type FakeApi } from '../support/fake-api';
import * as data from '../support/fixtures-figures';

const write = writeEvent(data.NOW);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(data.NOW);
});
afterEach(() => vi.useRealTimers());

function loaderOn(api: FakeApi) {
  let loads = 0;
  const loader = createLiveLoader(api, async () => {
    loads += 1;
    await api.call('glossary.list', {});
  });
  return { loader, loads: () => loads };
}

async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(REFRESH_MAX_WAIT_MS);
  await flushPromises();
}

describe('live loader', () => {
  it('refetches on every write while nobody ever followed it (the admin, the stand-up view)', async () => {
    const api = createFakeApi({ 'glossary.list': () => data.glossary() });
    const { loader, loads } = loaderOn(api);
    await loader.ensureLoaded();
    api.emit(write);
    await settle();
    expect(loads()).toBe(2);
  });

  it('does no work for a slide that is not on screen, and catches up when it shows again', async () => {
    const api = createFakeApi({ 'glossary.list': () => data.glossary() });
    const { loader, loads } = loaderOn(api);
    const Slide = defineComponent({
      setup() {
        followWhileMounted(loader);
        return () => h('div');
      },
    });
    const shown = mount(Slide);
    await settle();
    expect(loads()).toBe(1);
    api.emit(write);
    await settle();
    expect(loads()).toBe(2);

    shown.unmount();
    for (let i = 0; i < 5; i++) api.emit(write);
    api.setConnection('offline');
    api.setConnection('online');
    await settle();
    expect(loads()).toBe(2);

    const again = mount(Slide);
    await flushPromises();
    expect(loads()).toBe(3);
    again.unmount();
  });

  it('shows again without a refetch when nothing changed meanwhile', async () => {
    const api = createFakeApi({ 'glossary.list': () => data.glossary() });
    const { loader, loads } = loaderOn(api);
    const release = loader.follow();
    await settle();
    release();
    const second = loader.follow();
    await settle();
    expect(loads()).toBe(1);
    second();
  });

  it('drops a refetch that was waiting when its last follower left, and does it when one comes back', async () => {
    const api = createFakeApi({ 'glossary.list': () => data.glossary() });
    const { loader, loads } = loaderOn(api);
    const release = loader.follow();
    await settle();
    api.emit(write);
    release();
    await settle();
    expect(loads()).toBe(1);
    const again = loader.follow();
    await flushPromises();
    expect(loads()).toBe(2);
    again();
  });

  it('loads a slide ahead of time without following it (the kiosk prefetches every slide at start)', async () => {
    const api = createFakeApi({ 'glossary.list': () => data.glossary() });
    const { loader, loads } = loaderOn(api);
    await prefetch(loader);
    expect(loads()).toBe(1);
    api.emit(write);
    await settle();
    expect(loads()).toBe(1);
    const shown = loader.follow();
    await flushPromises();
    expect(loads()).toBe(2);
    shown();
  });
});

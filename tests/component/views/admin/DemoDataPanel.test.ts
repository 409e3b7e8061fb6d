import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import type { AppInfo } from '@shared/domain';
import { setApi } from '../../../../src/api';
import DemoDataPanel from '../../../../src/views/admin/DemoDataPanel.vue';
import { createFakeApi } from '../../support/fake-api';
import { appInfo, settings } from '../../support/fixtures';
import { setUpSectionTests } from '../../support/section-tests';

const backup = {
  fileName: 'alignboard-20261117-090000-manual.db',
  createdAt: 0,
  sizeBytes: 900,
  kind: 'manual' as const,
};

function setup(demo: boolean) {
  let info: AppInfo = { ...appInfo, demo };
  const api = createFakeApi({
    'app.info': () => info,
    'settings.display': () => settings([]),
    'backups.list': () => [backup],
    'backups.retention': () => ({ keepDaily: 14, isDefault: true }),
    'demo.remove': () => {
      info = { ...info, demo: false };
      return { backup, removedRows: 1234 };
    },
  });
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(DemoDataPanel, { global: { plugins: [pinia] }, attachTo: document.body });
  return { api, wrapper };
}

setUpSectionTests({ clock: false });

describe('DemoDataPanel', () => {
  it('offers the step only while the wall shows demo data', async () => {
    const { wrapper } = setup(false);
    await flushPromises();
    expect(wrapper.find('[data-testid="demo-panel"]').exists()).toBe(false);
  });

  it('asks first, then backs the demo up and removes it, and names the backup', async () => {
    const { api, wrapper } = setup(true);
    await flushPromises();
    await wrapper.get('[data-testid="demo-remove"]').trigger('click');
    await flushPromises();
    expect(api.calls.filter((call) => call.method === 'demo.remove')).toHaveLength(0);
    await wrapper.get('[data-testid="demo-confirm"]').trigger('click');
    await flushPromises();
    expect(api.calls.filter((call) => call.method === 'demo.remove')).toHaveLength(1);
    expect(wrapper.get('[data-testid="demo-status"]').text()).toContain(backup.fileName);
    expect(wrapper.find('[data-testid="demo-remove"]').exists(), 'no demo left to remove').toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { useKioskClock, kioskApi, mountKiosk, slideOnScreen, wait } from '../support/kiosk-harness';

useKioskClock();

describe('the kiosk before its first paint', () => {
  it("asks for the first slide's data only, and for the other slides' once a frame has been painted", async () => {
    const api = kioskApi();
    const wrapper = await mountKiosk(api);
    expect(slideOnScreen(wrapper)).toBe('funnel');
    expect(api.callsOf('funnel.get')).toHaveLength(1);
    expect(api.callsOf('sprints.current')).toHaveLength(0);
    expect(api.callsOf('activity.list')).toHaveLength(0);

    await wait(50);
    expect(api.callsOf('sprints.current')).toHaveLength(1);
    expect(api.callsOf('activity.list')).toHaveLength(1);
    // and the first slide's is not asked for twice
    expect(api.callsOf('funnel.get')).toHaveLength(1);
  });
});

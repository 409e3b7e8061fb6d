import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/contract';
import type { ClockSetting } from '@shared/format';
import DisplaySection from '../../../../src/views/admin/DisplaySection.vue';
import SlaSection from '../../../../src/views/admin/SlaSection.vue';
import {
  createPlanningBackend,
  focused,
  mountSection,
  planningState,
  submitFrom,
} from '../../support/planning-backend';
import { setUpSectionTests } from '../../support/section-tests';

setUpSectionTests();

// Tuesday 24 November 2026, 14:05 in Berlin (CET, UTC+1).
const AT = Date.UTC(2026, 10, 24, 13, 5);
// ICU versions differ in the space before "PM" (plain or narrow no-break): compared made plain.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** The SLA history's first "valid from" cell, with the room set to `locale` and `clock`. */
async function validFromIn(locale: string, clock: ClockSetting): Promise<string> {
  const state = planningState();
  state.settings = { ...state.settings, locale, clock };
  state.slaTerms[0]!.validFrom = AT;
  const wrapper = await mountSection(SlaSection, createPlanningBackend(state));
  const cell = wrapper.get('[data-testid="sla-history"] tbody tr th');
  return plain(cell.text().replace('in force', '').trim());
}

describe("the admin writes dates in the room's locale and clock, not the browser's", () => {
  it('uses British English and a 24-hour clock for a room that never chose', async () => {
    expect(await validFromIn('en-GB', 'locale')).toBe('24 Nov 2026, 14:05');
  });

  it("follows the room's locale, and its 24-hour clock even where the locale writes 12 hours", async () => {
    expect(await validFromIn('de-DE', 'locale')).toBe('24.11.2026, 14:05');
    expect(await validFromIn('en-US', '24h')).toBe('Nov 24, 2026, 14:05');
    expect(await validFromIn('en-US', 'locale')).toBe('Nov 24, 2026, 2:05 PM');
  });
});

describe('the locale setting', () => {
  it('offers locales with an example and saves the locale and the clock', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(DisplaySection, backend);
    const select = wrapper.get('[data-testid="display-locale"]');
    expect((select.element as HTMLSelectElement).value).toBe('en-GB');
    const german = select.findAll('option').find((option) => option.attributes('value') === 'de-DE');
    expect(german?.text()).toContain('24.11.2026, 14:05');
    expect(wrapper.get('[data-testid="display-clock"]').text()).toContain('As the locale writes it (24-hour)');

    await select.setValue('de-DE');
    await wrapper.get('[data-testid="display-clock"]').setValue('12h');
    await submitFrom(wrapper, '[data-testid="display-locale"]');

    expect(backend.inputs('settings.save')).toEqual([{ locale: 'de-DE', clock: '12h' }]);
  });

  it("shows the server's refusal of a locale next to the locale", async () => {
    const backend = createPlanningBackend();
    backend.fail(
      'settings.save',
      new ApiError('invalid_input', 'locale "de-DE" is not a locale such as en-GB or de-DE', 'locale'),
    );
    const wrapper = await mountSection(DisplaySection, backend);
    await wrapper.get('[data-testid="display-locale"]').setValue('de-DE');
    await submitFrom(wrapper, '[data-testid="display-locale"]');

    expect(wrapper.get('[data-testid="error-locale"]').text()).toContain('is not a locale such as en-GB');
    expect(focused()).toBe('display-locale');
  });
});

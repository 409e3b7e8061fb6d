import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/contract';
import GlossarySection from '../../../../src/views/admin/GlossarySection.vue';
import { createPlanningBackend, focused, mountSection, submitFrom } from '../../support/planning-backend';
import { setUpSectionTests } from '../../support/section-tests';

setUpSectionTests({ clock: false });

type Wrapper = Awaited<ReturnType<typeof mountSection>>;
const versionsOf = (wrapper: Wrapper, slug: string) =>
  wrapper.findAll(`[data-testid="glossary-versions-${slug}"] [data-testid="glossary-version"]`);

describe('GlossarySection', () => {
  it('edits a term into a new version and its history keeps the old one', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(GlossarySection, backend);
    expect(wrapper.get('[data-testid="glossary-row-mql"]').text()).toContain('A lead marketing hands over.');

    await wrapper.get('[data-testid="glossary-edit-mql"]').trigger('click');
    await flushPromises();
    expect(focused()).toBe('glossary-definition');
    expect((wrapper.get('[data-testid="glossary-term"]').element as HTMLInputElement).readOnly).toBe(true);
    // the stage link comes from the newest version
    expect((wrapper.get('[data-testid="glossary-stage"]').element as HTMLSelectElement).value).toBe('mql');

    await wrapper.get('[data-testid="glossary-definition"]').setValue('A lead with a demo request or 60 points.');
    await wrapper.get('[data-testid="glossary-definition"]').trigger('keydown', { key: 'Enter', ctrlKey: true });
    await flushPromises();

    expect(backend.inputs('glossary.save')).toEqual([
      { term: 'MQL', definition: 'A lead with a demo request or 60 points.', stageKey: 'mql' },
    ]);
    const row = wrapper.get('[data-testid="glossary-row-mql"]');
    expect(row.text()).toContain('A lead with a demo request or 60 points.');
    expect(row.text()).toContain('v2');
    expect(wrapper.get('[data-testid="planning-status"]').text()).toContain('version 2');

    await wrapper.get('[data-testid="glossary-history-mql"]').trigger('click');
    await flushPromises();
    const versions = versionsOf(wrapper, 'mql');
    expect(versions.map((item) => item.attributes('data-version'))).toEqual(['2', '1']);
    expect(versions[0]!.text()).toContain('A lead with a demo request or 60 points.');
    expect(versions[1]!.text()).toContain('A lead marketing hands over.');
    expect(wrapper.get('[data-testid="glossary-history-mql"]').attributes('aria-expanded')).toBe('true');
  });

  it('adds a new term with Enter from the term box', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(GlossarySection, backend);
    await wrapper.get('[data-testid="glossary-definition"]').setValue('A deal that was won.');
    await wrapper.get('[data-testid="glossary-term"]').setValue('Won deal');
    await submitFrom(wrapper, '[data-testid="glossary-term"]');

    expect(backend.inputs('glossary.save')).toEqual([
      { term: 'Won deal', definition: 'A deal that was won.', stageKey: null },
    ]);
    expect(wrapper.get('[data-testid="glossary-row-won-deal"]').text()).toContain('v1');
    expect(focused()).toBe('glossary-term');
  });

  it('says next to the field that a definition is needed', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(GlossarySection, backend);
    await wrapper.get('[data-testid="glossary-term"]').setValue('Churn');
    await submitFrom(wrapper, '[data-testid="glossary-term"]');

    const error = wrapper.get('[data-testid="error-definition"]');
    expect(error.text()).toBe('Definition is required.');
    expect(wrapper.get('[data-testid="glossary-definition"]').attributes('aria-describedby')).toContain(
      error.attributes('id'),
    );
    expect(focused()).toBe('glossary-definition');
    expect(backend.inputs('glossary.save')).toEqual([]);
  });

  it("shows the server's error on the stage next to the stage", async () => {
    const backend = createPlanningBackend();
    backend.fail(
      'glossary.save',
      new ApiError('invalid_input', 'stageKey "x" is not a lifecycle or pipeline stage', 'stageKey'),
    );
    const wrapper = await mountSection(GlossarySection, backend);
    await wrapper.get('[data-testid="glossary-term"]').setValue('Churn');
    await wrapper.get('[data-testid="glossary-definition"]').setValue('A customer who left.');
    await submitFrom(wrapper, '[data-testid="glossary-term"]');

    expect(wrapper.get('[data-testid="error-stageKey"]').text()).toBe(
      'Stage "x" is not a lifecycle or pipeline stage.',
    );
  });

  it('Esc cancels a new version and gives the focus back to the Edit button', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(GlossarySection, backend);
    await wrapper.get('[data-testid="glossary-edit-sql"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="glossary-form"]').trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect((wrapper.get('[data-testid="glossary-term"]').element as HTMLInputElement).value).toBe('');
    expect(focused()).toBe('glossary-edit-sql');
  });
});

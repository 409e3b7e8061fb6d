import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import FormField from '../../../../src/components/form/FormField.vue';

afterEach(() => {
  document.body.innerHTML = '';
});

type FieldProps = InstanceType<typeof FormField>['$props'];

function field(props: FieldProps) {
  const Host = defineComponent({
    setup: () => () =>
      h(FormField, props, {
        default: (slot: { id: string; describedby?: string; invalid?: 'true' }) =>
          h('input', {
            id: slot.id,
            'aria-describedby': slot.describedby,
            'aria-invalid': slot.invalid,
            'data-testid': 'control',
          }),
      }),
  });
  return mount(Host, { attachTo: document.body });
}

describe('FormField', () => {
  it('labels its control', () => {
    const wrapper = field({ field: 'title', label: 'Title' });
    const input = wrapper.get('[data-testid="control"]');
    const label = wrapper.get('label');
    expect(label.text()).toBe('Title');
    expect(label.attributes('for')).toBe(input.attributes('id'));
    expect(input.attributes('aria-invalid')).toBeUndefined();
    expect(input.attributes('aria-describedby')).toBeUndefined();
    expect(wrapper.find('[data-testid="error-title"]').exists()).toBe(false);
  });

  it('shows the message next to the field and announces it with the control', () => {
    const wrapper = field({
      field: 'amountMinor',
      label: 'Amount',
      hint: 'In whole units',
      error: 'Amount must not be negative.',
      controlId: 'deal-amount',
    });
    const input = wrapper.get('[data-testid="control"]');
    const error = wrapper.get('[data-testid="error-amountMinor"]');
    expect(error.text()).toBe('Amount must not be negative.');
    expect(error.attributes('id')).toBe('error-amountMinor');
    expect(error.element.parentElement).toBe(input.element.parentElement);
    expect(input.attributes('id')).toBe('deal-amount');
    expect(input.attributes('aria-invalid')).toBe('true');
    const described = input.attributes('aria-describedby')?.split(' ') ?? [];
    expect(described[0]).toBe('error-amountMinor');
    expect(document.getElementById(described[1]!)?.textContent).toBe('In whole units');
  });

  it('marks an optional field in its label', () => {
    expect(field({ field: 'company', label: 'Company', optional: true }).get('label').text()).toBe(
      'Company (optional)',
    );
  });
});

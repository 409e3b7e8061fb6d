import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api-error';
import { dealCreateInput } from '@shared/methods/deals-methods';
import { leadReviewSaveInput } from '@shared/methods/leads-methods';
import { personSaveInput } from '@shared/methods/people-methods';
import { FORM_ERROR, plainMessage, serverErrors, validateForm } from '../../../src/lib/form-validation';

const LABELS = { title: 'Title', amountMinor: 'Amount', currency: 'Currency', stageId: 'Stage' };
const valid = { title: 'Acme renewal', amountMinor: 120_000, currency: 'EUR', stageId: 'proposal' };

describe('validateForm', () => {
  it('returns the parsed data, trimmed as the schema says', () => {
    const result = validateForm(dealCreateInput, { ...valid, title: '  Acme renewal ' }, LABELS);
    expect(result).toEqual({ ok: true, data: valid });
  });

  it("maps each failing field to one plain sentence with the form's label", () => {
    const result = validateForm(dealCreateInput, { ...valid, amountMinor: -5, currency: 'euro' }, LABELS);
    expect(result).toEqual({
      ok: false,
      errors: {
        amountMinor: 'Amount must not be negative.',
        currency: 'Currency must be a three-letter currency code such as EUR.',
      },
    });
  });

  it('says "is required" for an empty field, whatever check failed on it', () => {
    const result = validateForm(personSaveInput, { name: '   ', team: undefined }, { name: 'Name', team: 'Team' });
    expect(result).toEqual({ ok: false, errors: { name: 'Name is required.', team: 'Team is required.' } });
  });

  it('names a field without a label by its path', () => {
    const result = validateForm(leadReviewSaveInput, { leadId: 'l-1', rating: 7 });
    expect(result).toEqual({ ok: false, errors: { rating: 'Rating must be 1 to 5.' } });
  });
});

describe('serverErrors', () => {
  it("puts a server field error next to its field, in the form's words", () => {
    const error = new ApiError('invalid_input', 'amountMinor must not be negative', 'amountMinor');
    expect(serverErrors(error, LABELS)).toEqual({ amountMinor: 'Amount must not be negative.' });
  });

  it('keeps a server message that is already a sentence', () => {
    const error = new ApiError('conflict', 'That campaign was deleted meanwhile.', 'campaignId');
    expect(serverErrors(error, { campaignId: 'Campaign' })).toEqual({
      campaignId: 'That campaign was deleted meanwhile.',
    });
  });

  it('shows an error without a field for the whole form', () => {
    const error = new ApiError('internal', 'Something went wrong on the server; the change was not made');
    expect(serverErrors(error)).toEqual({
      [FORM_ERROR]: 'Something went wrong on the server; the change was not made.',
    });
    expect(serverErrors('not an error')).toEqual({ [FORM_ERROR]: 'The change could not be saved.' });
  });

  it('derives a label from the field path when the form gave none', () => {
    expect(plainMessage('sourcingMarketerId', 'is not a known person')).toBe(
      'Sourcing marketer is not a known person.',
    );
    expect(plainMessage('goals.0.title', 'is required')).toBe('Title is required.');
  });
});

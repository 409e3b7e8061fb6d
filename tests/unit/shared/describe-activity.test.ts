import { describe, expect, it } from 'vitest';
import { describeActivity, REDACTED_AMOUNT, REDACTED_NAME } from '@shared/describe-activity';
import { formatMinorAmount } from '@shared/format';

const wonPayload = {
  title: 'Acme renewal',
  amountMinor: 1_200_000,
  currency: 'EUR',
  fromStageId: 'negotiation',
  fromStageName: 'Negotiation',
  toStageId: 'won',
  toStageName: 'Won',
  closingRepId: 'rep-1',
  closingRepName: 'Ana Lima',
  sourcingMarketerId: 'mkt-1',
  sourcingMarketerName: 'Tom Berg',
  campaignId: 'cmp-1',
  campaignName: 'Webinar Q4',
};

describe('formatMinorAmount', () => {
  it('shows whole amounts without decimals and others with the currency’s own digits', () => {
    expect(formatMinorAmount(1_200_000, 'EUR')).toBe('€12,000');
    expect(formatMinorAmount(1_050, 'USD')).toBe('$10.50');
    expect(formatMinorAmount(1_001, 'GBP')).toBe('£10.01');
    // JPY has no minor unit: 5000 minor units are ¥5,000.
    expect(formatMinorAmount(5_000, 'JPY')).toBe('¥5,000');
    expect(formatMinorAmount(0, 'EUR')).toBe('€0');
  });

  it('falls back to plain text for a code Intl rejects', () => {
    expect(formatMinorAmount(1_050, 'E1')).toBe('10.50 E1');
  });
});

describe('describeActivity', () => {
  it('credits the closing rep and the sourcing campaign and marketer of a won deal', () => {
    expect(describeActivity({ type: 'deal.won', payload: wonPayload }, 'EUR')).toEqual({
      headline: 'Deal won: Acme renewal — €12,000',
      detail: 'closed by Ana Lima · sourced by Webinar Q4 (Tom Berg)',
    });
  });

  it('names what sourcing there is, and only the rep when there is none', () => {
    const { campaignName: _c, ...noCampaign } = wonPayload;
    expect(describeActivity({ type: 'deal.won', payload: noCampaign }, 'EUR').detail).toBe(
      'closed by Ana Lima · sourced by Tom Berg',
    );
    const { sourcingMarketerName: _m, ...noMarketer } = wonPayload;
    expect(describeActivity({ type: 'deal.won', payload: noMarketer }, 'EUR').detail).toBe(
      'closed by Ana Lima · sourced by Webinar Q4',
    );
    const { campaignName: _c2, sourcingMarketerName: _m2, ...repOnly } = wonPayload;
    expect(describeActivity({ type: 'deal.won', payload: repOnly }, 'EUR').detail).toBe('closed by Ana Lima');
  });

  it('formats money in the deal’s own currency, not the room’s', () => {
    const usd = { ...wonPayload, amountMinor: 987_654, currency: 'USD' };
    expect(describeActivity({ type: 'deal.won', payload: usd }, 'EUR').headline).toBe(
      'Deal won: Acme renewal — $9,876.54',
    );
    const { currency: _x, ...noCurrency } = wonPayload;
    expect(describeActivity({ type: 'deal.won', payload: noCurrency }, 'GBP').headline).toBe(
      'Deal won: Acme renewal — £12,000',
    );
  });

  it('describes created, moved and lost deals', () => {
    expect(
      describeActivity(
        {
          type: 'deal.created',
          payload: { ...wonPayload, toStageId: 'discovery', toStageName: 'Discovery', fromStageName: undefined },
        },
        'EUR',
      ),
    ).toEqual({
      headline: 'New deal: Acme renewal — €12,000',
      detail: 'in Discovery · rep Ana Lima · sourced by Webinar Q4 (Tom Berg)',
    });
    expect(
      describeActivity(
        { type: 'deal.stage_changed', payload: { ...wonPayload, fromStageName: 'Demo', toStageName: 'Proposal' } },
        'EUR',
      ),
    ).toEqual({ headline: 'Deal moved: Acme renewal — €12,000', detail: 'Demo → Proposal · rep Ana Lima' });
    expect(
      describeActivity(
        { type: 'deal.lost', payload: { ...wonPayload, fromStageName: 'Proposal', toStageName: 'Lost' } },
        'EUR',
      ),
    ).toEqual({ headline: 'Deal lost: Acme renewal — €12,000', detail: 'lost in Proposal · rep Ana Lima' });
    expect(
      describeActivity(
        {
          type: 'deal.lost',
          payload: { ...wonPayload, fromStageName: 'Proposal', closeReasonLabel: 'Chose a competitor' },
        },
        'EUR',
      ).detail,
    ).toBe('lost in Proposal (Chose a competitor) · rep Ana Lima');
    expect(
      describeActivity({ type: 'deal.lost', payload: { title: 'Z', closeReasonLabel: 'Price too high' } }, 'EUR')
        .detail,
    ).toBe('lost: Price too high');
  });

  it('announces a new paying customer with the deal and who earned it', () => {
    expect(
      describeActivity({ type: 'lead.became_customer', payload: { ...wonPayload, leadName: 'Acme GmbH' } }, 'EUR'),
    ).toEqual({
      headline: 'New paying customer: Acme GmbH',
      detail: 'won Acme renewal (€12,000) · closed by Ana Lima · sourced by Webinar Q4 (Tom Berg)',
    });
  });

  it('survives missing or malformed payload fields', () => {
    expect(describeActivity({ type: 'deal.won', payload: {} }, 'EUR')).toEqual({
      headline: 'Deal won: Untitled deal',
      detail: '',
    });
    expect(
      describeActivity(
        { type: 'deal.created', payload: { title: 42, amountMinor: '100', closingRepName: '  ' } },
        'EUR',
      ),
    ).toEqual({ headline: 'New deal: Untitled deal', detail: '' });
    expect(describeActivity({ type: 'deal.won', payload: { title: 'X', amountMinor: 10.5 } }, 'EUR').headline).toBe(
      'Deal won: X',
    );
  });

  it('gives unknown types a generic line from the type and the payload', () => {
    expect(describeActivity({ type: 'sprint_goal.updated', payload: { title: 'Book 40 demos' } }, 'EUR')).toEqual({
      headline: 'Sprint goal updated: Book 40 demos',
      detail: '',
    });
    expect(describeActivity({ type: 'settings.changed', payload: {} }, 'EUR')).toEqual({
      headline: 'Settings changed',
      detail: '',
    });
    expect(describeActivity({ type: 'deal.amount_changed', payload: { title: 'Y', amountMinor: 100 } }, 'EUR')).toEqual(
      {
        headline: 'Deal amount changed: Y',
        detail: '€1',
      },
    );
  });
});

describe('describeActivity with redact (privacy mode)', () => {
  const names = ['Ana Lima', 'Tom Berg', 'Jane Roe'];
  /** every way an amount of the payload could be written: formatted, grouped, plain major or minor units */
  const amountTexts = (amountMinor: number) => {
    const major = amountMinor / 100;
    return [
      formatMinorAmount(amountMinor, 'EUR'),
      formatMinorAmount(amountMinor, 'USD'),
      String(amountMinor),
      String(major),
      major.toLocaleString('en-US'),
      major.toLocaleString('de-DE'),
    ];
  };
  const types = [
    'deal.created',
    'deal.stage_changed',
    'deal.won',
    'deal.lost',
    'lead.became_customer',
    'lead.created',
    'person.created',
    'deal.amount_changed',
  ];
  // no digit anywhere but in the amount, so that any digit in the words would be a leaked amount
  const payload = {
    ...wonPayload,
    campaignName: 'Spring webinar',
    amountMinor: 4_567_800,
    leadName: 'Jane Roe',
    name: 'Jane Roe',
  };

  it.each(types)('leaves no name and no amount of the payload in a %s event', (type) => {
    const words = describeActivity({ type, payload }, 'EUR', { redact: true });
    const all = `${words.headline} ${words.detail}`;
    for (const name of names) expect(all).not.toContain(name);
    for (const name of names) for (const part of name.split(' ')) expect(all).not.toContain(part);
    for (const amount of amountTexts(payload.amountMinor)) expect(all).not.toContain(amount);
    expect(all).not.toMatch(/\d/);
  });

  it('credits team members and hides amounts with the placeholders, and leaves deal titles and companies out', () => {
    expect(describeActivity({ type: 'deal.won', payload }, 'EUR', { redact: true })).toEqual({
      headline: `Deal won — ${REDACTED_AMOUNT}`,
      detail: `closed by ${REDACTED_NAME} · sourced by Spring webinar (${REDACTED_NAME})`,
    });
    expect(describeActivity({ type: 'lead.became_customer', payload }, 'EUR', { redact: true })).toEqual({
      headline: 'New paying customer: a lead',
      detail: `closed by ${REDACTED_NAME} · sourced by Spring webinar (${REDACTED_NAME})`,
    });
    expect(
      describeActivity({ type: 'deal.created', payload: { ...payload, company: 'Acme GmbH' } }, 'EUR', { redact: true })
        .headline,
    ).toBe(`New deal — ${REDACTED_AMOUNT}`);
    expect(
      describeActivity({ type: 'campaign.created', payload: { name: 'Webinar Q4' } }, 'EUR', { redact: true }).headline,
    ).toBe('Campaign created: Webinar Q4');
  });

  it('words the event as before without redact', () => {
    const words = describeActivity({ type: 'deal.won', payload }, 'EUR', { redact: false });
    expect(words).toEqual(describeActivity({ type: 'deal.won', payload }, 'EUR'));
    expect(words.detail).toContain('Ana Lima');
    expect(words.headline).toContain(formatMinorAmount(payload.amountMinor, 'EUR'));
  });
});

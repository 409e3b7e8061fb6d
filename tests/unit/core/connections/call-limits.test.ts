import { describe, expect, test } from 'vitest';
import { callWithLimits, classifyHttpFailure, CrmError } from '../../../../electron/core/connections/call-limits';
import { suggestStage } from '../../../../electron/core/connections/connection-service';
import { teamFor } from '../../../../electron/core/connections/sync-engine';

const limits = { timeoutMs: 200, attempts: 3, backoffMs: 1, maxWaitMs: 1_000, random: () => 0.5 };

describe('calls to a CRM', () => {
  test('a transient failure is retried a bounded number of times, then reported', async () => {
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new CrmError('server', 'the CRM answered 503'));
    };
    await expect(callWithLimits(failing, (error) => error as CrmError, limits)).rejects.toThrow('503');
    expect(calls).toBe(3);
  });

  test('a refused credential is never retried', async () => {
    let calls = 0;
    const refused = () => {
      calls += 1;
      return Promise.reject(new CrmError('auth', 'HubSpot refused the token: create a new private app token'));
    };
    await expect(callWithLimits(refused, (error) => error as CrmError, limits)).rejects.toMatchObject({ kind: 'auth' });
    expect(calls).toBe(1);
  });

  test('a slow call times out; a wait longer than allowed fails at once instead of blocking', async () => {
    const slow = () => new Promise<never>(() => undefined);
    await expect(callWithLimits(slow, (error) => error as CrmError, { ...limits, attempts: 1 })).rejects.toMatchObject({
      kind: 'timeout',
    });
    let calls = 0;
    const tooLong = () => {
      calls += 1;
      return Promise.reject(new CrmError('rate', '429', 60_000));
    };
    await expect(callWithLimits(tooLong, (error) => error as CrmError, limits)).rejects.toMatchObject({ kind: 'rate' });
    expect(calls).toBe(1);
  });

  test('HTTP failures read as the engine needs them', () => {
    expect(classifyHttpFailure({ status: 401, headers: {} }, 'refused', 'x')).toMatchObject({
      kind: 'auth',
      message: 'refused',
    });
    expect(classifyHttpFailure({ status: 429, headers: { 'retry-after': '2' } }, 'r', 'x')).toMatchObject({
      kind: 'rate',
      retryAfterMs: 2000,
    });
    expect(
      classifyHttpFailure({ status: 429, headers: { 'x-hubspot-ratelimit-interval-milliseconds': '10000' } }, 'r', 'x'),
    ).toMatchObject({ retryAfterMs: 10_000 });
    expect(classifyHttpFailure({ status: 502, headers: {} }, 'r', 'x').transient).toBe(true);
    expect(classifyHttpFailure({ status: null, headers: {} }, 'r', 'ECONNRESET').kind).toBe('network');
    expect(classifyHttpFailure({ status: 400, headers: {} }, 'r', 'bad').transient).toBe(false);
  });
});

describe('mapping suggestions', () => {
  const wall = [
    { id: 'discovery', kind: 'open', probability: 0.1 },
    { id: 'demo', kind: 'open', probability: 0.25 },
    { id: 'proposal', kind: 'open', probability: 0.5 },
    { id: 'won', kind: 'won', probability: 1 },
    { id: 'lost', kind: 'lost', probability: 0 },
  ];
  const stage = (id: string, position: number, probability: number | null, isClosed = false, isWon = false) => ({
    crmStageId: id,
    position,
    probability,
    isClosed,
    isWon,
    pipelineLabel: 'Sales',
  });

  test('won and lost follow the CRM flags, open stages the nearest probability, else their order', () => {
    const pipeline = [stage('a', 0, null), stage('b', 1, null), stage('c', 2, null), stage('w', 3, 1, true, true)];
    expect(suggestStage(stage('w', 3, 1, true, true), pipeline, wall)).toBe('won');
    expect(suggestStage(stage('l', 4, 0, true, false), pipeline, wall)).toBe('lost');
    expect(suggestStage(stage('x', 1, 0.45), pipeline, wall)).toBe('proposal');
    expect(pipeline.slice(0, 3).map((s) => suggestStage(s, pipeline, wall))).toEqual(['discovery', 'demo', 'proposal']);
  });

  test("a new owner's team comes from the first rule their CRM team or role contains", () => {
    const rule = { defaultTeam: 'sales' as const, rules: [{ contains: 'Marketing', team: 'marketing' as const }] };
    expect(teamFor(rule, ['Demand marketing EMEA'])).toBe('marketing');
    expect(teamFor(rule, ['Account Executive'])).toBe('sales');
    expect(teamFor(rule, [])).toBe('sales');
  });
});

/**
 * The stand-up, run from the wall: what changed since yesterday (`standup.since`), the speaking order
 * (sales and marketing take turns, src/lib/speakers.ts), who speaks now and for how long each spoke, and
 * the recording of the run (`meetings.recordRun`) when it ends.
 *
 * Phases: `idle` (rotation shows), `running` (a speaker has the floor), `done` (the run is recorded and
 * its duration shows until the kiosk returns to the rotation).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Person } from '@shared/domain';
import type { MeetingRunView, SinceYesterdayResult } from '@shared/figures';
import { useApi } from '../api';
import { speakerOrder } from '../lib/speakers';
import { createLiveLoader, errorMessage, trackLoadError } from './live';

export type StandupPhase = 'idle' | 'running' | 'done';

/** How long the finished stand-up's summary stays before the rotation comes back by itself. */
export const STANDUP_DONE_SHOW_MS = 60_000;

/** The contract accepts this many speakers per run. */
const MAX_RECORDED_SPEAKERS = 50;

export const useStandupStore = defineStore('standup', () => {
  const api = useApi();
  const since = ref<SinceYesterdayResult | null>(null);
  const people = ref<Person[]>([]);
  const error = ref<string | null>(null);
  let loadedOnce = false;

  const loader = createLiveLoader(api, () =>
    trackLoadError(error, async () => {
      const [nextSince, nextPeople] = await Promise.all([api.call('standup.since', {}), api.call('people.list', {})]);
      since.value = nextSince;
      people.value = nextPeople;
    }),
  );

  const phase = ref<StandupPhase>('idle');
  const meetingId = ref<string | null>(null);
  const startedAt = ref<number | null>(null);
  const endedAt = ref<number | null>(null);
  const speakers = ref<Person[]>([]);
  const speakerIndex = ref(0);
  /** when the current speaker got the floor */
  const speakerStartedAt = ref<number | null>(null);
  /** seconds each person spoke so far, by person id (going back to a speaker adds to their time) */
  const spokenSeconds = ref<Record<string, number>>({});
  const run = ref<MeetingRunView | null>(null);
  const recordError = ref<string | null>(null);
  /** counts runs, so that a load finishing after the run ended does not touch the next one */
  let runNumber = 0;

  const speaker = computed<Person | null>(() =>
    phase.value === 'running' ? (speakers.value[speakerIndex.value] ?? null) : null,
  );
  const nextUp = computed<Person | null>(() =>
    phase.value === 'running' ? (speakers.value[speakerIndex.value + 1] ?? null) : null,
  );

  /** Loads what the stand-up shows: the first time, or fresh for every later stand-up. */
  function prepare(): Promise<void> {
    if (!loadedOnce) {
      loadedOnce = true;
      return loader.ensureLoaded();
    }
    return loader.refresh();
  }

  function creditCurrent(now: number): void {
    const person = speakers.value[speakerIndex.value];
    if (!person || speakerStartedAt.value === null) return;
    const seconds = Math.max(0, (now - speakerStartedAt.value) / 1000);
    spokenSeconds.value = { ...spokenSeconds.value, [person.id]: (spokenSeconds.value[person.id] ?? 0) + seconds };
  }

  /**
   * Starts a stand-up now: the first speaker gets the floor as soon as the people are known. Does nothing
   * while one runs.
   */
  async function start(options: { meetingId: string | null; now?: number }): Promise<void> {
    if (phase.value === 'running') return;
    runNumber += 1;
    const thisRun = runNumber;
    phase.value = 'running';
    meetingId.value = options.meetingId;
    startedAt.value = options.now ?? Date.now();
    endedAt.value = null;
    speakers.value = [];
    speakerIndex.value = 0;
    speakerStartedAt.value = null;
    spokenSeconds.value = {};
    run.value = null;
    recordError.value = null;
    await prepare();
    if (thisRun !== runNumber || phase.value !== 'running') return;
    speakers.value = speakerOrder(people.value);
    speakerStartedAt.value = Date.now();
  }

  /** Hands the floor to the next speaker; after the last one the stand-up ends (and is recorded). */
  async function next(now = Date.now()): Promise<void> {
    if (phase.value !== 'running') return;
    if (speakerIndex.value + 1 >= speakers.value.length) {
      await finish(now);
      return;
    }
    creditCurrent(now);
    speakerIndex.value += 1;
    speakerStartedAt.value = now;
  }

  /** Gives the floor back to the previous speaker (a skip by mistake). */
  function previous(now = Date.now()): void {
    if (phase.value !== 'running' || speakerIndex.value === 0) return;
    creditCurrent(now);
    speakerIndex.value -= 1;
    speakerStartedAt.value = now;
  }

  /** Ends the stand-up and records its duration and who spoke how long. Recording happens once per run. */
  async function finish(now = Date.now()): Promise<void> {
    if (phase.value !== 'running' || startedAt.value === null) return;
    creditCurrent(now);
    phase.value = 'done';
    endedAt.value = Math.max(now, startedAt.value);
    speakerStartedAt.value = null;
    const input = {
      meetingId: meetingId.value,
      startedAt: startedAt.value,
      endedAt: endedAt.value,
      speakers: Object.entries(spokenSeconds.value)
        .slice(0, MAX_RECORDED_SPEAKERS)
        .map(([personId, seconds]) => ({ personId, seconds: Math.round(seconds) })),
    };
    try {
      run.value = await api.call('meetings.recordRun', input);
      recordError.value = null;
    } catch (cause) {
      recordError.value = errorMessage(cause);
    }
  }

  /** Back to the rotation: forgets the run (it was recorded when it ended). */
  function close(): void {
    runNumber += 1;
    phase.value = 'idle';
    speakers.value = [];
    speakerIndex.value = 0;
    speakerStartedAt.value = null;
  }

  return {
    since,
    people,
    error,
    phase,
    meetingId,
    startedAt,
    endedAt,
    speakers,
    speakerIndex,
    speakerStartedAt,
    spokenSeconds,
    speaker,
    nextUp,
    run,
    recordError,
    start,
    next,
    previous,
    finish,
    close,
    ensureLoaded: loader.ensureLoaded,
    refresh: loader.refresh,
  };
});

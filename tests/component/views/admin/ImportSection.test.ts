import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type MethodInput } from '@shared/contract';
import type { ImportPreview, ImportResult } from '@shared/import-types';
import { setApi } from '../../../../src/api';
import ImportSection from '../../../../src/views/admin/ImportSection.vue';
import { createFakeApi, type FakeApi, type FakeHandlers } from '../../support/fake-api';

const HEADERS = [
  'Record ID',
  'Deal Name',
  'Deal Stage',
  'Close Date',
  'Deal owner',
  'Amount',
  'Create Date',
  'Pipeline',
  'Currency',
];
const CSV = `${HEADERS.join(',')}\r\n9001,Nordwind Logistics,Appointment Scheduled,,Ana Lima,12000,2026-03-02 09:15,Sales Pipeline,EUR\r\n`;
// 2 March 2026, 09:15 in Berlin.
const CREATED = Date.UTC(2026, 2, 2, 8, 15);

const PREVIEW: ImportPreview = {
  format: 'hubspot-deals',
  delimiter: ',',
  headers: HEADERS,
  suggestedMapping: {
    target: 'deals',
    columns: {
      externalId: 'Record ID',
      title: 'Deal Name',
      stage: 'Deal Stage',
      amount: 'Amount',
      currency: 'Currency',
      createDate: 'Create Date',
      closeDate: 'Close Date',
      owner: 'Deal owner',
    },
    source: 'hubspot',
  },
  previewRows: [
    {
      target: 'deals',
      line: 2,
      externalId: '9001',
      title: 'Nordwind Logistics',
      stageId: 'discovery',
      status: 'open',
      amountMinor: 1_200_000,
      currency: 'EUR',
      owner: 'Ana Lima',
      createdAt: CREATED,
      closedAt: null,
    },
  ],
  problems: [
    {
      line: 7,
      column: 'Deal Stage',
      message: '"Waiting for Godot" is not a stage of the pipeline (Discovery); map it to one in the mapping step.',
    },
  ],
  sampleRows: 1,
};

const RESULT: ImportResult = {
  importId: 'x',
  format: 'hubspot-deals',
  target: 'deals',
  rows: 1,
  imported: 1,
  updated: 0,
  skipped: 0,
  peopleCreated: 0,
};

type Deferred<T> = { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void };
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

function setup(handlers: FakeHandlers = {}): { api: FakeApi; wrapper: VueWrapper } {
  const api = createFakeApi({
    'pipeline.stages': () => [
      { id: 'discovery', name: 'Discovery', position: 1, kind: 'open' },
      { id: 'won', name: 'Won', position: 5, kind: 'won' },
    ],
    'import.preview': () => PREVIEW,
    ...handlers,
  });
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(ImportSection, { global: { plugins: [pinia] }, attachTo: document.body });
  return { api, wrapper };
}

/** Chooses a file in the file input, as a person would. */
async function choose(wrapper: VueWrapper, file: File): Promise<void> {
  const input = wrapper.find('[data-testid="import-file"]');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  await flushPromises();
}

afterEach(() => {
  setApi(undefined);
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('ImportSection', () => {
  it('previews a chosen file: the format, the mapping, the first rows and the problems found', async () => {
    const { api, wrapper } = setup();
    await choose(wrapper, new File([CSV], 'deals.csv', { type: 'text/csv' }));
    expect(api.callsOf('import.preview')).toEqual([{ fileName: 'deals.csv', sample: CSV, complete: true }]);
    expect(wrapper.find('[data-testid="import-format"]').text()).toBe('HubSpot deals export');
    expect((wrapper.find('[data-testid="map-title"]').element as HTMLSelectElement).value).toBe('Deal Name');
    expect((wrapper.find('[data-testid="map-won"]').element as HTMLSelectElement).value).toBe('');
    const row = wrapper.find('[data-testid="import-preview"] tbody tr');
    expect(row.findAll('th, td').map((cell) => cell.text())).toEqual([
      '2',
      '9001',
      'Nordwind Logistics',
      'Discovery',
      '€12,000.00',
      'Ana Lima',
      'Mar 2, 2026',
      '—',
    ]);
    expect(wrapper.find('[data-testid="import-sample-problems"] tbody').text()).toContain('Deal Stage');
    // The unknown stage is offered for translation.
    expect((wrapper.find('.stages input').element as HTMLInputElement).value).toBe('Waiting for Godot');
  });

  it('decodes UTF-16 with a byte-order mark before sending it', async () => {
    const { api, wrapper } = setup();
    const text = new Uint8Array([0xff, 0xfe, ...Array.from(CSV).flatMap((char) => [char.charCodeAt(0), 0])]);
    await choose(wrapper, new File([text], 'unicode.csv'));
    expect(api.callsOf('import.preview')).toEqual([{ fileName: 'unicode.csv', sample: CSV, complete: true }]);
    expect(wrapper.find('[data-testid="import-facts"]').text()).toContain('UTF-16 (little endian)');
  });

  it('refuses a file over 50 MB without sending it', async () => {
    const { api, wrapper } = setup();
    const big = new File(['x'], 'big.csv');
    Object.defineProperty(big, 'size', { value: 60 * 1024 * 1024 });
    await choose(wrapper, big);
    expect(api.callsOf('import.preview')).toEqual([]);
    expect(wrapper.find('[data-testid="import-error"]').text()).toMatch(/^The file is 60\.0 MB; at most 50 MB/);
  });

  it('imports with the mapping as chosen, showing upload and server progress, then the result', async () => {
    const reply = deferred<ImportResult>();
    let upload: ((sent: number, total: number) => void) | undefined;
    const { api, wrapper } = setup({ 'import.run': () => reply.promise });
    // The fake client drops call options; this one hands the upload callback to the test.
    const call = api.call.bind(api);
    api.call = ((method: never, input: never, options?: { onUploadProgress?: (s: number, t: number) => void }) => {
      upload = options?.onUploadProgress;
      return call(method, input);
    }) as typeof api.call;

    await choose(wrapper, new File([CSV], 'deals.csv'));
    await wrapper.find('[data-testid="map-dateOrder"]').setValue('DMY');
    await wrapper.find('[data-testid="import-mapping"]').trigger('submit');
    await flushPromises();
    const [input] = api.callsOf('import.run') as MethodInput<'import.run'>[];
    expect(input).toMatchObject({
      fileName: 'deals.csv',
      content: CSV,
      format: 'hubspot-deals',
      mapping: { target: 'deals', columns: PREVIEW.suggestedMapping.columns, dateOrder: 'DMY' },
    });
    expect(input!.mapping).not.toHaveProperty('source');

    upload!(50, 200);
    await flushPromises();
    expect(wrapper.find('[data-testid="import-progress"]').text()).toBe('Sending the file… 25 %');
    upload!(200, 200);
    api.emit({
      name: 'import.progressed',
      data: { importId: input!.importId!, phase: 'parsing', rows: 4_000, totalBytes: 1000, doneBytes: 500 },
    });
    // Another import's progress is not this one's.
    api.emit({
      name: 'import.progressed',
      data: { importId: 'someone-else', phase: 'writing', rows: 1, totalBytes: 1, doneBytes: 1 },
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="import-progress"]').text()).toBe('Checking rows… 50 % (4,000 rows)');
    expect((wrapper.find('progress').element as HTMLProgressElement).value).toBe(0.5);

    reply.resolve(RESULT);
    await flushPromises();
    expect(wrapper.find('[data-testid="import-progress"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="import-result"]').text()).toBe('Imported 1 rows: 1 new deals, 0 updated.');
  });

  it('lists every problem of a refused import with its line and column', async () => {
    const { wrapper } = setup({
      'import.run': () => {
        throw new ApiError(
          'invalid_input',
          [
            'The file was not imported and nothing was stored: 2 problems in 4 rows.',
            'Line 3, column "Amount": "-5" is negative; amounts must not be negative.',
            'Line 1: The file could not be read as text.',
          ].join('\n'),
        );
      },
    });
    await choose(wrapper, new File([CSV], 'deals.csv'));
    await wrapper.find('[data-testid="import-run"]').trigger('click');
    await flushPromises();
    const refusal = wrapper.find('[data-testid="import-refusal"]');
    expect(refusal.find('.admin-error').text()).toBe(
      'The file was not imported and nothing was stored: 2 problems in 4 rows.',
    );
    expect(refusal.findAll('tbody tr').map((row) => row.findAll('td').map((cell) => cell.text()))).toEqual([
      ['3', 'Amount', '"-5" is negative; amounts must not be negative.'],
      ['1', '—', 'The file could not be read as text.'],
    ]);
    expect(document.activeElement).toBe(wrapper.find('.outcome').element);
  });

  it('checks again with a changed mapping', async () => {
    const { api, wrapper } = setup();
    await choose(wrapper, new File([CSV], 'deals.csv'));
    await wrapper.find('[data-testid="map-owner"]').setValue('Pipeline');
    await wrapper.find('[data-testid="stage-to-0"]').setValue('discovery');
    await wrapper.find('[data-testid="import-check"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('import.preview')[1]).toMatchObject({
      mapping: {
        columns: { owner: 'Pipeline', title: 'Deal Name' },
        stageMap: { 'Waiting for Godot': 'discovery' },
      },
    });
  });

  it('downloads a table as CSV and everything as JSON', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const { api, wrapper } = setup({
      'export.table': (input) => ({ fileName: `alignboard-${input.table}.csv`, csv: 'id\r\n' }),
      'export.all': () => ({ fileName: 'alignboard-export.json', json: '{}' }),
    });
    await flushPromises();
    await wrapper.find('[data-testid="export-table"]').setValue('leads');
    await wrapper.find('[data-testid="export-csv"]').trigger('click');
    await flushPromises();
    await wrapper.find('[data-testid="export-json"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('export.table')).toEqual([{ table: 'leads' }]);
    expect(clicked).toEqual(['alignboard-leads.csv', 'alignboard-export.json']);
    expect(await created[0]!.text()).toBe('id\r\n');
    expect(wrapper.find('[data-testid="import-status"]').text()).toBe('Exported everything as alignboard-export.json.');
  });
});

/**
 * The fake HubSpot of the sync tests in a process of its own, so that a benchmark measures Alignboard's CPU
 * and not the fake's. Arguments: deals, contacts, rate max, rate interval ms. Prints `{ url, token }` as
 * one JSON line, then reads commands as JSON lines on stdin: `{ "won": "<deal id>" }` moves that deal to
 * Closed Won now and answers `ok`.
 */
import readline from 'node:readline';
import { seedHubSpot, startFakeHubSpot } from '../../tests/integration/connections/fake-hubspot';

async function main(): Promise<void> {
  const [deals, contacts, rateMax, rateIntervalMs] = process.argv.slice(2).map(Number);
  const fake = await startFakeHubSpot({ rateMax, rateIntervalMs });
  seedHubSpot(fake, { deals: deals!, contacts: contacts!, since: Date.now() - 30 * 86_400_000 });
  process.stdout.write(`${JSON.stringify({ url: fake.url, token: fake.token })}\n`);
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as { won?: string };
    if (command.won !== undefined) {
      const at = Date.now();
      fake.touchDeal(command.won, { dealstage: 'closedwon', closedate: new Date(at).toISOString() }, at);
      process.stdout.write(`${JSON.stringify({ ok: true, at })}\n`);
    }
  }
  await fake.close();
}

void main();

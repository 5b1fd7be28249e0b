/**
 * A 10 MB screenshot set delivered over a 2 Mbit/s uplink: the outbox's runner and the real
 * portal client against the local emulator, through a loopback proxy that lets at most
 * 250,000 bytes per second towards the portal. Prints each upload call's size, duration and
 * timeout (TIMINGS in utils/outbox/retry-policy.ts), and the total.
 *   node tests/bench/slow-uplink.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';
import { startPortalEmulator } from '../emulator/server.ts';
import { ROOT } from '../support/browser.ts';

const UPLINK_BYTES_PER_SECOND = 250_000;
const FILES = [2_400_000, 2_100_000, 1_900_000, 1_600_000, 1_200_000, 800_000];

/** Bundles the delivery code (extensionless TypeScript imports) into one module for Node. */
async function loadDelivery() {
  const entry = join(ROOT, '.output', 'bench-uplink-entry.ts');
  mkdirSync(join(ROOT, '.output'), { recursive: true });
  writeFileSync(
    entry,
    [
      `export { runJob } from '${join(ROOT, 'utils/outbox/runner.ts')}';`,
      `export { createJob } from '${join(ROOT, 'utils/outbox/job.ts')}';`,
      `export { outboxPortal } from '${join(ROOT, 'utils/outbox/portal-adapter.ts')}';`,
      `export { TIMINGS, uploadTimeoutMs } from '${join(ROOT, 'utils/outbox/retry-policy.ts')}';`,
      `export { createPortalClient } from '${join(ROOT, 'utils/portal/client.ts')}';`,
      `export { apiTokenProvider } from '${join(ROOT, 'utils/portal/auth.ts')}';`,
    ].join('\n'),
  );
  const result = await build({
    input: entry,
    platform: 'node',
    output: { format: 'esm' },
    write: false,
    logLevel: 'silent',
  });
  const file = join(ROOT, '.output', 'bench-uplink.mjs');
  writeFileSync(file, result.output[0].code);
  return import(pathToFileURL(file).href);
}

/** A TCP proxy whose client-to-portal direction is limited to `rate` bytes per second. */
function throttlingProxy(target: number, rate: number): Promise<{ port: number; close(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    upstream.pipe(client);
    let queue = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      client.pause();
      queue = queue.then(async () => {
        for (let i = 0; i < chunk.length; i += 16_384) {
          const part = chunk.subarray(i, i + 16_384);
          upstream.write(part);
          await new Promise((resolve) => setTimeout(resolve, (part.length / rate) * 1000));
        }
        client.resume();
      });
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        close: () => {
          for (const socket of sockets) socket.destroy();
          server.close();
        },
      }),
    ),
  );
}

const delivery = await loadDelivery();
const emulator = await startPortalEmulator();
const proxy = await throttlingProxy(Number(new URL(emulator.origin).port), UPLINK_BYTES_PER_SECOND);
const site = `http://127.0.0.1:${proxy.port}`;
const { customer } = emulator.data;
const client = delivery.createPortalClient({
  fetch: (input: string, init?: RequestInit) => fetch(input, init),
  auth: delivery.apiTokenProvider({
    siteUrl: site,
    email: customer.emailAddress,
    apiToken: customer.apiToken,
    tokenKind: 'classic',
    gatewayUrl: site,
    fetch: (input: string, init?: RequestInit) => fetch(input, init),
  }),
});
const blobs = new Map<string, Blob>();
const attachments = FILES.map((size, index) => {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 4096) bytes[i] = (i * 31 + index) % 256;
  blobs.set(`f${index}`, new Blob([bytes], { type: 'image/png' }));
  return { blobId: `f${index}`, name: `screenshot-${index + 1}.png`, size, type: 'image/png' };
});
const reference = 'SC-UPL1NK';
const job = delivery.createJob(
  {
    portal: site,
    captureReference: reference,
    serviceDeskId: '1',
    requestTypeId: '10',
    requestFieldValues: {
      summary: `Slow uplink [${reference}]`,
      description: `Capture reference: ${reference}`,
      customfield_10050: { id: '10101' },
    },
    summary: 'Slow uplink',
    attachments,
    participants: [],
  },
  'bench',
  Date.now(),
);

const calls: { bytes: number; ms: number; timeoutMs: number; ok: boolean }[] = [];
const portal = delivery.outboxPortal(client);
const upload = portal.uploadTemporaryFiles;
portal.uploadTemporaryFiles = async (
  desk: string,
  files: { data: Blob }[],
  options?: { timeoutMs?: number },
) => {
  const bytes = files.reduce((sum, file) => sum + file.data.size, 0);
  const started = performance.now();
  try {
    const answer = await upload(desk, files, options);
    calls.push({
      bytes,
      ms: performance.now() - started,
      timeoutMs: options?.timeoutMs ?? 0,
      ok: true,
    });
    return answer;
  } catch (error) {
    calls.push({
      bytes,
      ms: performance.now() - started,
      timeoutMs: options?.timeoutMs ?? 0,
      ok: false,
    });
    throw error;
  }
};

const total = FILES.reduce((sum, size) => sum + size, 0);
const started = performance.now();
const done = await delivery.runJob(job, {
  portal,
  blobs: { get: async (id: string) => blobs.get(id) },
  save: async () => {},
  now: () => Date.now(),
  random: () => 0.5,
});
const seconds = (performance.now() - started) / 1000;
console.log(
  `${(total / 1e6).toFixed(1)} MB in ${FILES.length} screenshots over a ${(UPLINK_BYTES_PER_SECOND * 8) / 1e6} Mbit/s uplink:`,
);
for (const call of calls) {
  console.log(
    `  upload call ${(call.bytes / 1e6).toFixed(2)} MB: ${(call.ms / 1000).toFixed(1)} s (timeout ${(call.timeoutMs / 1000).toFixed(1)} s)${call.ok ? '' : ' FAILED'}`,
  );
}
const attached =
  emulator.state().requests.find((r) => JSON.stringify(r.fieldValues).includes(reference))
    ?.attachments.length ?? 0;
console.log(
  `  job ${done.status} (${done.steps.upload} uploads), ${attached}/${FILES.length} files attached, ${seconds.toFixed(1)} s in all; ${calls.filter((c) => !c.ok).length} calls timed out`,
);
const old = 8 * 1024 * 1024;
console.log(
  `  before: one 8 MiB call with a 25 s timeout needed ${(old / UPLINK_BYTES_PER_SECOND).toFixed(1)} s`,
);
proxy.close();
await emulator.close();

/** Clients of the local portal emulator for Node tests: Node's fetch, the demo customer's token. */
import { apiTokenProvider } from '@/utils/portal/auth';
import { createPortalClient, type PortalClient } from '@/utils/portal/client';
import type { FetchFunction } from '@/utils/portal/http';
import type { PortalEmulator } from '../../emulator/server.ts';

export const nodeFetch: FetchFunction = (input, init) => fetch(input, init);

export interface TokenClientOptions {
  tokenKind?: 'classic' | 'scoped';
  /** Another token than the customer's own of that kind (a wrong or mismatched one). */
  token?: string;
  timeoutMs?: number;
  onCloudId?: (cloudId: string) => void;
}

/** A client signed in with the demo customer's API token, classic unless told otherwise. */
export function emulatorTokenClient(
  emulator: PortalEmulator,
  options: TokenClientOptions = {},
): PortalClient {
  const { customer } = emulator.data;
  const tokenKind = options.tokenKind ?? 'classic';
  return createPortalClient({
    fetch: nodeFetch,
    timeoutMs: options.timeoutMs,
    auth: apiTokenProvider({
      siteUrl: emulator.origin,
      email: customer.emailAddress,
      apiToken:
        options.token ?? (tokenKind === 'scoped' ? customer.scopedApiToken : customer.apiToken),
      tokenKind,
      gatewayUrl: emulator.origin,
      onCloudId: options.onCloudId,
      fetch: nodeFetch,
    }),
  });
}

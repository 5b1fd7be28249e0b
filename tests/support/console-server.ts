/**
 * A loopback "web console" for the e2e tests and the demo: pages that log errors and make
 * requests that fail with server request ids. Listens on 127.0.0.1 only.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const PAGES = join(import.meta.dirname, 'pages');

export interface ConsoleServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

let requestCounter = 0;

function failWithRequestId(res: ServerResponse, status: number, body: string): void {
  requestCounter += 1;
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-request-id': `req-${status}-${String(requestCounter).padStart(4, '0')}`,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  });
  res.end(body);
}

async function servePage(res: ServerResponse, name: string, headers: Record<string, string> = {}) {
  try {
    const html = await readFile(join(PAGES, name));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(html);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  if (path.startsWith('/api/kubernetes/')) {
    return failWithRequestId(
      res,
      500,
      JSON.stringify({ kind: 'Status', message: 'etcdserver: request timed out', code: 500 }),
    );
  }
  if (path.startsWith('/api/alerts')) {
    return failWithRequestId(res, 503, JSON.stringify({ error: 'alertmanager unavailable' }));
  }
  if (path === '/' || path === '/console' || path === '/workloads' || path === '/deployments') {
    return servePage(res, 'console.html');
  }
  // Scripts of the fixture pages, for pages whose CSP allows only same-origin scripts.
  const script = /^\/pages\/([\w-]+\.js)$/.exec(path);
  if (script?.[1]) {
    return servePage(res, script[1], { 'content-type': 'text/javascript; charset=utf-8' });
  }
  // Failing API answers with correlation headers: /api/fail/<status>
  const fail = /^\/api\/fail\/(\d{3})$/.exec(path);
  if (fail?.[1]) {
    return failWithRequestId(res, Number(fail[1]), JSON.stringify({ error: `status ${fail[1]}` }));
  }
  const page = /^\/pages\/([\w-]+\.html)$/.exec(path);
  if (page?.[1]) {
    const csp = url.searchParams.get('csp');
    return servePage(res, page[1], csp ? { 'content-security-policy': csp } : {});
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}

export async function startConsoleServer(port = 0): Promise<ConsoleServer> {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${bound}`;
  return {
    origin,
    url: (path) => new URL(path, origin).toString(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

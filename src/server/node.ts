import type { ScenarioProxy } from './proxy.js';

/** What the adapter reads of a Node request: `http.IncomingMessage`, and Express's `req`. */
export interface NodeRequest extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  /** Express: the URL before a mount path was cut off. */
  originalUrl?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Express: the body a body parser mounted earlier has already read. */
  body?: unknown;
}

/** What the adapter writes to: `http.ServerResponse`, and Express's `res`. */
export interface NodeResponse {
  /** Sends the status line and headers. */
  writeHead(status: number, headers: Record<string, string>): unknown;
  /** Sends part of the body. */
  write(chunk: Uint8Array): unknown;
  /** Ends the answer. */
  end(): unknown;
  /** Whether `writeHead` already ran. */
  readonly headersSent?: boolean | undefined;
}

/**
 * The proxy as a Node `(req, res)` handler, for `http.createServer` and Express
 * (`app.use('/api/scenario', toNodeHandler(proxy))`, before any body parser). Uses only web
 * standards, so the server entry loads on runtimes without Node's modules.
 */
export function toNodeHandler(proxy: ScenarioProxy): (req: NodeRequest, res: NodeResponse) => Promise<void> {
  return async (req, res) => {
    try {
      const response = await proxy.fetch(webRequest(req));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      const reader = response.body?.getReader();
      for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) res.write(read.value);
      res.end();
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end();
    }
  };
}

function webRequest(req: NodeRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = new URL(req.originalUrl ?? req.url ?? '/', `http://${headers.get('host') ?? 'localhost'}`);
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  if (req.body !== undefined) {
    headers.delete('content-length');
    return new Request(url, {
      method,
      headers,
      body: typeof req.body === 'string' ? req.body : JSON.stringify(req.body),
    });
  }
  // Pulled chunk by chunk, so the proxy's body limit stops the read before the body is buffered.
  const chunks = req[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? new TextEncoder().encode(value) : value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
  return new Request(url, { method, headers, body, duplex: 'half' } as RequestInit);
}

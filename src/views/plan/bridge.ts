/// <reference lib="dom" />
/**
 * The view's side of the MCP Apps bridge (`io.modelcontextprotocol/ui`, protocol 2026-01-26): JSON-RPC 2.0 over
 * `postMessage` with the host window. The spec lets a view speak it without an SDK; the official `App` class
 * would add some 650 KB of bundled dependencies to a page that needs seven methods. The end-to-end test runs this
 * bridge against the official host bridge (`AppBridge` of `@modelcontextprotocol/ext-apps`).
 */

/** Protocol version this view speaks (`LATEST_PROTOCOL_VERSION` of ext-apps 2.x). */
export const PROTOCOL_VERSION = '2026-01-26';

type Params = Record<string, unknown>;

interface JsonRpcMessage {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: Params;
  result?: unknown;
  error?: { code: number; message: string };
}

/** The host's answer to `ui/initialize`, as far as the view reads it. */
export interface InitializeResult {
  protocolVersion?: string;
  hostCapabilities?: Record<string, unknown>;
  hostContext?: Record<string, unknown>;
}

/** An error answer from the host. */
export class BridgeError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export class HostBridge {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly handlers = new Map<string, (params: Params) => void>();
  private readonly host: Window;

  constructor(host: Window = window.parent) {
    this.host = host;
    window.addEventListener('message', (event) => {
      // Only the host window speaks to this view; anything else (another frame, an extension) is ignored.
      if (event.source !== this.host) return;
      this.receive(event.data as JsonRpcMessage);
    });
  }

  private post(message: JsonRpcMessage): void {
    this.host.postMessage(message, '*');
  }

  private receive(message: JsonRpcMessage): void {
    if (typeof message !== 'object' || message === null || message.jsonrpc !== '2.0') return;
    if (message.method === undefined && typeof message.id === 'number') {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.error) waiter.reject(new BridgeError(message.error.code, message.error.message));
      else waiter.resolve(message.result);
      return;
    }
    if (typeof message.method !== 'string') return;
    if (message.id !== undefined) {
      // Requests from the host: answer the ones the view supports, refuse the rest.
      if (message.method === 'ping' || message.method === 'ui/resource-teardown') {
        this.post({ jsonrpc: '2.0', id: message.id, result: {} });
      } else {
        this.post({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: `Method not found: ${message.method}` } } as JsonRpcMessage);
      }
      return;
    }
    this.handlers.get(message.method)?.(message.params ?? {});
  }

  /** Registers the handler of a host notification (one per method). */
  on(method: string, handler: (params: Params) => void): void {
    this.handlers.set(method, handler);
  }

  /** Sends a request and resolves with the host's result, or rejects with its error or after `timeoutMs`. */
  request<T = Record<string, unknown>>(method: string, params: Params, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new BridgeError(-32001, `${method}: no answer from the host`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.post({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: Params = {}): void {
    this.post({ jsonrpc: '2.0', method, params });
  }

  /** The `ui/initialize` handshake, then `ui/notifications/initialized`. */
  async connect(appInfo: { name: string; version: string }, timeoutMs?: number): Promise<InitializeResult> {
    const result = await this.request<InitializeResult>(
      'ui/initialize',
      { appInfo, appCapabilities: { availableDisplayModes: ['inline'] }, protocolVersion: PROTOCOL_VERSION },
      timeoutMs,
    );
    this.notify('ui/notifications/initialized');
    return result ?? {};
  }

  /**
   * Reports the document's size whenever it changes, so a host that sizes the frame to its content never cuts
   * the plan off.
   */
  reportSize(): void {
    let last = '';
    const send = () => {
      const el = document.documentElement;
      const width = Math.ceil(el.scrollWidth);
      const height = Math.ceil(el.scrollHeight);
      const key = `${width}x${height}`;
      if (key === last) return;
      last = key;
      this.notify('ui/notifications/size-changed', { width, height });
    };
    let scheduled = false;
    const observer = new ResizeObserver(() => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        send();
      });
    });
    observer.observe(document.documentElement);
    observer.observe(document.body);
    send();
  }
}

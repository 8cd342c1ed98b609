import type { DyadBridge } from '../../../shared/api/bridge';
import type { MethodName } from '../../../shared/api/contract';
import type { ApiEvent } from '../../../shared/api/define';
import type { Result } from '../../../shared/api/errors';
import { takeToken } from './token';

/** How calls reach the core: the preload bridge inside Electron, HTTP to `dyad serve` in a browser. */
interface Transport {
  call(method: MethodName, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /**
   * Sends a chosen file on its own before the call that reads it (`dyad serve` only): the server writes it to disk
   * as it arrives instead of holding a base64 copy of it in a JSON body. Absent in the desktop app.
   */
  upload?(file: File): Promise<Result<{ uploadId: string }>>;
}

declare global {
  interface Window {
    dyad?: DyadBridge;
  }
}

function bridgeTransport(bridge: DyadBridge): Transport {
  return {
    call: (method, input) => (bridge.api[method] as (i: unknown) => Promise<Result<unknown>>)(input),
    subscribe: (listener) => bridge.onEvent(listener),
  };
}

/** Set while the page unloads (reload, close): calls cut short by it are not the server's fault. */
let unloading = false;
const RELOADING = { ok: false, error: { kind: 'cancelled', message: 'The page is reloading.' } } as const;
if (typeof window !== 'undefined') for (const e of ['beforeunload', 'pagehide']) window.addEventListener(e, () => (unloading = true));

function httpTransport(base = ''): Transport {
  const token = takeToken();
  return {
    async call(method, input) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { 'x-dyad-token': token } : {}) },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        if (unloading) return RELOADING;
        return { ok: false, error: { kind: 'io', message: 'Dyad could not reach its local server. Is `dyad serve` still running?' } };
      }
      try {
        return (await res.json()) as Result<unknown>;
      } catch {
        // A reload can also cut the answer off while it is being read.
        if (unloading) return RELOADING;
        return { ok: false, error: { kind: 'internal', message: `The local server answered ${res.status} ${res.statusText} without a result.` } };
      }
    },
    async upload(file) {
      let res: Response;
      try {
        // The File itself as the body: the browser streams it from disk, never as a string in the page.
        res = await fetch(`${base}/api/upload?name=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream', ...(token ? { 'x-dyad-token': token } : {}) },
          body: file,
          credentials: 'same-origin',
        });
      } catch {
        if (unloading) return RELOADING;
        return { ok: false, error: { kind: 'io', message: `Dyad could not send ${file.name} to its local server. Is \`dyad serve\` still running?` } };
      }
      try {
        return (await res.json()) as Result<{ uploadId: string }>;
      } catch {
        if (unloading) return RELOADING;
        return { ok: false, error: { kind: 'internal', message: `The local server answered ${res.status} ${res.statusText} to the upload of ${file.name}.` } };
      }
    },
    subscribe(listener) {
      const source = new EventSource(`${base}/api/events`, { withCredentials: true });
      source.onmessage = (m: MessageEvent<string>) => {
        try {
          listener(JSON.parse(m.data) as ApiEvent);
        } catch {
          /* a malformed event is not worth breaking the page for */
        }
      };
      return () => source.close();
    },
  };
}

let current: Transport | null = null;

export function transport(): Transport {
  if (!current) current = window.dyad ? bridgeTransport(window.dyad) : httpTransport();
  return current;
}

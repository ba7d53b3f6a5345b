import type { GateClient } from '../../../src/kube/actions/gate.js';
import type { RequestOptions } from '../../../src/kube/client.js';
import { KubeError } from '../../../src/kube/kube-error.js';

export interface SeenRequest {
  method: string;
  path: string;
  query: RequestOptions['query'];
  body: unknown;
  contentType?: string;
}

type Handler = (req: SeenRequest) => unknown;

/** A GateClient that records every request and answers from a handler; throwing a KubeError fails it. */
export function fakeClient(handler: Handler): GateClient & { seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  return {
    seen,
    async request<T>(opts: RequestOptions): Promise<T> {
      // As on the wire: objects go through JSON, so undefined fields vanish.
      const body =
        typeof opts.body === 'string'
          ? safeParse(opts.body)
          : opts.body === undefined
            ? undefined
            : JSON.parse(JSON.stringify(opts.body));
      const req = {
        method: opts.method ?? 'GET',
        path: opts.path,
        query: opts.query,
        body,
        contentType: opts.contentType,
      };
      seen.push(req);
      return handler(req) as T;
    },
    async websocket() {
      throw new KubeError('no websockets in this fake', 0, 'Unsupported', 'GET', '');
    },
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const mutatingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

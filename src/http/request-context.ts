import { AsyncLocalStorage } from 'node:async_hooks';
import type { App } from './types.js';

/** What every write may need to know about the request that caused it, without passing it through each service. */
export interface RequestContext {
  /** The client's address, as the proxy settings let the server see it. */
  address: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Runs each route handler (and the hooks after this one) inside its request's context. A callback hook, so the
 * handler is called inside `run`; the body was already read, which loses async context on some streams.
 */
export function registerRequestContext(app: App): void {
  app.addHook('preHandler', (request, _reply, done) => storage.run({ address: request.ip }, done));
}

/** The address of the request being served; null outside a request (jobs, the command line). */
export function requestAddress(): string | null {
  return storage.getStore()?.address ?? null;
}

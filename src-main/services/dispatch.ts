// The one door into the main-process services, shared by both transports (Electron IPC and the
// browser shell's WebSocket): checks the channel, validates the request with the contract's schema,
// runs the handler, and wraps the outcome in an Envelope. Nothing unvalidated reaches a handler.

import {
  isChannel,
  requestSchemas,
  type ApiErrorCode,
  type Channel,
  type Envelope,
  type RequestOf,
  type ResponseOf,
} from "../api/index";

export type Handlers = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/** An error whose message is meant for the player. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Envelope<Channel>>;

export function createDispatch(handlers: Handlers, log: (message: string) => void = console.error): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return failure("bad-request", `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.`);
    }
    const parsed = requestSchemas[channel].safeParse(payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
      return failure("bad-request", `Bad request for ${channel}${where}: ${first?.message ?? "invalid"}.`);
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<ResponseOf<Channel>>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof ApiError) return failure(error.code, error.message);
      log(`[heapwise] ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return failure("internal", `Something went wrong in ${channel}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

function failure(code: ApiErrorCode, message: string): Envelope<Channel> {
  return { ok: false, error: { code, message } };
}

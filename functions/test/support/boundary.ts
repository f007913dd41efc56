// A use case called the way its callable calls it: the registry's caller level is checked at the
// boundary (triggers/callable.ts) against the officer record before the service runs.
import type { Deps } from "../../src/ports/index.js";
import { setDepsForTesting } from "../../src/runtime/deps.js";
import type { CallableName } from "../../src/schemas/index.js";
import type { Actor } from "../../src/services/actor.js";
import { handleCall } from "../../src/triggers/callable.js";
import { request } from "../triggers/support.js";

export function throughBoundary<N extends CallableName>(
  deps: Deps,
  name: N,
  service: Parameters<typeof handleCall<N>>[1],
) {
  return (caller: Actor | undefined, data: unknown): Promise<unknown> => {
    setDepsForTesting(deps);
    return handleCall(name, service)(request(data, caller ? { actor: caller } : {}));
  };
}

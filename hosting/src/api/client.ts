// The typed client of TORA FACE's callables, derived from the shared zod registry: the same code
// serves the web portal and a mobile app (no DOM here). Inputs are validated before sending and
// outputs on return, so both sides agree on every shape.
import { callables, type CallableInput, type CallableName, type CallableOutput } from "@schemas";

export type Transport = (name: string, data: unknown) => Promise<unknown>;

export class ClientValidationError extends Error {
  constructor(
    readonly callable: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`${callable}: ${issues.map((i) => `${i.path || "request"}: ${i.message}`).join("; ")}`);
  }
}

export function createClient(transport: Transport) {
  return async function call<N extends CallableName>(name: N, input: CallableInput<N>): Promise<CallableOutput<N>> {
    const schema = callables[name];
    const parsed = schema.input.safeParse(input);
    if (!parsed.success) throw new ClientValidationError(name, parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
    const result = await transport(name, parsed.data);
    return schema.output.parse(result) as CallableOutput<N>;
  };
}

export type Client = ReturnType<typeof createClient>;

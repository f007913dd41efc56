// The typed call of TORA FACE's callables: the input is validated with the shared zod schema before
// it is sent and the output when it returns, so app and backend agree on every shape. The
// transport is the app's (Firebase's httpsCallable on the web and in React Native): no DOM here.
import {
  callables,
  type CallableInput,
  type CallableName,
  type CallableOutput,
} from "../../functions/src/schemas/index.js";

/** `signal` cancels the call (an upload on a slow network): the transport drops the request */
export interface CallOptions {
  signal?: AbortSignal;
}

export type Transport = (name: string, data: unknown, options?: CallOptions) => Promise<unknown>;

/** one refused field: its path ("familyContact.phone"), zod's issue code and English message — as the backend sends them */
export interface InputIssue {
  path: string;
  code: string;
  message: string;
}

export class ClientValidationError extends Error {
  constructor(
    readonly callable: string,
    readonly issues: InputIssue[],
  ) {
    super(`${callable}: ${issues.map((i) => `${i.path || "request"}: ${i.message}`).join("; ")}`);
  }
}

export function createClient(transport: Transport) {
  return async function call<N extends CallableName>(
    name: N,
    input: CallableInput<N>,
    options?: CallOptions,
  ): Promise<CallableOutput<N>> {
    const schema = callables[name];
    const parsed = schema.input.safeParse(input);
    if (!parsed.success)
      throw new ClientValidationError(
        name,
        parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message })),
      );
    const result = await transport(name, parsed.data, options);
    return schema.output.parse(result) as CallableOutput<N>;
  };
}

export type Client = ReturnType<typeof createClient>;

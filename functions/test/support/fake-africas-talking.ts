// A local fake of Africa's Talking's SMS API (POST /version1/messaging) on node:http: each request
// is recorded and answered by the next scripted answer — a recipient status, an HTTP status, or
// silence (the client's timeout).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeAnswer =
  | { recipient: { statusCode: number; status: string } }
  | { http: number }
  /** never answered: the client times out */
  | { silence: true };

export interface FakeRequest {
  path: string;
  headers: IncomingMessage["headers"];
  form: Record<string, string>;
}

export interface FakeAfricasTalking {
  url: string;
  requests: FakeRequest[];
  /** the answers to the next requests, in order; when none is left, 101 Success */
  script(...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

export async function fakeAfricasTalking(): Promise<FakeAfricasTalking> {
  const requests: FakeRequest[] = [];
  let answers: FakeAnswer[] = [];
  let sequence = 0;
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      requests.push({
        path: req.url ?? "",
        headers: req.headers,
        form: Object.fromEntries(new URLSearchParams(body)),
      });
      const answer = answers.shift() ?? { recipient: { statusCode: 101, status: "Success" } };
      if ("silence" in answer) return void hanging.add(res);
      if ("http" in answer) return void res.writeHead(answer.http, { "Content-Type": "text/plain" }).end("error");
      const form = Object.fromEntries(new URLSearchParams(body));
      const accepted = answer.recipient.statusCode < 200;
      res.writeHead(201, { "Content-Type": "application/json" }).end(
        JSON.stringify({
          SMSMessageData: {
            Message: accepted ? "Sent to 1/1 Total Cost: BIF 30.0000" : "Sent to 0/1 Total Cost: 0",
            Recipients: [
              {
                statusCode: answer.recipient.statusCode,
                number: form.to,
                status: answer.recipient.status,
                cost: accepted ? "BIF 30.0000" : "0",
                messageId: accepted ? `ATXid_${++sequence}` : "None",
              },
            ],
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...next) => void (answers = next),
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// The Africa's Talking adapter against a local fake of its HTTP API: what it sends, and how each
// answer reads — accepted, refused (never worth retrying), transient (timeouts, 5xx).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { africasTalkingReportStatus, africasTalkingSms } from "../../src/adapters/africas-talking-sms.js";
import { fakeAfricasTalking, type FakeAfricasTalking } from "../support/fake-africas-talking.js";

let fake: FakeAfricasTalking;
beforeAll(async () => (fake = await fakeAfricasTalking()));
afterAll(() => fake.close());

const provider = () =>
  africasTalkingSms({ username: "tora", apiKey: "key-1", baseUrl: fake.url, senderId: "TORAFACE", timeoutMs: 300 });

describe("Africa's Talking SMS adapter", () => {
  it("posts the form with the API key header and reads the message id", async () => {
    fake.script({ recipient: { statusCode: 101, status: "Success" } });
    const before = fake.requests.length;
    const result = await provider().send("+25779000111", "TORA FACE: hello");
    expect(result).toEqual({ outcome: "accepted", providerMessageId: expect.stringMatching(/^ATXid_/) });
    const request = fake.requests[before]!;
    expect(request.path).toBe("/version1/messaging");
    expect(request.headers.apikey).toBe("key-1");
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request.form).toEqual({
      username: "tora",
      to: "+25779000111",
      message: "TORA FACE: hello",
      from: "TORAFACE",
    });
  });

  it("reads a recipient refusal as refused, with its code", async () => {
    fake.script({ recipient: { statusCode: 403, status: "InvalidPhoneNumber" } });
    expect(await provider().send("+25779000111", "x")).toEqual({ outcome: "refused", code: "403 InvalidPhoneNumber" });
    fake.script({ http: 401 });
    expect(await provider().send("+25779000111", "x")).toEqual({ outcome: "refused", code: "http_401" });
  });

  it("reads a timeout, a server error and the gateway's own trouble as transient", async () => {
    fake.script({ silence: true });
    expect(await provider().send("+25779000111", "x")).toEqual({ outcome: "transient", code: "timeout" });
    fake.script({ http: 503 });
    expect(await provider().send("+25779000111", "x")).toEqual({ outcome: "transient", code: "http_503" });
    fake.script({ recipient: { statusCode: 500, status: "InternalServerError" } });
    expect(await provider().send("+25779000111", "x")).toEqual({
      outcome: "transient",
      code: "500 InternalServerError",
    });
  });

  it("reads a gateway that cannot be reached as transient", async () => {
    const gone = africasTalkingSms({ username: "u", apiKey: "k", baseUrl: "http://127.0.0.1:1", timeoutMs: 300 });
    expect(await gone.send("+25779000111", "x")).toMatchObject({ outcome: "transient" });
  });

  it("maps delivery report statuses", () => {
    expect(africasTalkingReportStatus("Success")).toBe("delivered");
    expect(africasTalkingReportStatus("Rejected")).toBe("undelivered");
    expect(africasTalkingReportStatus("Buffered")).toBe("sent");
    expect(africasTalkingReportStatus("Something")).toBeUndefined();
  });
});

// The Vertex AI adapter builds the request it should: Vertex mode with the project and region,
// the configured model, a JSON answer in the appeal's shape, the photo only when one is given.
// The SDK is replaced by a recorder: nothing leaves this machine.
import { describe, expect, it, vi } from "vitest";

const calls: {
  options: unknown;
  request: { model: string; contents: { parts: unknown[] }[]; config: Record<string, unknown> };
}[] = [];
vi.mock("@google/genai", () => ({
  GoogleGenAI: class {
    constructor(readonly options: unknown) {}
    models = {
      generateContent: async (request: (typeof calls)[number]["request"]) => {
        calls.push({ options: this.options, request });
        return { text: '{"en":"a","fr":"b","sw":"c","rn":"d","rw":"e"}' };
      },
    };
  },
}));

const { geminiAppealWriter } = await import("../../src/adapters/firebase/gemini-appeal-writer.js");

describe("Gemini appeal writer (Vertex AI)", () => {
  it("asks the configured model in Vertex mode for the five texts as JSON, with the photo only when given", async () => {
    const writer = geminiAppealWriter({ project: "tora-prod", location: "europe-west1", model: "gemini-2.5-flash" });
    expect(writer.generator).toBe("vertex-ai:gemini-2.5-flash");
    const facts = {
      kind: "missing" as const,
      country: "BI" as const,
      names: ["A"],
      aliases: [],
      sex: "female" as const,
      station: "Ngozi",
    };
    expect(await writer.draft({ facts, prompt: "the prompt" })).toBe('{"en":"a","fr":"b","sw":"c","rn":"d","rw":"e"}');
    await writer.draft({
      facts,
      prompt: "with photo",
      photo: { mimeType: "image/jpeg", bytes: new Uint8Array([0xff, 0xd8]) },
    });
    const [plain, withPhoto] = calls;
    expect(plain!.options).toEqual({ vertexai: true, project: "tora-prod", location: "europe-west1" });
    expect(plain!.request.model).toBe("gemini-2.5-flash");
    expect(plain!.request.contents[0]!.parts).toEqual([{ text: "the prompt" }]);
    expect(plain!.request.config).toMatchObject({
      responseMimeType: "application/json",
      responseJsonSchema: { type: "object", required: ["en", "fr", "sw", "rn", "rw"] },
    });
    expect(plain!.request.config.responseJsonSchema).not.toHaveProperty("$schema");
    expect(withPhoto!.request.contents[0]!.parts).toEqual([
      { text: "with photo" },
      { inlineData: { mimeType: "image/jpeg", data: "/9g=" } },
    ]);
  });
});

// Appeals drafted by Gemini on Vertex AI (the @google/genai SDK in Vertex mode: the project's own
// service account, data stays in the configured region). The answer is asked for as JSON of the
// shape the use case checks, described by the same zod schema.
import type { GoogleGenAI } from "@google/genai";
import { z } from "zod";
import type { AppealWriter } from "../../ports/index.js";
import { appealTextsSchema } from "../../schemas/index.js";

export function geminiAppealWriter(options: { project: string; location: string; model: string }): AppealWriter {
  let client: GoogleGenAI | undefined;
  const { $schema: _dialect, ...responseJsonSchema } = z.toJSONSchema(appealTextsSchema);
  return {
    generator: `vertex-ai:${options.model}`,
    async draft({ prompt, photo }) {
      // the SDK loads on the first draft, not with every function instance
      client ??= new (await import("@google/genai")).GoogleGenAI({
        vertexai: true,
        project: options.project,
        location: options.location,
      });
      const response = await client.models.generateContent({
        model: options.model,
        contents: [
          {
            role: "user",
            parts: [
              { text: prompt },
              ...(photo
                ? [{ inlineData: { mimeType: photo.mimeType, data: Buffer.from(photo.bytes).toString("base64") } }]
                : []),
            ],
          },
        ],
        config: { responseMimeType: "application/json", responseJsonSchema, temperature: 0.2 },
      });
      return response.text ?? "";
    },
  };
}

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// the client kit from its source: the workspace never waits for its published build
const clientKit = fileURLToPath(new URL("../client/src/index.ts", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@tora-face/client": clientKit } },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, target: "es2022" },
  server: { fs: { allow: [".."] } },
  test: { include: ["test/**/*.test.ts"] },
});

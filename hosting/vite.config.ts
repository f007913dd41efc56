import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const schemas = fileURLToPath(new URL("../functions/src/schemas/index.ts", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@schemas": schemas } },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, target: "es2022" },
  server: { fs: { allow: [".."] } },
  test: { include: ["test/**/*.test.ts"] },
});

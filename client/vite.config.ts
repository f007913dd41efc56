// The published form of the kit: one ES module (the shared schemas bundled in, zod left to the app)
// and its type declarations (tsc, see tsconfig.build.json). Workspace code imports src/ directly.
import { defineConfig } from "vitest/config";

export default defineConfig({
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    target: "es2022",
    lib: { entry: "src/index.ts", formats: ["es"], fileName: "index" },
    rolldownOptions: { external: ["zod"] },
  },
  test: { include: ["test/**/*.test.ts"] },
});

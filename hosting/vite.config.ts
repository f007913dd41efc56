import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadEnv, type Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { BUILD_INFO_FILE, portalBuild } from "../scripts/portal-build.mjs";

// the client kit from its source: the workspace never waits for its published build
const clientKit = fileURLToPath(new URL("../client/src/index.ts", import.meta.url));

export default defineConfig(({ mode }) => {
  // the VITE_* settings from the environment or hosting/.env.<mode>; a production build without them stops here
  const { config, info } = portalBuild(loadEnv(mode, fileURLToPath(new URL(".", import.meta.url)), "VITE_"));
  /** what this build is for, next to it, for the deploy's check (scripts/check-portal-build.mjs) */
  const buildInfo: Plugin = {
    name: "tora-build-info",
    apply: "build",
    writeBundle(options) {
      writeFileSync(join(options.dir ?? "dist", BUILD_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
      console.log(info.demo ? `portal: DEMO build (${info.project}, emulators only)` : `portal: production build for ${info.project}`);
    },
  };
  return {
    resolve: { alias: { "@tora-face/client": clientKit } },
    define: { __PORTAL_CONFIG__: JSON.stringify(config) },
    plugins: [buildInfo],
    build: { outDir: "dist", emptyOutDir: true, sourcemap: true, target: "es2022" },
    server: { fs: { allow: [".."] } },
    test: { include: ["test/**/*.test.ts"] },
  };
});

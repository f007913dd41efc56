// What a phone downloads before the portal's first screen, from the build in hosting/dist: the
// page, its stylesheet, the entry script and every script it imports statically, then the
// language's own words (a lazy chunk each). Compressed as Hosting sends them (gzip and brotli), with
// the time at 400 kbit/s (transfer alone: add the round trips). Usage: node scripts/first-load-bytes.mjs [language]
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "..", "hosting", "dist");
if (!existsSync(join(dist, "index.html"))) {
  console.error("hosting/dist is missing: run npm run build first");
  process.exit(1);
}
const language = process.argv[2] ?? "rn";
const html = readFileSync(join(dist, "index.html"), "utf8");
const files = new Set(["index.html"]);
const queue = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
while (queue.length) {
  const file = queue.shift();
  if (files.has(file)) continue;
  files.add(file);
  if (!file.endsWith(".js")) continue;
  // static imports only (import … from "./x.js", import "./x.js"); import("./x.js") loads later
  const code = readFileSync(join(dist, file), "utf8");
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["']\.\/([^"']+\.js)["']/g)) queue.push(`assets/${m[1]}`);
}
const lazy = [];
// the language's two chunks: the portal's screen words and the shared words (named <language>-<hash>.js)
const entry = [...files].find((f) => /assets\/index-[^/]+\.js$/.test(f));
const entryCode = readFileSync(join(dist, entry), "utf8");
for (const m of entryCode.matchAll(new RegExp(String.raw`["'\x60]\./(${language}-[^"'\x60]+\.js)["'\x60]`, "g")))
  lazy.push(`assets/${m[1]}`);

const sizes = (file) => {
  const bytes = readFileSync(join(dist, file));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const file of [...files, ...new Set(lazy)]) {
  const s = sizes(file);
  for (const k of Object.keys(total)) total[k] += s[k];
  console.log(
    `${file.padEnd(36)} ${String(s.raw).padStart(8)} B  gzip ${String(s.gzip).padStart(7)} B  brotli ${String(s.brotli).padStart(7)} B`,
  );
}
const seconds = (bytes) => ((bytes * 8) / 400_000).toFixed(1);
console.log(
  `first load (${language}): ${total.raw} B, gzip ${total.gzip} B (${seconds(total.gzip)} s at 400 kbit/s), brotli ${total.brotli} B (${seconds(total.brotli)} s)`,
);
console.log(
  `the loading state is in index.html: ${sizes("index.html").gzip} B gzip (${seconds(sizes("index.html").gzip)} s)`,
);

// The manual's links: every relative link of README.md, client/README.md and docs/*.md points at a
// file that exists and, when it names a heading (#anchor), at a heading of that file.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { anchorsOf, linksOf } from "../scripts/markdown.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const docs = join(root, "docs");
const pages = [
  join(root, "README.md"),
  join(root, "client", "README.md"),
  ...readdirSync(docs)
    .filter((f) => f.endsWith(".md"))
    .map((f) => join(docs, f)),
];

describe("the manual's links", () => {
  it("reads the pages and finds their links (a page without links would test nothing)", () => {
    expect(pages.length).toBeGreaterThan(10);
    expect(linksOf(readFileSync(join(root, "README.md"), "utf8")).length).toBeGreaterThan(10);
  });

  it.each(pages.map((p) => [relative(root, p), p]))("every relative link of %s resolves", (_name, page) => {
    const broken: string[] = [];
    for (const link of linksOf(readFileSync(page, "utf8"))) {
      if (/^[a-z][a-z+.-]*:/i.test(link)) continue; // https:, mailto: …
      const [path = "", anchor] = link.split("#");
      const target = path ? join(dirname(page), decodeURIComponent(path)) : page;
      if (!existsSync(target)) {
        broken.push(`${link}: no such file`);
        continue;
      }
      if (anchor && statSync(target).isFile() && target.endsWith(".md")) {
        if (!anchorsOf(readFileSync(target, "utf8")).has(anchor)) broken.push(`${link}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("README.md stays a front door: at most 150 lines, and it links every page of docs/", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    expect(readme.split("\n").length).toBeLessThanOrEqual(150);
    const linked = new Set(linksOf(readme).map((l) => l.split("#")[0]));
    const unlinked = readdirSync(docs)
      .filter((f) => f.endsWith(".md"))
      .filter((f) => !linked.has(`docs/${f}`));
    expect(unlinked).toEqual([]);
  });
});

describe("markdown reading", () => {
  it("finds inline links outside code, and headings' anchors as GitHub makes them", () => {
    const page = [
      "# Speed and memory — `npm run bench`",
      "## Children's photos",
      "## Children's photos",
      "See [a](docs/a.md#x), [b](b.md) and `[not](a link)`.",
      "```sh",
      "[not](inside/a/fence.md)",
      "```",
    ].join("\n");
    expect(linksOf(page)).toEqual(["docs/a.md#x", "b.md"]);
    expect([...anchorsOf(page)]).toEqual(["speed-and-memory--npm-run-bench", "childrens-photos", "childrens-photos-1"]);
  });
});

// Part of `npm run lint`: every export of the product's code (functions/src, client/src, hosting/src)
// must be imported by another file — a test, a script or other code. An export nobody imports is
// dead (delete it) or used only inside its file (drop `export`). The public faces are exempt: the
// deployed functions (functions/src/index.ts), the client kit (client/src/index.ts) and the modules
// they re-export whole.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const projects = ["functions/tsconfig.json", "client/tsconfig.json", "hosting/tsconfig.json"];
const product = ["functions/src/", "client/src/", "hosting/src/"];
const entries = new Set(["functions/src/index.ts", "client/src/index.ts"]);

const rel = (file) => relative(root, file).split("\\").join("/");
const isProduct = (file) => product.some((p) => rel(file).startsWith(p)) && !file.endsWith(".d.ts");

/** "file#name" of every export some other file imports, and the modules imported whole */
const used = new Set();
const wholeModules = new Set();
/** "file#name" → where it is declared, for the report */
const exported = new Map();

function declarationKey(checker, symbol) {
  let target = symbol;
  if (target.flags & ts.SymbolFlags.Alias) target = checker.getAliasedSymbol(target);
  const declaration = target.declarations?.[0];
  if (!declaration) return undefined;
  return `${rel(declaration.getSourceFile().fileName)}#${target.escapedName}`;
}

for (const project of projects) {
  const configPath = join(root, project);
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
  const checker = program.getTypeChecker();

  for (const source of program.getSourceFiles()) {
    if (source.fileName.includes("/node_modules/")) continue;
    const file = rel(source.fileName);

    if (isProduct(source.fileName)) {
      const moduleSymbol = checker.getSymbolAtLocation(source);
      for (const symbol of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
        const key = declarationKey(checker, symbol);
        // re-exports are checked where they are declared
        if (key && key.startsWith(`${file}#`)) exported.set(key, file);
      }
    }

    const visit = (node) => {
      const specifier =
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier
          ? node.moduleSpecifier
          : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
            ? node.arguments[0]
            : ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)
              ? node.argument.literal
              : undefined;
      if (specifier && ts.isStringLiteral(specifier)) {
        const target = checker.getSymbolAtLocation(specifier);
        const targetFile = target?.declarations?.[0]?.getSourceFile().fileName;
        const whole =
          ts.isCallExpression(node) ||
          ts.isImportTypeNode(node) ||
          (ts.isExportDeclaration(node) && !node.exportClause && entries.has(file)) ||
          (ts.isImportDeclaration(node) &&
            node.importClause?.namedBindings &&
            ts.isNamespaceImport(node.importClause.namedBindings));
        if (whole && targetFile && target) {
          wholeModules.add(rel(targetFile));
          for (const s of checker.getExportsOfModule(target)) {
            const key = declarationKey(checker, s);
            if (key) used.add(key);
          }
        }
        const bindings = [];
        if (ts.isImportDeclaration(node) && node.importClause) {
          if (node.importClause.name) bindings.push(node.importClause.name);
          const named = node.importClause.namedBindings;
          if (named && ts.isNamedImports(named)) bindings.push(...named.elements.map((e) => e.name));
        }
        if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause))
          bindings.push(...node.exportClause.elements.map((e) => e.propertyName ?? e.name));
        for (const name of bindings) {
          const symbol = checker.getSymbolAtLocation(name);
          const key = symbol && declarationKey(checker, symbol);
          if (key && !key.startsWith(`${file}#`)) used.add(key);
        }
      }
      // the deployed functions and the client kit are used by what lies outside the repository
      if (entries.has(file) && ts.isExportDeclaration(node) && !node.exportClause && node.moduleSpecifier) {
        const target = checker.getSymbolAtLocation(node.moduleSpecifier);
        for (const s of target ? checker.getExportsOfModule(target) : []) {
          const key = declarationKey(checker, s);
          if (key) used.add(key);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);

    if (entries.has(file)) {
      const moduleSymbol = checker.getSymbolAtLocation(source);
      for (const s of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
        const key = declarationKey(checker, s);
        if (key) used.add(key);
      }
    }
  }
}

/** "file: name" lines the check lets pass, each with its reason in the list */
const allowed = new Set(
  readFileSync(join(root, "scripts/unused-exports-allowed.txt"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#")),
);
const unused = [...exported.keys()].filter((key) => !used.has(key)).map((key) => key.replace("#", ": "));
const fresh = unused.filter((entry) => !allowed.has(entry)).sort();
const stale = [...allowed].filter((entry) => !unused.includes(entry)).sort();
if (fresh.length)
  console.error(`[unused exports] ${fresh.length} export(s) nobody imports — delete them, or drop \`export\`:`);
for (const entry of fresh) console.error(`  ${entry}`);
if (stale.length)
  console.error(
    `[unused exports] scripts/unused-exports-allowed.txt lists ${stale.length} export(s) that are used or gone:`,
  );
for (const entry of stale) console.error(`  ${entry}`);
if (fresh.length || stale.length) process.exit(1);
console.log(
  `[unused exports] ${exported.size} exports of the product's code, each imported somewhere (${allowed.size} listed exceptions)`,
);

// scripts/assemble-pkg.mjs on a copy of wasm-bindgen's output (left in target/wasm-bindgen by
// `make build`) with one more snippet that only the glue imports: that snippet is bundled into
// aliyun_eni.js (no file of its own, no import of it left), the snippets the loaders also import
// stay files, and the assembled glue still works (its import object finds the bundled snippet).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./harness.mjs";

const BINDGEN = join(ROOT, "target", "wasm-bindgen");

test("a snippet only the glue imports is bundled into aliyun_eni.js; shared snippets stay files", async () => {
  assert.ok(existsSync(join(BINDGEN, "aliyun_eni.js")), "target/wasm-bindgen is missing: run `make build`");
  const work = mkdtempSync(join(tmpdir(), "assemble-"));
  try {
    const out = join(work, "bindgen");
    cpSync(BINDGEN, out, { recursive: true });
    // The hashed snippet folder of this crate, as wasm-bindgen named it.
    const snippetsRoot = join(out, "snippets");
    const [crateDir] = readdirSync(snippetsRoot);
    const rel = `./snippets/${crateDir}/src/wasm/js`;
    // The snippets some other module imports (the loaders in pkg-template/ or another snippet):
    // those stay files; a snippet only the glue imports (sign.js today) is bundled.
    const snippetDir = join(snippetsRoot, crateDir, "src", "wasm", "js");
    const snippetFiles = readdirSync(snippetDir).filter((f) => f.endsWith(".js"));
    const importers = [
      ...readdirSync(join(ROOT, "pkg-template"))
        .filter((f) => f.endsWith(".js"))
        .map((f) => readFileSync(join(ROOT, "pkg-template", f), "utf8")),
      ...snippetFiles.map((f) => readFileSync(join(snippetDir, f), "utf8")),
    ];
    const shared = snippetFiles.filter((f) => importers.some((text) => text.includes(`"./${f}"`)));
    assert.ok(shared.includes("runtime.js") && shared.includes("bulk.js"), shared.join(", "));
    writeFileSync(
      join(snippetsRoot, crateDir, "src", "wasm", "js", "glue-only-probe.js"),
      "export function glueOnlyProbe() {\n  return 42;\n}\n",
    );
    // The glue imports it (as wasm-bindgen writes a snippet import) and hands it on.
    const gluePath = join(out, "aliyun_eni.js");
    const glue = readFileSync(gluePath, "utf8");
    writeFileSync(
      gluePath,
      `import * as probeSnippet from "${rel}/glue-only-probe.js"\n` +
        glue +
        "\nexport const glueOnlyProbe = probeSnippet.glueOnlyProbe;\n",
    );

    const pkg = join(work, "pkg");
    execFileSync(
      process.execPath,
      [join(ROOT, "scripts", "assemble-pkg.mjs"), out, join(BINDGEN, "optimized.wasm"), pkg],
      { cwd: ROOT, stdio: "pipe" },
    );

    assert.ok(!existsSync(join(pkg, "glue-only-probe.js")), "the glue-only snippet has no file of its own");
    const assembled = readFileSync(join(pkg, "aliyun_eni.js"), "utf8");
    assert.ok(!assembled.includes("glue-only-probe"), "aliyun_eni.js no longer imports it");
    for (const f of shared) {
      assert.ok(existsSync(join(pkg, f)), `${f} stays a file`);
      assert.ok(assembled.includes(`"./${f}"`), `aliyun_eni.js imports ./${f}`);
    }

    // The assembled package loads: node.js instantiates the wasm through the bundled glue.
    const glueModule = await import(pathToFileURL(join(pkg, "aliyun_eni.js")).href);
    const node = await import(pathToFileURL(join(pkg, "node.js")).href);
    assert.equal(glueModule.glueOnlyProbe(), 42);
    assert.equal(typeof node.EcsClient, "function");
    assert.ok(node.regionIds().includes("cn-hangzhou"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

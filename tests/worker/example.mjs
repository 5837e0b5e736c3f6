// The example cleanup Worker (examples/cleanup-worker/src) copied next to the installed package,
// so its `import ... from "aliyun-eni"` resolves as in a user's project. Shared by the suites.
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { installedPackage, ROOT } from "../js/harness.mjs";

/** Installs the package (once per tarball) and copies the example in: `{ consumer, dir }`. */
export function installedExample() {
  const consumer = installedPackage();
  const src = join(ROOT, "examples", "cleanup-worker", "src");
  const dir = join(consumer.dir, "cleanup-worker");
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(src)) copyFileSync(join(src, f), join(dir, f));
  return { consumer, dir };
}

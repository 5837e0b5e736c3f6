// Shared by the JavaScript test suites: the packed package installed the way a user installs
// it, the emulator, and the credentials it accepts.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export { startEmulator } from "../emulator/server.mjs";

export const KEY = { accessKeyId: "emulator-key-id", accessKeySecret: "emulator-key-secret" };
export const STS = {
  accessKeyId: "STS.emulator-key-id",
  accessKeySecret: "emulator-sts-secret",
  securityToken: "emulator-sts-token",
};
export const SECRETS = [KEY.accessKeySecret, STS.accessKeySecret, STS.securityToken];

/** The tarball `make pack` leaves in target/npm (packed now if it is missing). */
export function tarball() {
  const dir = join(ROOT, "target", "npm");
  const find = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".tgz")) : []);
  if (find().length === 0) {
    if (!existsSync(join(ROOT, "pkg", "package.json"))) throw new Error("pkg/ is not built: run `make build`");
    mkdirSync(dir, { recursive: true });
    execFileSync("npm", ["pack", "./pkg", "--pack-destination", dir, "--loglevel=error"], {
      cwd: ROOT,
      stdio: "ignore",
    });
  }
  const [file] = find();
  return join(dir, file);
}

/**
 * A folder where `npm install <tarball>` ran, as a user would; reused while the tarball is the
 * same. Returns { dir, packageDir, importUrl } (importUrl: the node entry, for dynamic import).
 */
export function installedPackage() {
  const tgz = tarball();
  const hash = createHash("sha256").update(readFileSync(tgz)).digest("hex").slice(0, 16);
  const dir = join(ROOT, "target", "js-consumer");
  const stamp = join(dir, ".tarball-hash");
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== hash) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tgz], { cwd: dir, stdio: "ignore" });
    writeFileSync(stamp, hash);
  }
  const packageDir = join(dir, "node_modules", "aliyun-eni");
  return { dir, packageDir, importUrl: pathToFileURL(join(packageDir, "node.js")).href };
}

/**
 * Imports "aliyun-eni" exactly as a user's module would: a module inside the consumer folder
 * does `import * from "aliyun-eni"`, resolved by Node through the package's exports map.
 */
export async function importPackage() {
  const { dir } = installedPackage();
  const entry = join(dir, "entry.mjs");
  if (!existsSync(entry)) writeFileSync(entry, 'export * from "aliyun-eni";\n');
  return import(pathToFileURL(entry).href);
}

/** Where tests may write what a person should look at (screenshots, figures). */
export function outputDir(name) {
  const dir = join(ROOT, "test-output", name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Bundles `entry` (a module inside `consumerDir`, where "aliyun-eni" is installed) the way
 * wrangler does: esbuild with the workerd conditions, ESM out, `.wasm` imports left as imports
 * (wrangler's module rules make them CompiledWasm modules) and the package's `.wasm` copied next
 * to `outfile`. Returns esbuild's metafile.
 */
export async function bundleLikeWrangler({ consumerDir, entry, outfile }) {
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: consumerDir,
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["*.wasm"],
    outfile,
    metafile: true,
    logLevel: "silent",
  });
  const wasm = join(consumerDir, "node_modules", "aliyun-eni", "aliyun_eni_bg.wasm");
  copyFileSync(wasm, join(dirname(outfile), "aliyun_eni_bg.wasm"));
  return result.metafile;
}

// scripts/demo.mjs (what `make demo` runs): the emulator and the page on 127.0.0.1, both URLs
// printed, the demo keys pre-filled only through the demo server, Ctrl-C stops both. Also the
// static server's own rules (no path escapes, GET/HEAD only, wasm MIME type).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import http from "node:http";
import { join } from "node:path";
import { KEY, ROOT, launch, missing, shot, startStaticServer, waitLoaded, withPage } from "./helpers.mjs";

const skip = missing();
const T = skip ? { skip } : { timeout: 60_000 };
const children = new Set();

after(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Starts the demo; resolves { child, emulator, page, exited } once both URLs are printed. */
function startDemo(args = []) {
  const child = spawn(process.execPath, [join(ROOT, "scripts", "demo.mjs"), ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const exited = new Promise((ok) => child.once("exit", (code, signal) => ok({ code, signal })));
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start: ${out}${err}`)), 20_000);
    child.stdout.on("data", (d) => {
      out += d;
      const emulator = /ECS emulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const page = /Admin page: +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (emulator && page) {
        clearTimeout(timer);
        resolve({ child, emulator, page, exited, output: () => out + err });
      }
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}: ${out}${err}`));
    });
  });
}

const refused = async (url) => {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
};

test("make demo: both servers on 127.0.0.1, the demo keys pre-filled, Ctrl-C stops both", T, async () => {
  const demo = await startDemo();
  try {
    const config = await (await fetch(`${demo.page}demo-config.json`)).json();
    assert.deepEqual(config, {
      regionId: "cn-hangzhou",
      endpoint: demo.emulator,
      accessKeyId: KEY.accessKeyId,
      accessKeySecret: KEY.accessKeySecret,
    });
    const html = await (await fetch(demo.page)).text();
    assert.match(html, /<meta name="aliyun-eni-demo-config" content="demo-config.json">/);
    const state = await (await fetch(`${demo.emulator}/__emulator/state`)).json();
    assert.equal(state.enis.filter((e) => e.RegionId === "cn-hangzhou").length, 250);

    const browser = await launch();
    try {
      await withPage(browser, demo.page, {}, async ({ page, events }) => {
        assert.ok(await page.isVisible("#demo-note"));
        assert.equal(await page.inputValue("#endpoint"), demo.emulator);
        assert.equal(await page.inputValue("#access-key-id"), KEY.accessKeyId);
        assert.equal(await page.inputValue("#access-key-secret"), KEY.accessKeySecret);
        await shot(page, "demo-connect-light-1280");
        await page.click("#connect-btn");
        const { state, loaded } = await waitLoaded(page);
        assert.equal(state, "done");
        assert.equal(loaded, 250);
        assert.ok(!page.url().includes(KEY.accessKeySecret));
        assert.deepEqual(events.dialogs, []);
        assert.deepEqual(events.errors, []);
      });
    } finally {
      await browser.close();
    }
  } finally {
    demo.child.kill("SIGINT");
  }
  const { code } = await Promise.race([
    demo.exited,
    new Promise((ok) => setTimeout(() => ok({ code: "timeout" }), 10_000)),
  ]);
  assert.equal(code, 0, demo.output());
  assert.match(demo.output(), /stopping \(SIGINT\)/);
  assert.ok(await refused(demo.page), "the page server is closed");
  assert.ok(await refused(`${demo.emulator}/__emulator/state`), "the emulator is closed");
});

test("the demo refuses unknown options", T, async () => {
  const child = spawn(process.execPath, [join(ROOT, "scripts", "demo.mjs"), "--bogus"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const code = await new Promise((ok) => child.once("exit", ok));
  assert.equal(code, 2);
  assert.match(err, /unknown option --bogus/);
});

test("the static server: no demo config unless asked, nothing outside www/, GET and HEAD only", T, async () => {
  const site = await startStaticServer();
  try {
    assert.equal((await fetch(`${site.url}demo-config.json`)).status, 404);
    const html = await (await fetch(site.url)).text();
    assert.ok(!html.includes("aliyun-eni-demo-config"), "the plain page has no demo meta tag");
    for (const path of [
      "../package.json",
      "%2e%2e/package.json",
      "..%2fpackage.json",
      "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "vendor/../../Makefile",
    ]) {
      const res = await fetch(`${site.url}${path}`);
      assert.equal(res.status, 404, path);
    }
    // Raw paths, as a client that does not normalise dot segments sends them.
    for (const path of ["/../package.json", "/%2e%2e/%2e%2e/etc/passwd", "/js/../../Makefile", "/.%2e/.git/config"]) {
      const status = await new Promise((ok, fail) => {
        http
          .get({ host: "127.0.0.1", port: site.port, path }, (res) => {
            res.resume();
            ok(res.statusCode);
          })
          .on("error", fail);
      });
      assert.equal(status, 404, path);
    }
    const wasm = await fetch(`${site.url}vendor/aliyun-eni/aliyun_eni_bg.wasm`);
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
    const js = await fetch(`${site.url}js/app.js`);
    assert.match(js.headers.get("content-type"), /^text\/javascript/);
    assert.equal(js.headers.get("x-content-type-options"), "nosniff");
    assert.equal((await fetch(site.url, { method: "POST", body: "x" })).status, 405);
    assert.equal((await fetch(site.url, { method: "HEAD" })).status, 200);
  } finally {
    await site.close();
  }
});

// The packed package in headless Chromium with no bundler: a static page (its own origin) whose
// plain <script type="module"> imports "aliyun-eni" through an import map pointing at the
// installed package's browser.js, with no init call, lists and deletes ENIs in the emulator
// (another origin, CORS on), and reports through window.__result, once per signature algorithm
// (ACS3-HMAC-SHA256, whose Authorization and x-acs-* headers make Chromium send a CORS
// preflight, and HMAC-SHA1). With CORS off the same call fails as an EcsError of kind "network".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { installedPackage, startEmulator, outputDir, ROOT } from "./harness.mjs";
import { serveStatic, launchChromium, runPage } from "./fixtures/browser/harness.mjs";

let consumer, site, chrome;

before(async () => {
  consumer = installedPackage();
  site = await serveStatic({
    "/": join(ROOT, "tests/js/fixtures/browser"),
    "/node_modules/": join(consumer.dir, "node_modules"),
  });
  chrome = await launchChromium();
});

after(async () => {
  await chrome?.close();
  await site?.close();
});

function deletable(emu) {
  return emu
    .state()
    .enis.find(
      (e) => e.RegionId === "cn-hangzhou" && e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged,
    );
}

for (const algorithm of ["ACS3-HMAC-SHA256", "HMAC-SHA1"]) {
  test(
    `a plain module script with an import map, ${algorithm}: list, delete and wait, errors; no console error`,
    { timeout: 60_000 },
    async () => {
      const emu = await startEmulator({ enis: 250, seed: 31, deleteDelayMs: 300, cors: true });
      try {
        const expected = emu
          .state()
          .enis.filter((e) => e.RegionId === "cn-hangzhou")
          .map((e) => e.NetworkInterfaceId)
          .sort();
        const victim = deletable(emu).NetworkInterfaceId;
        const page = `${site.url}/index.html?emulator=${encodeURIComponent(emu.url)}&delete=${victim}&algorithm=${algorithm}`;
        const run = await runPage(chrome.browser, page, {
          screenshot: join(outputDir("browser"), `import-map-${algorithm}.png`),
        });
        const r = run.result;
        assert.equal(r.crashed, undefined, r.crashed);
        assert.equal(r.error, undefined, JSON.stringify(r.error));

        // Cross-origin: the page and the emulator differ (port), so CORS is really exercised.
        assert.notEqual(run.origin, new URL(emu.url).origin);

        assert.deepEqual([...r.ids].sort(), expected);
        assert.equal(new Set(r.ids).size, r.ids.length);
        assert.deepEqual(r.pageSizes, [100, 100, 50]);
        assert.match(r.deleteResponse.requestId, /^[0-9A-F-]{36}$/);
        assert.equal(r.idsAfterDelete.length, expected.length - 1);
        assert.ok(!r.idsAfterDelete.includes(victim));
        assert.ok(!emu.state().enis.some((e) => e.NetworkInterfaceId === victim));

        assert.deepEqual(
          { ...r.apiError, message: typeof r.apiError.message },
          {
            rejected: true,
            instanceofEcsError: true,
            instanceofError: true,
            name: "EcsError",
            kind: "api",
            code: "InvalidEniId.NotFound",
            field: undefined,
            httpStatus: 403,
            retryable: false,
            attempts: 1,
            message: "string",
          },
        );
        assert.equal(r.validationError.instanceofEcsError, true);
        assert.equal(r.validationError.kind, "validation");
        assert.equal(r.validationError.field, "maxResults");
        assert.equal(r.validationError.attempts, 0);

        // The loader: the page loaded browser.js and fetched the .wasm next to it, and nothing else
        // of the package's loaders.
        const pkgFiles = site.requests.filter((p) => p.startsWith("/node_modules/aliyun-eni/")).map((p) => p.slice(25));
        assert.deepEqual([...new Set(pkgFiles)].sort(), [
          "aliyun_eni.js",
          "aliyun_eni_bg.wasm",
          "browser.js",
          "bulk.js",
          "credentials.js",
          "decode.js",
          "runtime.js",
        ]);

        assert.deepEqual(run.pageErrors, []);
        // Chromium logs every HTTP error answer as "Failed to load resource"; the only one allowed is
        // the 403 of the deliberate API error. Nothing else: no warning (e.g. the wasm MIME type), no error.
        const [deliberate, ...others] = run.console.filter((m) => m.type === "error" || m.type === "warning");
        assert.deepEqual(others, []);
        assert.match(deliberate.text, /^Failed to load resource: .*403/);
        const failedUrl = new URL(deliberate.url);
        assert.equal(failedUrl.origin, new URL(emu.url).origin);
        // V3 carries the action in x-acs-action, V2 in the query.
        assert.equal(failedUrl.searchParams.get("Action"), algorithm === "HMAC-SHA1" ? "DeleteNetworkInterface" : null);
        assert.equal(failedUrl.searchParams.get("NetworkInterfaceId"), "eni-bp1doesnotexist00000");
        assert.deepEqual(run.failedRequests, []);
        assert.deepEqual(
          [...new Set(emu.log().requests.map((q) => q.algorithm))],
          [algorithm],
          "the emulator verified every request with this algorithm",
        );
      } finally {
        await emu.close();
      }
    },
  );
}

test(
  "ClientOptions.fetch: window.fetch and an async credentials provider work in the page",
  { timeout: 60_000 },
  async () => {
    const emu = await startEmulator({ enis: 60, seed: 33, deleteDelayMs: 300, cors: true });
    try {
      const expected = emu
        .state()
        .enis.filter((e) => e.RegionId === "cn-hangzhou")
        .map((e) => e.NetworkInterfaceId)
        .sort();
      const victim = deletable(emu).NetworkInterfaceId;
      const page = `${site.url}/index.html?emulator=${encodeURIComponent(emu.url)}&delete=${victim}&fetch=explicit&credentials=provider`;
      const run = await runPage(chrome.browser, page);
      const r = run.result;
      assert.equal(r.crashed, undefined, r.crashed);
      assert.equal(r.error, undefined, JSON.stringify(r.error));
      assert.deepEqual([...r.ids].sort(), expected);
      assert.deepEqual(
        r.idsAfterDelete,
        expected.filter((id) => id !== victim),
      );
      assert.equal(r.apiError.code, "InvalidEniId.NotFound");
      assert.deepEqual(run.pageErrors, []);
    } finally {
      await emu.close();
    }
  },
);

test("a plain module script importing browser.js by URL, without an import map", { timeout: 60_000 }, async () => {
  const emu = await startEmulator({ enis: 40, seed: 34, cors: true });
  try {
    const expected = emu
      .state()
      .enis.filter((e) => e.RegionId === "cn-hangzhou")
      .map((e) => e.NetworkInterfaceId);
    const run = await runPage(chrome.browser, `${site.url}/by-url.html?emulator=${encodeURIComponent(emu.url)}`);
    const r = run.result;
    assert.equal(r.crashed, undefined, r.crashed);
    assert.deepEqual(r.ids, [...expected].sort());
    assert.equal(emu.log().requests.length, Math.ceil(expected.length / 7));
    assert.deepEqual(r.error, { instanceofEcsError: true, kind: "validation", field: "type" });
    assert.equal(r.endpoint, "https://ecs-cn-hangzhou.aliyuncs.com");
    assert.match(r.signature, /^[A-Za-z0-9+/]{27}=$/);
    assert.deepEqual(run.pageErrors, []);
    assert.deepEqual(
      run.console.filter((m) => m.type === "error" || m.type === "warning"),
      [],
    );
  } finally {
    await emu.close();
  }
});

for (const algorithm of ["ACS3-HMAC-SHA256", "HMAC-SHA1"]) {
  test(`CORS off, ${algorithm}: the failure is an EcsError of kind network`, { timeout: 60_000 }, async () => {
    const emu = await startEmulator({ enis: 30, seed: 32, deleteDelayMs: 300, cors: false });
    try {
      const run = await runPage(
        chrome.browser,
        `${site.url}/index.html?emulator=${encodeURIComponent(emu.url)}&algorithm=${algorithm}`,
      );
      const r = run.result;
      assert.equal(r.crashed, undefined, r.crashed);
      assert.ok(r.error, `expected a failure, got ${JSON.stringify(r)}`);
      assert.equal(r.error.instanceofEcsError, true);
      assert.equal(r.error.instanceofError, true);
      assert.equal(r.error.name, "EcsError");
      assert.equal(r.error.kind, "network");
      assert.equal(r.error.code, "NetworkError");
      assert.equal(r.error.retryable, true);
      assert.ok(r.error.attempts >= 1);
      assert.equal(r.ids.length, 0);
      // The browser's message names the URL at most without its query (signature, key ID) and
      // no header (V3's Authorization).
      assert.doesNotMatch(r.error.message, /Signature=|AccessKeyId=|ACS3-HMAC-SHA256|emulator-key-secret/);
      // V2: the request reached the emulator (a simple GET needs no preflight) but the browser
      // kept the answer from the page. V3: Authorization and x-acs-* headers make the browser
      // ask first (a preflight the emulator refuses with CORS off), so nothing reached the API.
      if (algorithm === "HMAC-SHA1") assert.ok(emu.log().requests.length >= 1);
      else assert.equal(emu.log().requests.length, 0);
      assert.deepEqual(run.pageErrors, []);
      const errors = run.console.filter((m) => m.type === "error");
      assert.ok(errors.length >= 1);
      for (const m of errors) assert.match(m.text, /CORS|Failed to load resource|net::ERR_FAILED/, m.text);
      assert.ok(errors.some((m) => /CORS/.test(m.text)));
    } finally {
      await emu.close();
    }
  });
}

// The admin page's hardening (issue 15) in headless Chromium: no other site can frame it (the
// server's headers, and the page itself when a server forgets them), nothing that password
// managers take for a login form, and Recommend links presented by who really sent them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { KEY, assertQuiet, connect, connectAndLoad, missing, pageSuite, shot, withPage } from "./helpers.mjs";

const skip = missing();
let emu, site, browser;
pageSuite(skip, { enis: 30, seed: 5, cors: true }, (s) => ({ emu, site, browser } = s));

const T = skip ? { skip } : { timeout: 60_000 };
const PARENT = "http://parent.invalid/";

/** A fresh context and page (no boot wait: the page under test is a frame in it). */
async function withBlankPage(fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light" });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const events = { dialogs: [], errors: [], console: [] };
  page.on("pageerror", (e) => events.errors.push(e.message));
  page.on("dialog", (d) => {
    events.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  try {
    return await fn({ context, page, events });
  } finally {
    await context.close().catch(() => {});
  }
}

/** A page of another origin (served by Playwright) that frames the admin page. */
async function framed(context, page) {
  await context.route(PARENT, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>other site</title><iframe id="f" src="${site.url}" width="800" height="600"></iframe>`,
    }),
  );
  await page.goto(PARENT);
  await page.waitForLoadState("load");
  const frame = page.frames().find((f) => f !== page.mainFrame());
  assert.ok(frame, "the iframe exists");
  return frame;
}

test("the server forbids framing: frame-ancestors 'none' and X-Frame-Options: DENY on every response", T, async () => {
  for (const path of ["", "index.html", "js/app.js", "styles.css", "no-such-file"]) {
    const res = await fetch(`${site.url}${path}`);
    assert.equal(res.headers.get("content-security-policy"), "frame-ancestors 'none'", path);
    assert.equal(res.headers.get("x-frame-options"), "DENY", path);
  }
  await withBlankPage(async ({ context, page }) => {
    const frame = await framed(context, page);
    // Chromium refuses to render the page in the frame: the app never boots there.
    await page.waitForTimeout(1500);
    const booted = await frame
      .evaluate(() => document.documentElement.dataset.ready ?? null)
      .catch(() => "no access to the frame");
    assert.notEqual(booted, "true", "the framed page booted");
    assert.equal(await frame.locator("#connect-btn").count(), 0, "no connect form in the frame");
  });
});

test("served without those headers, the page still refuses to run inside a frame", T, async () => {
  await withBlankPage(async ({ context, page, events }) => {
    // A careless server: the same files without the anti-framing headers.
    await context.route(`${site.url}**`, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["content-security-policy"];
      delete headers["x-frame-options"];
      await route.fulfill({ response, headers });
    });
    const frame = await framed(context, page);
    await frame.waitForSelector("html[data-framed='true']", { state: "attached" });
    assert.equal(await frame.locator("#connect-btn").count(), 0, "no connect form");
    assert.equal(await frame.locator("#eni-table").count(), 0, "no table");
    assert.equal(await frame.locator("input").count(), 0, "no input at all");
    assert.match(await frame.textContent("#boot-error"), /does not run inside a frame/);
    assert.ok(await frame.isVisible("#boot-error"));
    assert.equal(
      await frame.evaluate(() => document.documentElement.dataset.ready ?? null),
      null,
      "the app did not boot",
    );
    await shot(page, "framed-refused-light-1280");
    assert.deepEqual(events.errors, []);
    assert.deepEqual(events.dialogs, []);
  });
  // Opened on its own, the same careless server's page works.
  await withPage(browser, site.url, {}, async ({ page }) => {
    assert.equal(await page.evaluate(() => document.documentElement.dataset.framed ?? null), null);
    assert.ok(await page.isVisible("#connect-btn"));
  });
});

test("no login form for password managers: no password input, no form submitted, secrets masked", T, async () => {
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await page.evaluate(() => {
      window.__submits = 0;
      document.addEventListener("submit", () => window.__submits++, true);
    });
    const shape = await page.evaluate(() => {
      const creds = ["access-key-id", "access-key-secret", "security-token"].map((id) => document.getElementById(id));
      return {
        passwordInputs: document.querySelectorAll("input[type='password']").length,
        inForm: creds.filter((c) => c.closest("form")).map((c) => c.id),
        named: creds.filter((c) => c.name).map((c) => c.id),
        autocomplete: creds.map((c) => c.getAttribute("autocomplete")),
        masked: ["access-key-secret", "security-token"].map(
          (id) => getComputedStyle(document.getElementById(id)).webkitTextSecurity,
        ),
        ignoredByManagers: creds.every((c) => c.hasAttribute("data-1p-ignore") && c.dataset.lpignore === "true"),
      };
    });
    assert.deepEqual(shape, {
      passwordInputs: 0,
      inForm: [],
      named: [],
      autocomplete: ["off", "off", "off"],
      masked: ["disc", "disc"],
      ignoredByManagers: true,
    });
    // Enter in the secret field connects, and no form is submitted on the way.
    await page.fill("#endpoint", emu.url);
    await page.fill("#access-key-id", KEY.accessKeyId);
    await page.fill("#access-key-secret", KEY.accessKeySecret);
    await page.focus("#access-key-secret");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#workspace:not([hidden])");
    assert.equal(await page.evaluate(() => window.__submits), 0, "a form was submitted");
    assert.equal(await page.inputValue("#access-key-secret"), "");
    assertQuiet(events);
  });
});

/** Answers every API request at the emulator's URL with this error (CORS included). */
async function answerWithError(context, body, status = 404) {
  await context.route(`${emu.url}/**`, (route) => {
    // The preflight of a V3 request asks for Authorization and x-acs-* headers: allow what it
    // asks for ("*" does not cover Authorization).
    const asked = route.request().headers()["access-control-request-headers"];
    const cors = {
      "access-control-allow-origin": "*",
      "access-control-allow-headers": asked || "content-type",
      "access-control-allow-methods": "GET, POST",
    };
    if (route.request().method() === "OPTIONS") return route.fulfill({ status: 204, headers: cors });
    return route.fulfill({ status, contentType: "application/json", headers: cors, body: JSON.stringify(body) });
  });
}

test("Recommend: 'Alibaba Cloud suggests' only for Alibaba Cloud's hosts, otherwise the host is shown", T, async () => {
  // The emulator's own answer (as ECS sends it) links to api.aliyun.com.
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await connect(page, { endpoint: emu.url, accessKeyId: "LTAI-nobody" });
    await page.waitForSelector("#connect-error:not([hidden])");
    const p = page.locator("#connect-error .error-recommend");
    assert.equal(await p.getAttribute("data-host"), "api.aliyun.com");
    assert.match(await p.textContent(), /^Alibaba Cloud suggests/);
    assertQuiet(events, { allowConsole: true });
  });
  // Whatever answers at the endpoint (a relay, a proxy, a look-alike) picks its own link.
  for (const link of ["https://phish.test/aliyun.com/help", "https://api.aliyun.com.phish.test/troubleshoot"]) {
    await withPage(browser, site.url, {}, async ({ context, page, events }) => {
      await answerWithError(context, {
        RequestId: "0F0F0F0F-0000-4000-8000-000000000001",
        HostId: "ecs.aliyuncs.com",
        Code: "InvalidAccessKeyId.NotFound",
        Message: "Specified access key is not found.",
        Recommend: link,
      });
      await connect(page, { endpoint: emu.url });
      await page.waitForSelector("#connect-error[data-code='InvalidAccessKeyId.NotFound']");
      const p = page.locator("#connect-error .error-recommend");
      const text = await p.textContent();
      assert.doesNotMatch(text, /Alibaba Cloud suggests/, link);
      assert.match(text, /not Alibaba Cloud/);
      const host = new URL(link).hostname;
      assert.equal(await p.getAttribute("data-host"), host);
      assert.equal((await p.locator("a").textContent()).trim(), host, "the link shows its host");
      assert.equal(await p.locator("a").getAttribute("href"), link);
      assert.match(await p.locator("a").getAttribute("rel"), /noopener/);
      if (host === "phish.test") await shot(page, "recommend-foreign-light-1280");
      assertQuiet(events, { allowConsole: true });
    });
  }
});

test("the page still lists normally (the hardening changed nothing for a plain visit)", T, async () => {
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    const { state, loaded } = await connectAndLoad(page, { endpoint: emu.url });
    assert.equal(state, "done");
    assert.equal(loaded, 30);
    assertQuiet(events);
  });
});

// Shared by the admin page's suites: headless Chromium (Debian's, never downloaded), the static
// server of scripts/demo.mjs, pages that record dialogs, errors and console errors, and
// screenshots under test-output/www/.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { after, before } from "node:test";
import { KEY, ROOT, SECRETS, outputDir, startEmulator } from "../js/harness.mjs";
import { startStaticServer } from "../../scripts/demo.mjs";

export { KEY, STS, SECRETS, ROOT, startEmulator } from "../js/harness.mjs";
export { startStaticServer } from "../../scripts/demo.mjs";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless=new",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };
export const REGION = "cn-hangzhou";

/** Why the suite cannot run here, or null. */
export function missing() {
  if (!existsSync(CHROMIUM)) return "no /usr/bin/chromium (scripts/ensure-tools.sh browser installs it)";
  if (!existsSync(join(ROOT, "www", "vendor", "aliyun-eni", "browser.js")))
    return "www/vendor/aliyun-eni is missing: run `make build`";
  return null;
}

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** The package as the page has it (www/vendor), for setting the scene from Node. */
export function vendorPackage() {
  return import(pathToFileURL(join(ROOT, "www", "vendor", "aliyun-eni", "node.js")).href);
}

/**
 * A fresh context and page at `url`, waiting until the page has booted. `events` collects
 * dialogs (dismissed), uncaught page errors and console errors.
 */
export async function openPage(browser, url, { viewport = DESKTOP, colorScheme = "light", isMobile = false } = {}) {
  const context = await browser.newContext({
    viewport,
    colorScheme,
    locale: "en-US",
    acceptDownloads: true,
    isMobile,
    hasTouch: isMobile,
    deviceScaleFactor: isMobile ? 2 : 1,
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url).origin });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const events = { dialogs: [], errors: [], console: [] };
  page.on("dialog", (d) => {
    events.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on("pageerror", (e) => events.errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") events.console.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
  return { context, page, events, close: () => context.close().catch(() => {}) };
}

/** Runs `fn(session)` on a fresh page and always closes its context. */
export async function withPage(browser, url, options, fn) {
  const session = await openPage(browser, url, options);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

/** Fills the connect form and presses Connect. */
export async function connect(
  page,
  {
    endpoint,
    region = REGION,
    accessKeyId = KEY.accessKeyId,
    accessKeySecret = KEY.accessKeySecret,
    securityToken = "",
  },
) {
  await page.fill("#region", region);
  await page.fill("#endpoint", endpoint);
  await page.fill("#access-key-id", accessKeyId);
  await page.fill("#access-key-secret", accessKeySecret);
  await page.fill("#security-token", securityToken);
  await page.click("#connect-btn");
}

/** Waits for the current load to end; returns { state, loaded }. */
export async function waitLoaded(page, timeout = 30_000) {
  const status = page.locator("#load-status");
  await page.waitForSelector("#load-status:is([data-state='done'], [data-state='failed'], [data-state='stopped'])", {
    state: "attached",
    timeout,
  });
  return { state: await status.getAttribute("data-state"), loaded: Number(await status.getAttribute("data-loaded")) };
}

/** Connects and waits for the whole list. */
export async function connectAndLoad(page, opts) {
  await connect(page, opts);
  await page.waitForSelector("#workspace:not([hidden])");
  return waitLoaded(page);
}

let shots = null;
/** Saves a viewport screenshot as test-output/www/<name>.png. */
export async function shot(page, name, { fullPage = false } = {}) {
  shots ??= outputDir("www");
  // let pending transitions (toast, progress) settle
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage, animations: "disabled", caret: "hide" });
}

/** The ENIs of a region in the emulator, API-shaped. */
export function emulatorEnis(emu, region = REGION) {
  return emu.state().enis.filter((e) => e.RegionId === region);
}

export const isHostile = (id) => id.startsWith("eni-bp1hostile");

/** ENIs the page lets you delete (Available, Secondary, not service-managed), hostile ones left out. */
export function deletable(emu) {
  return emulatorEnis(emu).filter(
    (e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged && !isHostile(e.NetworkInterfaceId),
  );
}

/** Nothing secret in storage, cookies, the URL or the DOM. */
export async function assertNothingSecret(page, context, secrets = SECRETS) {
  const found = await page.evaluate((secrets) => {
    const dump = (s) => {
      const out = [];
      for (let i = 0; i < s.length; i++) out.push(`${s.key(i)}=${s.getItem(s.key(i))}`);
      return out.join("\n");
    };
    const inputs = [...document.querySelectorAll("input, textarea")].map((i) => i.value).join("\n");
    const haystacks = {
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      cookie: document.cookie,
      url: location.href,
      html: document.documentElement.outerHTML,
      inputs,
    };
    const hits = [];
    for (const [where, text] of Object.entries(haystacks))
      for (const s of secrets) if (text.includes(s)) hits.push(where);
    return { hits, localStorage: localStorage.length, sessionStorage: sessionStorage.length };
  }, secrets);
  assert.deepEqual(found.hits, [], `a secret was found in ${found.hits.join(", ")}`);
  assert.equal(found.localStorage, 0, "localStorage is used");
  assert.equal(found.sessionStorage, 0, "sessionStorage is used");
  const cookies = await context.cookies();
  assert.deepEqual(cookies, [], "cookies were set");
  for (const s of secrets) assert.ok(!page.url().includes(s), "a secret is in the URL");
  assert.ok(!page.url().includes("emulator-key-id"), "the AccessKeyId is in the URL");
}

/** The page did nothing it should not: no dialog, no uncaught error. */
export function assertQuiet(events, { allowConsole = false } = {}) {
  assert.deepEqual(events.dialogs, [], "a dialog fired");
  assert.deepEqual(events.errors, [], "an uncaught error");
  // A failed API call logs "Failed to load resource" (and a CORS refusal its own line): expected
  // where the test provokes one.
  if (!allowConsole) assert.deepEqual(events.console, [], "console errors");
  else
    assert.deepEqual(
      events.console.filter((m) => !/Failed to load resource|CORS policy|net::ERR_/.test(m)),
      [],
      "console errors",
    );
}

/** A port on 127.0.0.1 where nothing listens. */
export async function closedPort() {
  const net = await import("node:net");
  const server = net.createServer();
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/**
 * The usual page suite: before its tests, an emulator with `emulatorOptions`, the static site
 * and Chromium, handed to `ready({ emu, site, browser })`; after them, each closed. Nothing
 * starts when `skip` says why the suite cannot run.
 */
export function pageSuite(skip, emulatorOptions, ready) {
  let emu, site, browser;
  before(async () => {
    if (skip) return;
    emu = await startEmulator(emulatorOptions);
    site = await startStaticServer();
    browser = await launch();
    ready({ emu, site, browser });
  });
  after(async () => {
    await browser?.close().catch(() => {});
    await site?.close();
    await emu?.close();
  });
}

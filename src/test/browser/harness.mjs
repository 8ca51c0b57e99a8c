// What the browser scripts share: headless Chromium from Debian with a throw-away profile, checks that stop the
// flow with a message, a screenshot per step, and one JSON line on stdout as the result.
import { chromium } from "playwright-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export class CheckFailed extends Error {}

export function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

export async function text(locator) {
  return (await locator.textContent())?.trim() ?? "";
}

/**
 * Runs `flow({page, context, log, shot})` in a fresh browser and prints its result as JSON; on the first failed
 * check (or after `overallMs`) it saves failure.png in `shotsDir` and exits non-zero.
 */
export async function runFlow(name, shotsDir, { overallMs, stepMs, viewport, acceptDownloads, locale }, flow) {
  const log = (message) => console.error(`[${name}] ${message}`);
  const shots = path.resolve(shotsDir);
  fs.mkdirSync(shots, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  let context;
  let page;
  const failed = async (error) => {
    log(`FAILED: ${error instanceof CheckFailed ? "" : "(unexpected) "}${error.message}`);
    if (page) await page.screenshot({ path: path.join(shots, "failure.png"), fullPage: true }).catch(() => {});
  };
  const timer = setTimeout(async () => {
    await failed(new CheckFailed(`the flow took longer than ${overallMs} ms`));
    // playwright ends the browser it started when node exits.
    fs.rmSync(profile, { recursive: true, force: true });
    process.exit(1);
  }, overallMs);
  let exitCode = 0;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      headless: true,
      viewport,
      acceptDownloads: Boolean(acceptDownloads),
      locale,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
    });
    context.setDefaultTimeout(stepMs);
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => log(`page error: ${error.message}`));
    page.on("console", (message) => {
      // A failed request is logged once, by the response handler below.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) log(`console error: ${message.text().slice(0, 500)} (${message.location().url})`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400) log(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`);
    });
    const shot = async (file) => {
      await page.screenshot({ path: path.join(shots, file), fullPage: true });
      log(`screenshot ${file}`);
    };
    const result = await flow({ page, context, log, shot });
    console.log(JSON.stringify(result));
  } catch (error) {
    await failed(error);
    exitCode = 1;
  } finally {
    clearTimeout(timer);
    await context?.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

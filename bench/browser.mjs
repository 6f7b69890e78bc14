// What the browser benches share: dist/ served on `port`, and headless Chromium.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";

/** Serves dist/ and launches Chromium; `close()` stops both. */
export async function openBench(port) {
  const server = spawn("node", ["scripts/serve-static.mjs", "dist", String(port)], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const close = async () => {
    await browser.close();
    server.kill();
  };
  return { browser, close };
}

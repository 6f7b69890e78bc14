// What the browser benches share: dist/ served on `port`, and headless Chromium.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";

/** Serves dist/ (Brotli-compressed with `compress`) and launches Chromium; `close()` stops both. */
export async function openBench(port, { compress = false } = {}) {
  const args = ["scripts/serve-static.mjs", "dist", String(port), ...(compress ? ["--compress"] : [])];
  const server = spawn("node", args, { stdio: ["ignore", "pipe", "inherit"] });
  // Ready when it says it listens.
  await new Promise((resolve, reject) => {
    server.stdout.on("data", (chunk) => String(chunk).includes("running at") && resolve());
    server.once("exit", (code) => reject(new Error(`the static server stopped (${code})`)));
  });
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    server.kill();
  };
  return { browser, close };
}

/** Headless Chromium as the benches run it. */
export function launchChromium() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

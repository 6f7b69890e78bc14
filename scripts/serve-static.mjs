// Serves a built app directory on 127.0.0.1 with single-page-app fallback: any path that is
// not a file gets index.html, so deep links and reloads work.
//   node scripts/serve-static.mjs <dir> <port> [--compress]
// With --compress, text and wasm files go out Brotli-compressed (quality 11, compressed once
// before it listens) to browsers that accept it, as the reference server sends them.
import { createServer } from "node:http";
import { readFile, readdir, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const root = resolve(process.argv[2] ?? "dist");
const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
const compress = process.argv.includes("--compress");
const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json", ".png": "image/png",
};

/** file path → its Brotli form. */
const brotli = new Map();
if (compress) {
  for (const name of await readdir(root)) {
    if (!/\.(html|js|wasm|css|svg|json)$/.test(name)) continue;
    const bytes = await readFile(join(root, name));
    brotli.set(join(root, name), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}

createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  let file = join(root, path);
  if (!file.startsWith(root) || !(await stat(file).then((s) => s.isFile(), () => false))) {
    file = join(root, "index.html");
  }
  try {
    const html = file.endsWith(".html");
    const headers = {
      "Content-Type": types[extname(file)] ?? "application/octet-stream",
      "Cache-Control": html ? "no-cache" : "public, max-age=31536000, immutable",
    };
    const compressed = /\bbr\b/.test(req.headers["accept-encoding"] ?? "") && brotli.get(file);
    if (compressed) headers["Content-Encoding"] = "br";
    res.writeHead(200, headers);
    res.end(compressed || (await readFile(file)));
  } catch {
    res.writeHead(404).end("not found");
  }
}).listen(port, "127.0.0.1", () => {
  console.log(`Switchboard is running at http://127.0.0.1:${port}/`);
});

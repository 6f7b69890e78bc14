// The embedding examples' host portal (run `make embed-example`, or
// `node examples/embed/serve.mjs --port 8090 --app http://127.0.0.1:8080 --dist dist`):
//   /portal/admin/...  portal.html, with the app mounted in its layout (sandbox mode), under a
//                      base path, themed by the host's CSS custom properties;
//   /iframe.html       iframe.html: the app served by the Switchboard server at --app, in an
//                      iframe, handed a session token by postMessage (the server must be started
//                      with --embed-origin http://127.0.0.1:<port>).
// The app's own files (dist/) are served at the root, as Trunk's page references them.
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8090" },
    app: { type: "string", default: "http://127.0.0.1:8080" },
    dist: { type: "string", default: "dist" },
    email: { type: "string", default: "dana.whitfield@northwind.example" },
    password: { type: "string", default: "switchboard-demo" },
  },
});
const here = new URL(".", import.meta.url).pathname;
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };

/** The script, preload and style tags Trunk wrote into the app's page. */
function appAssets() {
  const page = readFileSync(join(values.dist, "index.html"), "utf8");
  const head = page.slice(page.indexOf("<head>"), page.indexOf("</head>"));
  const tags = head.match(/<link\b[^>]*>|<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [];
  return tags.filter((t) => !/rel="icon"/.test(t) && !/switchboard-config/.test(t)).join("\n");
}

/** A bearer token for the demo admin, as a portal's back end would get one. */
async function token() {
  const response = await fetch(`${values.app}/api/v1/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: values.email, password: values.password }),
  });
  if (!response.ok) throw new Error(`the Switchboard server at ${values.app} answered ${response.status}`);
  return (await response.json()).token;
}

function send(res, status, type, body) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

createServer(async (req, res) => {
  const path = new URL(req.url, "http://host").pathname;
  try {
    if (path === "/portal/admin" || path.startsWith("/portal/admin/")) {
      const page = readFileSync(join(here, "portal.html"), "utf8").replace(/<!-- switchboard-assets:.*?-->/, appAssets());
      return send(res, 200, "text/html; charset=utf-8", page);
    }
    if (path === "/iframe.html") {
      const page = readFileSync(join(here, "iframe.html"), "utf8")
        .replaceAll("__APP_ORIGIN__", new URL(values.app).origin)
        .replace("__TOKEN__", await token());
      return send(res, 200, "text/html; charset=utf-8", page);
    }
    const file = normalize(join(values.dist, path));
    if (file.startsWith(normalize(values.dist)) && existsSync(file) && statSync(file).isFile()) {
      return send(res, 200, types[extname(file)] ?? "application/octet-stream", readFileSync(file));
    }
    send(res, 404, "text/plain", "Not found. Try /portal/admin/users or /iframe.html.");
  } catch (error) {
    send(res, 502, "text/plain", `The example could not be served: ${error.message}`);
  }
}).listen(Number(values.port), "127.0.0.1", () => {
  console.log(`Embedding examples at http://127.0.0.1:${values.port}/portal/admin/users and http://127.0.0.1:${values.port}/iframe.html`);
});

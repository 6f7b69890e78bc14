// Reads one file out of an .xlsx (a zip archive) with Node's zlib, so a test can check the
// cells a downloaded spreadsheet really holds.
import { inflateRawSync } from "node:zlib";

/** The text of `name` (e.g. "xl/sharedStrings.xml") inside the zip archive `bytes`. */
export function zipEntry(bytes, name) {
  // The central directory lists every entry with its sizes and where its local header is.
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < bytes.readUInt16LE(end + 10); i += 1) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    if (bytes.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const data = bytes.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    }
    at += 46 + nameLength + extra;
  }
  throw new Error(`${name} is not in the archive`);
}

/** The rows of sheet `n` (1-based) of an .xlsx written with shared strings, as text cells. */
export function sheetRows(bytes, n) {
  const strings = [...zipEntry(bytes, "xl/sharedStrings.xml").matchAll(/<si>.*?<t[^>]*>(.*?)<\/t>.*?<\/si>/gs)].map((m) => unescape(m[1]));
  return [...zipEntry(bytes, `xl/worksheets/sheet${n}.xml`).matchAll(/<row [^>]*>(.*?)<\/row>/gs)].map((row) =>
    [...row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(?:<v>(.*?)<\/v>)?<\/c>)/g)].map(([, , attrs, v]) =>
      v === undefined ? "" : attrs.includes('t="s"') ? strings[Number(v)] : v,
    ),
  );
}

function unescape(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

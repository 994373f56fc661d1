// Draws the toolbar icon (a person with a plus on a blue tile) at every size the stores ask for.
// Run once after a design change: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel((x + 0.5) / size, (y + 0.5) / size), 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const inRoundedSquare = (x, y, r) => {
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  return dx * dx + dy * dy <= r * r;
};
function icon(x, y) {
  if (!inRoundedSquare(x, y, 0.2)) return [0, 0, 0, 0];
  const head = (x - 0.4) ** 2 + (y - 0.36) ** 2 < 0.017;
  const body = y > 0.56 && y < 0.8 && (x - 0.4) ** 2 / 0.05 + (y - 0.8) ** 2 / 0.06 < 1;
  const plus =
    (Math.abs(x - 0.75) < 0.04 && Math.abs(y - 0.42) < 0.14) ||
    (Math.abs(y - 0.42) < 0.04 && Math.abs(x - 0.75) < 0.14);
  return head || body || plus ? [255, 255, 255, 255] : [10, 95, 180, 255];
}
mkdirSync('public/icons', { recursive: true });
for (const size of [16, 32, 48, 96, 128]) writeFileSync(`public/icons/${size}.png`, png(size, icon));

#!/usr/bin/env node
// @ts-check
// Generates the Profit Tiers logo as PNG files with no image dependencies
// (node's zlib only). The logo is a deep-teal rounded tile holding a 3x3
// grid of pale cells, with the top-right cell (high value, low cost to
// serve) highlighted in green.
//
// Usage: node build/make-icons.mjs [outDir]
//   outDir defaults to excel-addin/assets (relative to the repo root).
// Writes icon-16.png, icon-32.png, icon-64.png, icon-80.png, icon-120.png, icon-128.png.
// The output is deterministic: running it twice gives identical bytes.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Palette (sRGB). */
const TILE = [0x0b, 0x4f, 0x4a]; // deep teal
const CELL = [0xd3, 0xf0, 0xea]; // pale mint
const HIGHLIGHT = [0x2e, 0xd5, 0x8f]; // green

/**
 * Per-size layouts, chosen so that every cell edge lands on a whole pixel:
 * 2 * pad + 3 * cell + 2 * gap === size.
 * tileR / cellR are corner radii in pixels.
 * @typedef {{ pad: number; cell: number; gap: number; tileR: number; cellR: number }} Layout
 * @type {Partial<Record<number, Layout>>}
 */
const LAYOUTS = {
  16: { pad: 1, cell: 4, gap: 1, tileR: 2.5, cellR: 0 },
  32: { pad: 2, cell: 8, gap: 2, tileR: 5, cellR: 1 },
  64: { pad: 5, cell: 16, gap: 3, tileR: 11, cellR: 2 },
  80: { pad: 7, cell: 20, gap: 3, tileR: 14, cellR: 2.5 },
  120: { pad: 9, cell: 30, gap: 6, tileR: 21, cellR: 4 }, // Google's OAuth consent screen logo
  128: { pad: 10, cell: 32, gap: 6, tileR: 22, cellR: 4 },
};

/** Row/column (0-based, row 0 at the top) of the highlighted cell. */
const HIGHLIGHT_CELL = { row: 0, col: 2 };

/** Samples per pixel along each axis, for anti-aliased rounded corners. */
const SS = 4;

/**
 * True if point (x, y) is inside the rounded rectangle.
 * @param {number} x
 * @param {number} y
 * @param {number} rx
 * @param {number} ry
 * @param {number} w
 * @param {number} h
 * @param {number} r
 */
function inRoundRect(x, y, rx, ry, w, h, r) {
  if (x < rx || y < ry || x >= rx + w || y >= ry + h) return false;
  if (r <= 0) return true;
  const cx = Math.min(Math.max(x, rx + r), rx + w - r);
  const cy = Math.min(Math.max(y, ry + r), ry + h - r);
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= r * r;
}

/**
 * Colour (RGB) of the logo at a sample point, or null if transparent.
 * @param {number} x
 * @param {number} y
 * @param {number} size
 * @param {Layout} layout
 */
function sample(x, y, size, layout) {
  const { pad, cell, gap, tileR, cellR } = layout;
  if (!inRoundRect(x, y, 0, 0, size, size, tileR)) return null;
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) {
      const cx = pad + col * (cell + gap);
      const cy = pad + row * (cell + gap);
      if (inRoundRect(x, y, cx, cy, cell, cell, cellR)) {
        return row === HIGHLIGHT_CELL.row && col === HIGHLIGHT_CELL.col ? HIGHLIGHT : CELL;
      }
    }
  }
  return TILE;
}

/**
 * Renders an RGBA buffer (non-premultiplied) of size x size pixels.
 * @param {number} size
 */
export function renderLogo(size) {
  const layout = LAYOUTS[size];
  if (!layout) throw new Error(`no layout for size ${size}`);
  const { pad, cell, gap } = layout;
  if (2 * pad + 3 * cell + 2 * gap !== size) throw new Error(`layout for ${size} does not add up`);
  const rgba = Buffer.alloc(size * size * 4);
  const n = SS * SS;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let hits = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = sample(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS, size, layout);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            hits++;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (hits > 0) {
        rgba[o] = Math.round(r / hits);
        rgba[o + 1] = Math.round(g / hits);
        rgba[o + 2] = Math.round(b / hits);
        rgba[o + 3] = Math.round((255 * hits) / n);
      }
    }
  }
  return rgba;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** @param {Uint8Array} buf */
function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * @param {string} type
 * @param {Buffer} data
 */
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * Encodes an RGBA buffer as a PNG (8-bit RGBA, no interlace).
 * @param {number} width
 * @param {number} height
 * @param {Buffer} rgba
 */
export function encodePng(width, height, rgba) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const idat = deflateSync(raw, { level: 9 });
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const SIZES = [16, 32, 64, 80, 120, 128];

function main() {
  const outDir = resolve(ROOT, process.argv[2] ?? 'excel-addin/assets');
  mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = join(outDir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, renderLogo(size)));
    console.log(`wrote ${file}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}

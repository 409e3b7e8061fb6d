#!/usr/bin/env node
// `npm run icons`: renders resources/icon.svg into the icon files the installers use, all under
// resources/icons/: <n>x<n>.png for Linux (electron-builder's naming for an icon folder), icon.ico for
// Windows and icon.icns for macOS. Chromium does the rasterising (the same Debian Chromium the tests use,
// or CHROMIUM_PATH), so no native image library is needed. Run it after changing icon.svg and commit the
// results: packaging then needs no icon conversion (electron-builder would download a tool for that).
// The .ico and .icns containers come from @shockpkg/icon-encoder.
/* global Image, document -- used only inside page.evaluate, which runs in the page */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { IconIcns, IconIco } from '@shockpkg/icon-encoder';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'resources', 'icon.svg');
const outDir = join(root, 'resources', 'icons');

/** Every size written as a PNG; the .ico takes those up to 256. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/**
 * The .icns element types each size fills, as iconutil writes them: a @2x type holds twice the pixels of
 * its name (ic11 is 16 pt at 2x = 32 px).
 */
export const ICNS_TYPES = {
  16: ['ic04'],
  32: ['ic05', 'ic11'],
  64: ['ic12'],
  128: ['ic07'],
  256: ['ic08', 'ic13'],
  512: ['ic09', 'ic14'],
  1024: ['ic10'],
};

/**
 * Draws the SVG onto a canvas at each size. Drawing the vector image at the target size (rather than
 * scaling one big bitmap down) keeps the small sizes sharp.
 * @returns {Promise<{ size: number, png: Buffer }[]>}
 */
async function render(svg, sizes) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    const rendered = await page.evaluate(
      async ({ svgText, wanted }) => {
        const image = new Image();
        image.src = `data:image/svg+xml;base64,${btoa(svgText)}`;
        await image.decode();
        return wanted.map((size) => {
          const canvas = document.createElement('canvas');
          canvas.width = size;
          canvas.height = size;
          const context = canvas.getContext('2d');
          context.imageSmoothingQuality = 'high';
          context.drawImage(image, 0, 0, size, size);
          return { size, png: canvas.toDataURL('image/png') };
        });
      },
      { svgText: svg, wanted: sizes },
    );
    return rendered.map(({ size, png }) => ({ size, png: Buffer.from(png.slice(png.indexOf(',') + 1), 'base64') }));
  } finally {
    await browser.close();
  }
}

async function main() {
  const images = await render(readFileSync(source, 'utf8'), PNG_SIZES);
  mkdirSync(outDir, { recursive: true });
  const written = [];
  const write = (name, data) => {
    writeFileSync(join(outDir, name), data);
    written.push(relative(root, join(outDir, name)));
  };
  for (const image of images) write(`${image.size}x${image.size}.png`, image.png);
  // The ico stores small sizes as bitmaps and 256 px as PNG, which every Windows component (and NSIS) reads.
  const ico = new IconIco();
  for (const image of images.filter(({ size }) => ICO_SIZES.includes(size)).reverse()) {
    await ico.addFromPng(image.png);
  }
  write('icon.ico', Buffer.from(ico.encode()));
  const icns = new IconIcns();
  icns.toc = true;
  for (const image of images.filter(({ size }) => ICNS_TYPES[size])) {
    await icns.addFromPng(image.png, ICNS_TYPES[image.size]);
  }
  write('icon.icns', Buffer.from(icns.encode()));
  console.log(`wrote ${written.join(', ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}

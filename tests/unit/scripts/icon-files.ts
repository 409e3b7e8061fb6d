/**
 * Readers for the icon files the installers use, written from the formats' descriptions (not from our
 * writers) so that the tests check the files against the formats rather than against themselves.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk; throws when the data is not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

export interface IcoEntry {
  /** Size from the directory entry (a 0 byte means 256). */
  size: number;
  format: 'png' | 'bmp';
  /** Size of the image itself: the PNG's IHDR, or the bitmap header's width and half its height. */
  imageWidth: number;
  imageHeight: number;
  bitsPerPixel: number;
  /** Alpha of pixel (x, y), counted from the top left; bitmaps only. */
  alphaAt?: (x: number, y: number) => number;
  /** [r, g, b, a] of pixel (x, y), counted from the top left; bitmaps only. */
  rgbaAt?: (x: number, y: number) => [number, number, number, number];
}

/** Parses a .ico file: ICONDIR, ICONDIRENTRYs, and each image as PNG or BITMAPINFOHEADER + pixels + mask. */
export function readIco(data: Buffer): IcoEntry[] {
  if (data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('not an .ico file');
  const count = data.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = 6 + i * 16;
    const size = data.readUInt8(at) || 256;
    if ((data.readUInt8(at + 1) || 256) !== size) throw new Error(`entry ${i} is not square`);
    const bitsPerPixel = data.readUInt16LE(at + 6);
    const length = data.readUInt32LE(at + 8);
    const offset = data.readUInt32LE(at + 12);
    if (offset + length > data.length) throw new Error(`entry ${i} runs past the end of the file`);
    const image = data.subarray(offset, offset + length);
    if (image.subarray(0, 8).equals(PNG_SIGNATURE)) {
      const { width, height } = pngSize(image);
      entries.push({ size, format: 'png', imageWidth: width, imageHeight: height, bitsPerPixel });
      continue;
    }
    if (image.readUInt32LE(0) !== 40) throw new Error(`entry ${i} is neither PNG nor a bitmap`);
    const width = image.readInt32LE(4);
    const height = image.readInt32LE(8) / 2;
    const bpp = image.readUInt16LE(14);
    const maskBytes = Math.ceil(width / 32) * 4 * height;
    if (bpp !== 32 || length !== 40 + width * height * 4 + maskBytes) throw new Error(`entry ${i} has a bad size`);
    // Bitmap rows are stored bottom-up, pixels as BGRA.
    const pixel = (x: number, y: number) => 40 + ((height - 1 - y) * width + x) * 4;
    entries.push({
      size,
      format: 'bmp',
      imageWidth: width,
      imageHeight: height,
      bitsPerPixel: bpp,
      alphaAt: (x, y) => image[pixel(x, y) + 3]!,
      rgbaAt: (x, y) => {
        const p = pixel(x, y);
        return [image[p + 2]!, image[p + 1]!, image[p]!, image[p + 3]!];
      },
    });
  }
  return entries;
}

/** Pixel size of each PNG-carrying .icns element type, as Apple documents them. */
export const ICNS_PNG_TYPES: Record<string, number> = {
  icp4: 16,
  icp5: 32,
  icp6: 64,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
  ic11: 32,
  ic12: 64,
  ic13: 256,
  ic14: 512,
};

/** Parses a .icns file into its elements, with the PNG dimensions of each element that holds a PNG. */
export function readIcns(data: Buffer): { type: string; width?: number; height?: number }[] {
  if (data.toString('latin1', 0, 4) !== 'icns') throw new Error('not an .icns file');
  if (data.readUInt32BE(4) !== data.length) throw new Error('the .icns length does not match the file');
  const elements: { type: string; width?: number; height?: number }[] = [];
  let at = 8;
  while (at < data.length) {
    const type = data.toString('latin1', at, at + 4);
    const length = data.readUInt32BE(at + 4);
    if (length < 8 || at + length > data.length) throw new Error(`element ${type} has a bad length`);
    const body = data.subarray(at + 8, at + length);
    elements.push(body.subarray(0, 8).equals(PNG_SIGNATURE) ? { type, ...pngSize(body) } : { type });
    at += length;
  }
  return elements;
}

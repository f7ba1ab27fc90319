import { describe, expect, it } from 'vitest';
import { describeBytes, sniffImageMimeType } from '../../src/core/mime-sniff.js';
import { fileExtension, imageExtension } from '../../src/core/mime-types.js';
import { ftyp, PDF, realImage } from '../helpers/images.js';

const text = (value: string) => new TextEncoder().encode(value);

describe('sniffImageMimeType', () => {
  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['webp', 'image/webp'],
    ['gif', 'image/gif'],
    ['avif', 'image/avif'],
    ['tiff', 'image/tiff'],
  ] as const)('recognises a real %s made by sharp', async (format, mimeType) => {
    expect(sniffImageMimeType(await realImage(format))).toBe(mimeType);
  });

  it('recognises HEIC by its ftyp brands', () => {
    expect(sniffImageMimeType(ftyp('heic', 'mif1', 'heic'))).toBe('image/heic');
    expect(sniffImageMimeType(ftyp('mif1', 'heic'))).toBe('image/heic');
    expect(sniffImageMimeType(ftyp('heix'))).toBe('image/heic');
  });

  it('prefers AVIF when a generic HEIF file lists an avif brand', () => {
    expect(sniffImageMimeType(ftyp('mif1', 'miaf', 'avif'))).toBe('image/avif');
  });

  it('refuses ISO-BMFF files that are not images (mp4)', () => {
    expect(sniffImageMimeType(ftyp('isom', 'iso2', 'mp41'))).toBeUndefined();
  });

  it('recognises big-endian TIFF and BigTIFF headers', () => {
    expect(sniffImageMimeType(new Uint8Array([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]))).toBe('image/tiff');
    expect(sniffImageMimeType(new Uint8Array([0x49, 0x49, 0x2b, 0x00, 8, 0, 0, 0]))).toBe('image/tiff');
  });

  it.each([
    ['a bare <svg> root', '<svg xmlns="http://www.w3.org/2000/svg" width="8"/>'],
    ['leading whitespace', '\n  <svg>\n</svg>'],
    ['a byte-order mark', '\uFEFF<svg viewBox="0 0 1 1"></svg>'],
    ['an XML prolog', '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['a prolog, comment and doctype', '<?xml version="1.0"?><!-- by hand --><!DOCTYPE svg><svg/>'],
  ])('recognises SVG with %s', (_case, source) => {
    expect(sniffImageMimeType(text(source))).toBe('image/svg+xml');
  });

  it.each([
    ['PDF', PDF],
    ['HTML', text('<!DOCTYPE html><html><body>not found</body></html>')],
    ['XML that is not SVG', text('<?xml version="1.0"?><note><to>svg</to></note>')],
    ['text mentioning svg', text('this is not <svg> at the start')],
    ['JSON', text('{"reason":"error"}')],
    ['empty bytes', new Uint8Array(0)],
    ['a truncated PNG signature', new Uint8Array([0x89, 0x50, 0x4e])],
    ['a RIFF that is not WebP (wav)', text('RIFF\0\0\0\0WAVEfmt ')],
  ])('refuses %s', (_case, bytes) => {
    expect(sniffImageMimeType(bytes)).toBeUndefined();
  });
});

describe('describeBytes', () => {
  it('gives the size with separators, text or binary, and what the bytes look like', () => {
    const bytes = new Uint8Array(1234).fill(0x20);
    bytes.set(text('%PDF-1.7'));
    expect(describeBytes(bytes)).toBe('a text file of 1,234 bytes that looks like a PDF');
  });

  it.each([
    ['PEM', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n', 'PEM (a key or certificate)'],
    ['JSON after a byte-order mark', '\uFEFF  {"token":"eyJhbGciOi"}', 'JSON'],
    ['HTML', '<!DOCTYPE html><html><body>sign in</body></html>', 'HTML'],
    ['XML', '<?xml version="1.0"?><note/>', 'XML'],
    ['an SSH public key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMq user@host', 'an SSH public key'],
  ])('names %s without quoting it', (_name, content, lookalike) => {
    const bytes = text(content);
    const described = describeBytes(bytes);
    expect(described).toBe(`a text file of ${bytes.length} bytes that looks like ${lookalike}`);
    expect(described).not.toMatch(/BEGIN|b3Bl|token|eyJ|sign in|AAAA|note/);
  });

  it('names binary files, never quoting a byte', () => {
    expect(describeBytes(new Uint8Array([0, 1, 0xab, 0xff, 9]))).toBe('a binary file of 5 bytes');
    expect(describeBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe(
      'a binary file of 6 bytes that looks like a ZIP archive',
    );
    expect(describeBytes(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe(
      'a binary file of 4 bytes that looks like gzip data',
    );
  });

  it('judges text by the sample only, even when a UTF-8 character is cut at its end', () => {
    const sample = text(`${'é'.repeat(10)}`).subarray(0, 19);
    expect(describeBytes(sample, 5_000_000)).toBe('a text file of 5,000,000 bytes');
    expect(describeBytes(text('x'))).toBe('a text file of 1 byte');
  });

  it('names an empty file', () => {
    expect(describeBytes(new Uint8Array(0))).toBe('an empty file (0 bytes)');
  });
});

describe('imageExtension', () => {
  it('maps MIME types to the usual extension', () => {
    expect(imageExtension('image/jpeg')).toBe('jpg');
    expect(imageExtension('image/svg+xml')).toBe('svg');
    expect(imageExtension('image/png')).toBe('png');
  });
});

describe('fileExtension', () => {
  it('gives an image type its usual extension, whatever its case and parameters', () => {
    expect(fileExtension('image/jpeg')).toBe('jpg');
    expect(fileExtension('Image/PNG; charset=binary')).toBe('png');
    expect(fileExtension('image/svg+xml')).toBe('svg');
  });

  it('gives other asset types theirs, else their subtype when it reads as an extension, else bin', () => {
    expect(fileExtension('model/gltf-binary')).toBe('glb');
    expect(fileExtension('audio/mpeg')).toBe('mp3');
    expect(fileExtension('video/mp4')).toBe('mp4');
    expect(fileExtension('application/vnd.ms-excel')).toBe('bin');
    expect(fileExtension('')).toBe('bin');
    expect(fileExtension(undefined)).toBe('bin');
  });
});

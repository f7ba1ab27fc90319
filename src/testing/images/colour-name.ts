import { loadSharp } from './sharp.js';

/** Named colours an automatic caption picks from, as RGB. */
const NAMED: readonly [string, [number, number, number]][] = [
  ['black', [20, 20, 20]],
  ['grey', [128, 128, 128]],
  ['white', [235, 235, 235]],
  ['red', [200, 40, 40]],
  ['orange', [230, 130, 40]],
  ['yellow', [230, 210, 60]],
  ['green', [60, 160, 70]],
  ['teal', [40, 150, 150]],
  ['blue', [50, 80, 200]],
  ['purple', [130, 60, 170]],
  ['pink', [230, 130, 170]],
  ['brown', [120, 80, 50]],
];

/** The named colour nearest the image's mean colour: what an automatic caption says of its tones. */
export async function dominantColourName(bytes: Uint8Array): Promise<string> {
  const sharp = await loadSharp();
  const { channels } = await sharp(bytes).flatten({ background: '#ffffff' }).toColourspace('srgb').stats();
  const mean = [0, 1, 2].map((index) => channels[index]?.mean ?? 0);
  const distance = ([, rgb]: (typeof NAMED)[number]) =>
    rgb.reduce((sum, value, index) => sum + (value - (mean[index] ?? 0)) ** 2, 0);
  return [...NAMED].sort((a, b) => distance(a) - distance(b))[0]?.[0] ?? 'grey';
}

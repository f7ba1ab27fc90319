// Draws the bundled demo sketch (examples/assets/sketch.png): a pencil-style character on paper.
// Run with `npx node scripts/make-sketch.mjs`; the PNG is committed, so this only documents its origin.
import sharp from 'sharp';

let seed = 7;
const random = () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const wobble = (points, amount = 2.2) =>
  points.map(([x, y]) => [x + (random() - 0.5) * amount, y + (random() - 0.5) * amount]);

// A stroke drawn two or three times with a slightly different hand each time, as pencil lines are.
function stroke(points, width = 2.4) {
  return Array.from({ length: 2 + Math.round(random()) }, () => {
    const [first, ...rest] = wobble(points);
    const d = `M${first.join(' ')} ` + rest.map((point) => `L${point.join(' ')}`).join(' ');
    return `<path d="${d}" stroke="#3a3a3a" stroke-opacity="${0.45 + random() * 0.35}" stroke-width="${width}" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`;
  }).join('');
}

const circle = (cx, cy, r, steps = 28) =>
  Array.from({ length: steps + 1 }, (_, i) => [
    cx + r * Math.cos((i / steps) * 2 * Math.PI),
    cy + r * Math.sin((i / steps) * 2 * Math.PI),
  ]);

const shapes = [
  circle(256, 120, 46), // head
  [
    [226, 112],
    [286, 112],
  ], // visor
  [
    [256, 166],
    [256, 300],
  ], // spine
  [
    [200, 180],
    [312, 180],
    [300, 300],
    [212, 300],
    [200, 180],
  ], // chest plate
  [
    [200, 185],
    [150, 250],
    [140, 310],
  ], // left arm
  [
    [312, 185],
    [360, 240],
    [392, 200],
  ], // right arm raised
  [
    [392, 200],
    [420, 90],
  ], // sword blade
  [
    [378, 206],
    [408, 194],
  ], // sword guard
  [
    [225, 300],
    [205, 400],
    [190, 460],
  ], // left leg
  [
    [287, 300],
    [310, 400],
    [330, 460],
  ], // right leg
  [
    [170, 462],
    [210, 462],
  ], // left foot
  [
    [315, 462],
    [355, 462],
  ], // right foot
  circle(142, 290, 34), // shield
];
const hatching = Array.from({ length: 9 }, (_, i) =>
  stroke(
    [
      [212 + i * 9, 210 + i * 4],
      [232 + i * 9, 280],
    ],
    1.2,
  ),
);

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">
<rect width="512" height="512" fill="#f7f3ea"/>
${shapes.map((points) => stroke(points)).join('\n')}
${hatching.join('\n')}
</svg>`;

await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile('examples/assets/sketch.png');
console.log('wrote examples/assets/sketch.png');

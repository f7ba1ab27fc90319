// Draws the bundled example sketches, pencil-style on paper:
// - examples/assets/sketch.png: a knight with sword and shield (the demo's input);
// - examples/assets/poses.png: the same knight in three poses, side by side (pose-variations.ts);
// - examples/assets/evolution.png: three evolution stages of a creature, small to large (character-evolution.ts).
// Run with `npx node scripts/make-sketch.mjs`; the PNGs are committed, so this only documents their origin.
// Drawing is seeded: sketch.png comes out byte-identical on every run, the others after it.
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
    const d = `M${first.join(' ')} ${rest.map((point) => `L${point.join(' ')}`).join(' ')}`;
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

await write('examples/assets/sketch.png', svg);

async function write(file, svgText) {
  await sharp(Buffer.from(svgText)).png({ compressionLevel: 9 }).toFile(file);
  console.log(`wrote ${file}`);
}

const paper = (width, height, body) => `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="${width}" height="${height}" fill="#f7f3ea"/>
${body}
</svg>`;

/** Moves and scales a list of points: (x, y) → (dx + x·k, dy + y·k). */
const place = (points, dx, dy, k = 1) => points.map(([x, y]) => [dx + x * k, dy + y * k]);

/**
 * The knight of sketch.png in a 512×512 cell, its limbs given as polylines so the pose can change:
 * head, visor, chest plate and hatching stay; arms, legs, sword and shield move.
 */
function knight(dx, pose) {
  const body = [
    circle(256, 120, 46),
    [
      [226, 112],
      [286, 112],
    ],
    [
      [200, 180],
      [312, 180],
      [300, 300],
      [212, 300],
      [200, 180],
    ],
    ...pose,
  ];
  const hatch = Array.from({ length: 7 }, (_, i) => [
    [214 + i * 11, 214 + i * 4],
    [232 + i * 11, 282],
  ]);
  return [
    ...body.map((points) => stroke(place(points, dx, 0))),
    ...hatch.map((points) => stroke(place(points, dx, 0), 1.2)),
  ].join('\n');
}

const poses = {
  // Standing guard: sword down at the side, shield in front.
  idle: [
    [
      [200, 185],
      [176, 250],
      [170, 300],
    ],
    [
      [312, 185],
      [336, 250],
      [340, 300],
    ],
    [
      [340, 300],
      [352, 420],
    ],
    [
      [328, 300],
      [352, 300],
    ],
    circle(168, 292, 36),
    [
      [230, 300],
      [226, 400],
      [222, 460],
    ],
    [
      [282, 300],
      [286, 400],
      [290, 460],
    ],
    [
      [196, 462],
      [232, 462],
    ],
    [
      [282, 462],
      [318, 462],
    ],
  ],
  // Running: legs in stride, arms swinging, sword trailing.
  run: [
    [
      [200, 185],
      [160, 230],
      [180, 280],
    ],
    [
      [312, 185],
      [350, 230],
      [390, 250],
    ],
    [
      [390, 250],
      [470, 300],
    ],
    [
      [382, 236],
      [398, 262],
    ],
    circle(176, 280, 32),
    [
      [225, 300],
      [170, 380],
      [120, 430],
    ],
    [
      [287, 300],
      [320, 380],
      [300, 460],
    ],
    [
      [96, 420],
      [126, 440],
    ],
    [
      [300, 462],
      [338, 462],
    ],
  ],
  // Attacking: sword raised overhead with both hands, shield on the back, a lunge.
  attack: [
    [
      [200, 185],
      [210, 110],
      [262, 40],
    ],
    [
      [312, 185],
      [300, 110],
      [262, 40],
    ],
    [
      [262, 40],
      [156, 24],
    ],
    [
      [256, 28],
      [270, 54],
    ],
    circle(332, 250, 30),
    [
      [225, 300],
      [180, 380],
      [150, 460],
    ],
    [
      [287, 300],
      [350, 370],
      [370, 460],
    ],
    [
      [128, 462],
      [166, 462],
    ],
    [
      [362, 462],
      [400, 462],
    ],
  ],
};

await write(
  'examples/assets/poses.png',
  paper(1536, 512, [knight(0, poses.idle), knight(512, poses.run), knight(1024, poses.attack)].join('\n')),
);

/**
 * A creature at one of three evolution stages, drawn in a 512×512 cell around (256, 300) and
 * scaled by `k` from the ground line, so the stages grow left to right.
 */
function creature(cellX, stage, k) {
  const groundY = 470;
  const at = (points) => place(points, cellX + 256 - 256 * k, groundY - 470 * k, k);
  const parts = [
    circle(256, 330, 120, 36), // body
    circle(256, 190, 70, 30), // head
    circle(228, 180, 9, 10), // left eye
    circle(284, 180, 9, 10), // right eye
    [
      [236, 220],
      [256, 230],
      [276, 220],
    ], // mouth
    [
      [190, 440],
      [180, 470],
      [220, 470],
    ], // left foot
    [
      [322, 440],
      [332, 470],
      [292, 470],
    ], // right foot
  ];
  if (stage >= 2) {
    parts.push(
      [
        [216, 132],
        [200, 80],
        [236, 124],
      ], // left horn
      [
        [296, 132],
        [312, 80],
        [276, 124],
      ], // right horn
      [
        [370, 370],
        [440, 400],
        [470, 350],
      ], // tail
      [
        [150, 300],
        [110, 340],
      ], // left arm
      [
        [362, 300],
        [402, 340],
      ], // right arm
    );
  }
  if (stage >= 3) {
    parts.push(
      [
        [170, 260],
        [60, 150],
        [90, 250],
        [40, 280],
        [150, 310],
      ], // left wing
      [
        [342, 260],
        [452, 150],
        [422, 250],
        [472, 280],
        [362, 310],
      ], // right wing
      [
        [470, 350],
        [490, 330],
        [480, 360],
      ], // tail spike
    );
  }
  const belly = Array.from({ length: stage * 2 + 1 }, (_, i) => [
    [206 + i * 14, 300],
    [196 + i * 14, 380],
  ]);
  const ground = [
    [cellX + 60, groundY + 2],
    [cellX + 452, groundY + 2],
  ];
  return [
    ...parts.map((points) => stroke(at(points), 2.4 / Math.sqrt(k))),
    ...belly.map((points) => stroke(at(points), 1.2)),
    stroke(ground, 1.4),
  ].join('\n');
}

await write(
  'examples/assets/evolution.png',
  paper(1536, 512, [creature(0, 1, 0.45), creature(512, 2, 0.7), creature(1024, 3, 0.95)].join('\n')),
);

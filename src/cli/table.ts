import { printableLine } from './printable.js';

/** Rows as aligned columns: text left, numbers right. The first row is the header. Cells are made printable (one line each). */
export function table(rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? cell : printableLine(cell))));
  const widths: number[] = [];
  for (const row of cells) {
    for (const [index, cell] of row.entries()) widths[index] = Math.max(widths[index] ?? 0, String(cell).length);
  }
  return cells
    .map((row) =>
      row
        .map((cell, index) => {
          const width = widths[index] ?? 0;
          return typeof cell === 'number' ? String(cell).padStart(width) : cell.padEnd(width);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

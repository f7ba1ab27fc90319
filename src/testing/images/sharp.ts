import type sharpType from 'sharp';

let loaded: Promise<typeof sharpType> | undefined;

/**
 * sharp, imported on first use: it is an optional peer dependency, and an emulator that never
 * touches pixels (auth or fault tests, a browser msw setup) should not need it installed.
 */
export function loadSharp(): Promise<typeof sharpType> {
  loaded ??= import('sharp').then(
    (module) => module.default,
    (cause: unknown) => {
      loaded = undefined;
      throw new Error('The Scenario emulator needs the optional peer dependency "sharp" for images: npm i -D sharp', {
        cause,
      });
    },
  );
  return loaded;
}

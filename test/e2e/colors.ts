import type { Locator, Page } from 'playwright';

/**
 * Colours as the page paints them, in sRGB 0–255: computed styles can come back as `oklab(...)`
 * or `color-mix(...)` results, so each is painted on a 1×1 canvas and read back. The background
 * is the first opaque one from the element up, which is what the text is read against.
 */
export type Rgb = [number, number, number];

export async function paintedColors(target: Locator): Promise<{ text: Rgb; background: Rgb }> {
  return target.evaluate((el) => {
    // Runs in the page; this file is type-checked without the DOM library.
    const g = globalThis as any;
    const ctx = g.document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    const rgba = (css: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data];
    };
    const text = rgba(g.getComputedStyle(el).color).slice(0, 3);
    let node = el;
    let background = [255, 255, 255];
    while (node) {
      const c = rgba(g.getComputedStyle(node).backgroundColor);
      if (c[3] === 255) {
        background = c.slice(0, 3);
        break;
      }
      node = node.parentElement;
    }
    return { text, background } as {
      text: [number, number, number];
      background: [number, number, number];
    };
  });
}

/** WCAG 2 contrast ratio of two sRGB colours (1–21). */
export function contrast(a: Rgb, b: Rgb): number {
  const lum = ([r, g, b]: Rgb) => {
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Relative luminance's rough cousin, enough to tell a dark surface from a light one. */
export const isDark = ([r, g, b]: Rgb) => r + g + b < 3 * 96;

export function schemeOf(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () => (globalThis as any).document.documentElement.dataset.colorScheme as string | undefined,
  );
}

/**
 * The little of the page's DOM that code passed to evaluate() here uses. The tests compile
 * without the DOM lib (they run in Node), so such code casts what it is handed to these.
 */
export type PageRect = { x: number; y: number; width: number; height: number; right: number };

export type PageElement = {
  tagName: string;
  scrollWidth: number;
  clientWidth: number;
  dataset: Record<string, string | undefined>;
  getBoundingClientRect(): PageRect;
  getClientRects(): { length: number };
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  contains(other: unknown): boolean;
};

export type PageGlobals = {
  innerWidth: number;
  document: {
    activeElement: unknown;
    documentElement: { scrollWidth: number };
    querySelector(selector: string): PageElement | null;
  };
  getComputedStyle(el: PageElement): { textOverflow: string; whiteSpace: string };
};

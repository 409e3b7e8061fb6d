/**
 * The wall's legibility rules, checked in a real page: no clipped, overflowing, overlapping or covered
 * text, no scrollbars, the smallest text at least 1/40 of the screen height (read from 4 m), every text at
 * least 7:1 against what is painted behind it, and axe-core's WCAG 2 A/AA/AAA rules. The layout check runs
 * inside the page with `page.evaluate`; axe is injected from node_modules, which needs a context created
 * with `bypassCSP: true` (the page's CSP allows no inline script, and `addScriptTag` inlines the file).
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** One piece of text that does not fit where it is drawn. */
export interface OverflowFinding {
  /**
   * - `overflows-box`: the text spills out of its box (scrollWidth/Height > client size + 1, overflow visible)
   * - `clipped`: the text lies (partly) outside a box that cuts its overflow off
   * - `truncated`: the same, where the box shortens it with an ellipsis (text-overflow, line-clamp)
   * - `outside-viewport`: the text lies (partly) off the screen
   * - `overlaps`: the text is drawn over another element's text
   * - `broken-word`: a word is split over two lines
   * - `covered`: an opaque box (not an overlay such as a celebration) is painted over part of the text
   */
  kind: 'overflows-box' | 'clipped' | 'truncated' | 'outside-viewport' | 'overlaps' | 'broken-word' | 'covered';
  /** a CSS-like path to the element, with its data-testid where one is near */
  element: string;
  /** the text, shortened */
  text: string;
  detail: string;
}

/** The smallest text on the screen and where it is. */
export interface FontFinding {
  px: number;
  element: string;
  text: string;
}

/** What {@link checkLayout} found. */
export interface LayoutReport {
  viewport: { width: number; height: number };
  overflows: OverflowFinding[];
  scrollbars: { horizontal: boolean; vertical: boolean; scrollWidth: number; scrollHeight: number };
  /** the smallest computed font-size among visible text, or null when the page shows no text */
  smallestFont: FontFinding | null;
  /** viewport height / 40: no visible text may be smaller */
  minFontPx: number;
  /** every visible text smaller than minFontPx */
  tooSmall: FontFinding[];
  /** how many visible text pieces were looked at (a check over nothing checks nothing) */
  textCount: number;
  /** visible text below {@link MIN_CONTRAST} against what is painted behind it */
  lowContrast: ContrastFinding[];
  /** text drawn over a picture (canvas, image): its contrast cannot be computed from styles */
  contrastUnknown: string[];
}

/**
 * The contrast every text on the wall needs ("text contrast at least 7:1"). axe's
 * color-contrast-enhanced asks 7:1 only of small text and 4.5:1 of large text, and at ≥ h/40 all wall text is
 * large, so the layout check measures 7:1 itself.
 */
export const MIN_CONTRAST = 7;

/** Text whose contrast is below {@link MIN_CONTRAST}. */
export interface ContrastFinding {
  element: string;
  text: string;
  ratio: number;
  /** text and background colours as rgb(), the worst pair where the background has several (a gradient) */
  colours: string;
}

/**
 * Runs in the page: every visible, non-empty text node is measured against its box, the boxes that clip
 * it, the viewport, the other texts and the colours behind it. Self-contained on purpose (page.evaluate serialises it): no
 * closures over module scope, no helpers defined outside.
 */
function measureLayoutInPage(minContrast: number): LayoutReport {
  const viewportWidth = window.innerWidth;
  const viewportHeight = window.innerHeight;
  const tolerance = 1;
  const overflows: OverflowFinding[] = [];
  const tooSmall: FontFinding[] = [];
  let smallest: FontFinding | null = null;

  const describe = (element: Element): string => {
    const parts: string[] = [];
    let node: Element | null = element;
    while (node && node !== document.body && parts.length < 4) {
      const testid = node.getAttribute('data-testid');
      let part = node.tagName.toLowerCase();
      if (testid) part += `[data-testid="${testid}"]`;
      else if (node.classList.length > 0) part += `.${[...node.classList].join('.')}`;
      parts.unshift(part);
      if (testid) break;
      node = node.parentElement;
    }
    return parts.join(' > ');
  };
  const shorten = (text: string): string => {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
  };
  const round = (rect: DOMRect): string =>
    `${Math.round(rect.left)},${Math.round(rect.top)}–${Math.round(rect.right)},${Math.round(rect.bottom)}`;

  /** Hidden for sighted viewers: not rendered, invisible, transparent, or a visually-hidden 1px box. */
  const isHidden = (element: Element): boolean => {
    for (let node: Element | null = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return true;
      if (Number(style.opacity) === 0) return true;
      const rect = node.getBoundingClientRect();
      // The screen-reader-only pattern (.visually-hidden): a 1px box clipped to nothing.
      if (rect.width <= 1 && rect.height <= 1 && (style.overflow !== 'visible' || style.clipPath !== 'none')) {
        return true;
      }
    }
    return false;
  };

  const hasBackground = (style: CSSStyleDeclaration): boolean => {
    const alpha = /rgba?\(([^)]*)\)/.exec(style.backgroundColor)?.[1]?.split(/[ ,/]+/)[3];
    return style.backgroundImage !== 'none' || (style.backgroundColor !== 'transparent' && Number(alpha ?? 1) > 0);
  };
  const isOpaque = (style: CSSStyleDeclaration): boolean => {
    const alpha = /rgba?\(([^)]*)\)/.exec(style.backgroundColor)?.[1]?.split(/[ ,/]+/)[3];
    return style.backgroundImage !== 'none' || (style.backgroundColor !== 'transparent' && Number(alpha ?? 1) >= 1);
  };

  /**
   * What is painted over a point of a text: nothing; an overlay (a box with a background over half the
   * screen or more, such as a celebration's backdrop: what lies under it is not meant to be read); or an
   * opaque box that hides the text (a defect when it happens by accident).
   */
  const paintedOver = (element: Element, x: number, y: number): 'nothing' | 'overlay' | Element => {
    if (x < 0 || y < 0 || x >= viewportWidth || y >= viewportHeight) return 'nothing';
    const stack = document.elementsFromPoint(x, y);
    const own = stack.findIndex((hit) => hit === element || element.contains(hit));
    if (own === -1) return 'nothing';
    let cover: Element | null = null;
    for (const hit of stack.slice(0, own)) {
      const style = getComputedStyle(hit);
      const box = hit.getBoundingClientRect();
      if (hasBackground(style) && box.width * box.height >= (viewportWidth * viewportHeight) / 2) return 'overlay';
      if (!cover && isOpaque(style)) cover = hit;
    }
    return cover ?? 'nothing';
  };

  type Rgba = [number, number, number, number];
  const parseColours = (value: string): Rgba[] =>
    [...value.matchAll(/rgba?\(([^)]*)\)/g)].map((m) => {
      const [r, g, b, a] = m[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r!, g!, b!, a ?? 1];
    });
  const over = (top: Rgba, below: Rgba, alpha = 1): Rgba => {
    const a = top[3] * alpha;
    return [0, 1, 2].map((i) => top[i]! * a + below[i]! * (1 - a)).concat(1) as Rgba;
  };
  const luminance = ([r, g, b]: Rgba): number => {
    const channel = (c: number) => {
      const v = c / 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (a: Rgba, b: Rgba): number => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light! + 0.05) / (dark! + 0.05);
  };
  const css = (c: Rgba) => `rgb(${c.slice(0, 3).map(Math.round).join(', ')})`;
  /** The opacity an element is painted with: its own times every ancestor's. */
  const opacityOf = (element: Element): number => {
    let value = 1;
    for (let node: Element | null = element; node; node = node.parentElement) {
      value *= Number(getComputedStyle(node).opacity);
    }
    return value;
  };
  /**
   * The colours painted behind a point of a text: every box under it in paint order, composited from the
   * page's canvas up (a gradient gives one colour per stop); null when a picture lies behind it.
   */
  const backgroundsAt = (element: Element, x: number, y: number): Rgba[] | null => {
    const stack = document.elementsFromPoint(x, y);
    const own = stack.findIndex((hit) => hit === element || element.contains(hit));
    if (own === -1) return null;
    // Only what lies above the topmost opaque box counts: it hides everything under it.
    const below = stack.slice(own);
    const opaqueAt = below.findIndex((hit) => {
      const style = getComputedStyle(hit);
      if (opacityOf(hit) < 1) return false;
      if (style.backgroundImage !== 'none' && !style.backgroundImage.includes('url(')) {
        const stops = parseColours(style.backgroundImage);
        if (stops.length > 0 && stops.every((stop) => stop[3] >= 1)) return true;
      }
      const [colour] = parseColours(style.backgroundColor);
      return colour !== undefined && colour[3] >= 1;
    });
    const layers = opaqueAt === -1 ? below : below.slice(0, opaqueAt + 1);
    let backgrounds: Rgba[] = [[255, 255, 255, 1]];
    for (const hit of layers.reverse()) {
      if (['CANVAS', 'IMG', 'SVG', 'VIDEO', 'svg'].includes(hit.tagName)) return null;
      const style = getComputedStyle(hit);
      const opacity = opacityOf(hit);
      const [colour] = parseColours(style.backgroundColor);
      if (colour && colour[3] > 0) backgrounds = backgrounds.map((under) => over(colour, under, opacity));
      if (style.backgroundImage !== 'none') {
        if (style.backgroundImage.includes('url(')) return null;
        const stops = parseColours(style.backgroundImage);
        backgrounds = backgrounds.flatMap((under) => stops.map((stop) => over(stop, under, opacity)));
      }
    }
    return backgrounds;
  };
  const lowContrast: ContrastFinding[] = [];
  const contrastUnknown: string[] = [];

  interface TextPiece {
    node: Text;
    element: Element;
    text: string;
    /** the lines the text is laid out on (range rects), including any cut off */
    rects: DOMRect[];
    /** the lines that are not cut off by a clipping box: what the eye sees */
    visible: DOMRect[];
    /**
     * How far a drawn line (its range rect) is taller than the line-height it sits on: with a tight
     * line-height (1 on a huge figure) glyphs reach past the line box without anything being cut, and
     * Chromium counts that in scrollHeight. Every vertical comparison allows it.
     */
    slackY: number;
  }

  // Hit testing skips elements that ignore the pointer (an overlay with pointer-events: none); for the
  // measurement every element counts.
  const hitAll = document.createElement('style');
  hitAll.textContent = '* { pointer-events: auto !important; }';
  document.head.append(hitAll);

  const pieces: TextPiece[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    const node = current as Text;
    const text = node.data;
    if (text.trim() === '') continue;
    const element = node.parentElement;
    if (!element || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE'].includes(element.tagName)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
    if (rects.length === 0 || isHidden(element)) continue;
    const lineHeight = parseFloat(getComputedStyle(element).lineHeight);
    const drawn = Math.max(...rects.map((rect) => rect.height));
    const slackY = Number.isFinite(lineHeight) ? Math.max(0, drawn - lineHeight) : 0;

    // Lines lost at the edge of a box that cuts its content off (overflow other than visible), the
    // text's own box included (line-clamp and text-overflow live there).
    let visible = rects;
    for (let box: Element | null = element; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      const clipsX = style.overflowX !== 'visible';
      const clipsY = style.overflowY !== 'visible';
      if (!clipsX && !clipsY) continue;
      const outer = box.getBoundingClientRect();
      // The padding box: inside the borders, where overflow starts to be cut.
      const left = outer.left + box.clientLeft;
      const top = outer.top + box.clientTop;
      const right = left + box.clientWidth;
      const bottom = top + box.clientHeight;
      const toleranceY = tolerance + slackY / 2;
      const cut = visible.filter(
        (rect) =>
          (clipsX && (rect.left < left - tolerance || rect.right > right + tolerance)) ||
          (clipsY && (rect.top < top - toleranceY || rect.bottom > bottom + toleranceY)),
      );
      if (cut.length === 0) continue;
      const ellipsis = style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none';
      overflows.push({
        kind: ellipsis ? 'truncated' : 'clipped',
        element: describe(element),
        text: shorten(text),
        detail: `${ellipsis ? 'shortened with an ellipsis' : 'cut off'} by ${describe(box)} (${Math.round(box.clientWidth)}x${Math.round(box.clientHeight)}, overflow ${style.overflowX}/${style.overflowY}); the text runs to ${round(cut[0]!)}`,
      });
      visible = visible.filter((rect) => !cut.includes(rect));
    }
    // Lines under an overlay are not meant to be read; an opaque box painted over a line (in part or
    // whole) outside an overlay is a defect. Five points of each line are looked at.
    let coveredBy: Element | null = null;
    visible = visible.filter((rect) => {
      const points = [
        [0.5, 0.5],
        [0.15, 0.3],
        [0.85, 0.3],
        [0.15, 0.7],
        [0.85, 0.7],
      ].map(([fx, fy]) => paintedOver(element, rect.left + rect.width * fx!, rect.top + rect.height * fy!));
      if (points.includes('overlay')) return false;
      const covers = points.filter((point): point is Element => point !== 'nothing');
      if (covers.length === 0) return true;
      coveredBy ??= covers[0]!;
      return false;
    });
    if (coveredBy) {
      overflows.push({
        kind: 'covered',
        element: describe(element),
        text: shorten(text),
        detail: `hidden (in part or whole) under ${describe(coveredBy)}`,
      });
    }
    pieces.push({ node, element, text, rects, visible, slackY });
  }

  for (const { node, element, text, rects, visible, slackY } of pieces) {
    const label = describe(element);
    const short = shorten(text);

    // Contrast at the middle of the first line the eye sees.
    const seen = visible[0];
    if (seen) {
      const backgrounds = backgroundsAt(element, seen.left + seen.width / 2, seen.top + seen.height / 2);
      if (backgrounds === null) contrastUnknown.push(`${label} "${short}"`);
      else {
        const [foreground] = parseColours(getComputedStyle(element).color);
        const alpha = opacityOf(element);
        const pairs = backgrounds.map((background) => {
          const drawn = over(foreground!, background, alpha);
          return { ratio: ratio(drawn, background), colours: `${css(drawn)} on ${css(background)}` };
        });
        const worst = pairs.reduce((a, b) => (b.ratio < a.ratio ? b : a));
        if (worst.ratio < minContrast) {
          lowContrast.push({
            element: label,
            text: short,
            ratio: Math.round(worst.ratio * 100) / 100,
            colours: worst.colours,
          });
        }
      }
    }

    const px = parseFloat(getComputedStyle(element).fontSize);
    const finding: FontFinding = { px, element: label, text: short };
    if (smallest === null || px < smallest.px) smallest = finding;
    if (px < viewportHeight / 40) tooSmall.push(finding);

    const toleranceY = tolerance + slackY / 2;
    // Lines already reported as cut off by a box are not looked at again.
    const off = visible.find(
      (rect) =>
        rect.left < -tolerance ||
        rect.top < -toleranceY ||
        rect.right > viewportWidth + tolerance ||
        rect.bottom > viewportHeight + toleranceY,
    );
    if (off) {
      overflows.push({
        kind: 'outside-viewport',
        element: label,
        text: short,
        detail: `text at ${round(off)} on a ${viewportWidth}x${viewportHeight} screen`,
      });
    }

    // A word split over two lines ("Negotiat / ion") is hard to read from across the room.
    if (rects.length > 1) {
      const range = document.createRange();
      let previousTop: number | null = null;
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const top = range.getClientRects()[0]?.top;
        if (top === undefined) continue;
        if (
          previousTop !== null &&
          top > previousTop + 1 &&
          /[\p{L}\p{N}]/u.test(text[i - 1] ?? '') &&
          /[\p{L}\p{N}]/u.test(text[i]!)
        ) {
          overflows.push({
            kind: 'broken-word',
            element: label,
            text: short,
            detail: `a word is split over two lines at "${text.slice(Math.max(0, i - 8), i)}|${text.slice(i, i + 8)}"`,
          });
          break;
        }
        previousTop = top;
      }
    }
  }

  hitAll.remove();

  // A box whose text spills out of it (overflow visible) draws over whatever is next to it.
  const boxes = new Map<Element, { texts: string[]; slackY: number }>();
  for (const { element, text, slackY } of pieces) {
    // The box the text is laid out in: the nearest ancestor that is not inline (inline boxes have no size).
    let box: Element = element;
    while (box.parentElement && getComputedStyle(box).display.startsWith('inline') && box.clientWidth === 0) {
      box = box.parentElement;
    }
    const entry = boxes.get(box) ?? { texts: [], slackY: 0 };
    entry.texts.push(shorten(text));
    entry.slackY = Math.max(entry.slackY, slackY);
    boxes.set(box, entry);
  }
  for (const [box, { texts, slackY }] of boxes) {
    const style = getComputedStyle(box);
    const spillsX = style.overflowX === 'visible' && box.scrollWidth - box.clientWidth > tolerance;
    const spillsY = style.overflowY === 'visible' && box.scrollHeight - box.clientHeight > tolerance + slackY;
    if (spillsX || spillsY) {
      overflows.push({
        kind: 'overflows-box',
        element: describe(box),
        text: shorten(texts.join(' ')),
        detail: `content ${box.scrollWidth}x${box.scrollHeight} in a box of ${box.clientWidth}x${box.clientHeight}`,
      });
    }
  }

  // Text drawn over other text, as the eye sees it (lines cut off by a box are not drawn). Lines of one
  // element may touch with a tight line-height, so only texts of different elements count, and only an
  // overlap of more than a quarter of the smaller line's height.
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const a = pieces[i]!;
      const b = pieces[j]!;
      if (a.element === b.element || a.element.contains(b.element) || b.element.contains(a.element)) continue;
      const hit = a.visible
        .flatMap((ra) => b.visible.map((rb) => ({ ra, rb })))
        .map(({ ra, rb }) => ({
          width: Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left),
          height: Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top),
          min: Math.min(ra.height, rb.height),
        }))
        .find(({ width, height, min }) => width > 2 && height > min / 4);
      if (hit) {
        overflows.push({
          kind: 'overlaps',
          element: describe(a.element),
          text: shorten(a.text),
          detail: `drawn over "${shorten(b.text)}" in ${describe(b.element)} by ${Math.round(hit.width)}x${Math.round(hit.height)} px`,
        });
      }
    }
  }

  const root = document.documentElement;
  return {
    viewport: { width: viewportWidth, height: viewportHeight },
    overflows,
    scrollbars: {
      horizontal: root.scrollWidth > viewportWidth,
      vertical: root.scrollHeight > viewportHeight,
      scrollWidth: root.scrollWidth,
      scrollHeight: root.scrollHeight,
    },
    smallestFont: smallest,
    minFontPx: viewportHeight / 40,
    tooSmall,
    textCount: pieces.length,
    lowContrast,
    contrastUnknown,
  };
}

/** Measures the page as it is on screen now; see {@link LayoutReport}. */
export function checkLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate(measureLayoutInPage, MIN_CONTRAST);
}

/** Every broken rule of a report, one line each; empty when the screen is legible. */
export function layoutProblems(report: LayoutReport): string[] {
  const problems = report.overflows.map((o) => `${o.kind}: ${o.element} "${o.text}" — ${o.detail}`);
  if (report.scrollbars.horizontal || report.scrollbars.vertical) {
    problems.push(
      `scrollbars: document is ${report.scrollbars.scrollWidth}x${report.scrollbars.scrollHeight} on a ${report.viewport.width}x${report.viewport.height} screen`,
    );
  }
  for (const low of report.lowContrast) {
    problems.push(`contrast ${low.ratio}:1 < ${MIN_CONTRAST}:1 in ${low.element} "${low.text}" (${low.colours})`);
  }
  for (const small of report.tooSmall) {
    problems.push(
      `font too small: ${small.px.toFixed(1)} px < ${report.minFontPx.toFixed(1)} px (h/40) in ${small.element} "${small.text}"`,
    );
  }
  return problems;
}

/** One axe rule broken on the page, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

/** What axe found: violations fail a screen; `contrastUndecided` lists text whose contrast axe could not decide. */
export interface AxeReport {
  violations: AxeViolation[];
  contrastUndecided: AxeViolation[];
}

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The WCAG 2 levels the wall must meet; wcag2aaa brings color-contrast-enhanced (7:1). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag2aaa'] as const;

interface AxeNodeResult {
  target: unknown[];
  failureSummary?: string;
}
interface AxeRuleResult {
  id: string;
  impact?: string | null;
  help: string;
  nodes: AxeNodeResult[];
}

/**
 * Runs axe-core over the whole document with the WCAG 2 A, AA and AAA rules. The page must come from a
 * context with `bypassCSP: true`. Injects axe once per document.
 */
export async function runAxe(page: Page): Promise<AxeReport> {
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.addScriptTag({ path: AXE_SCRIPT });
  const raw = await page.evaluate(
    async (tags) => {
      // axe-core's global, put there by the script tag; typed here by hand, the page has no types for it.
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe;
      const results = (await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations', 'incomplete'],
      })) as { violations: AxeRuleResult[]; incomplete: AxeRuleResult[] };
      return { violations: results.violations, incomplete: results.incomplete };
    },
    [...AXE_TAGS],
  );
  const simplify = (rule: AxeRuleResult): AxeViolation => ({
    id: rule.id,
    impact: rule.impact ?? null,
    help: rule.help,
    nodes: rule.nodes.map((node) => ({
      target: node.target.map(String).join(' '),
      summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    })),
  });
  return {
    violations: raw.violations.map(simplify),
    contrastUndecided: raw.incomplete.filter((rule) => rule.id.startsWith('color-contrast')).map(simplify),
  };
}

/** Every axe violation, one line per element. */
export function axeProblems(report: AxeReport): string[] {
  return report.violations.flatMap((rule) =>
    rule.nodes.map((node) => `axe ${rule.id} (${rule.impact ?? 'n/a'}): ${node.target} — ${node.summary || rule.help}`),
  );
}

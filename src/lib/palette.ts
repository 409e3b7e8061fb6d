/**
 * Team colours for canvas drawing. They come from the theme's CSS variables (styles/theme.css) so that
 * charts follow the theme; the constants are the dark theme's values, used when no stylesheet applies.
 * The two teams differ in lightness and in pattern, not in hue alone: sales is a solid dark-ish blue,
 * marketing a light orange with diagonal stripes (colour-blind readers still tell them apart).
 */
import type { Team } from '@shared/domain';

export const FALLBACK_COLOURS = {
  sales: '#3d7fd9',
  marketing: '#f2b35b',
  marketingStripe: '#a86a12',
  joint: '#d6dce4',
} as const;

function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** A colour of the current theme by its CSS variable ('--accent'), for drawing on a canvas. */
export function themeColour(name: string, fallback: string): string {
  return cssVar(name, fallback);
}

/** The fill of a team's bars: a solid colour for sales, a striped pattern for marketing. */
export function teamFill(team: Team): string | CanvasPattern {
  if (team === 'sales') return cssVar('--team-sales', FALLBACK_COLOURS.sales);
  const base = cssVar('--team-marketing', FALLBACK_COLOURS.marketing);
  const stripe = cssVar('--team-marketing-stripe', FALLBACK_COLOURS.marketingStripe);
  if (typeof document === 'undefined') return base;
  const tile = document.createElement('canvas');
  const size = 16;
  tile.width = size;
  tile.height = size;
  const ctx = tile.getContext('2d');
  if (!ctx) return base;
  ctx.fillStyle = base;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = stripe;
  ctx.lineWidth = 4;
  ctx.beginPath();
  // Three strokes so that the stripes run on seamlessly across tiles.
  for (const offset of [-size, 0, size]) {
    ctx.moveTo(offset, size);
    ctx.lineTo(offset + size, 0);
  }
  ctx.stroke();
  return ctx.createPattern(tile, 'repeat') ?? base;
}

/** The border drawn around a team's bars (marketing's outline sets it apart once more). */
export function teamBorder(team: Team): string {
  return team === 'sales'
    ? cssVar('--team-sales', FALLBACK_COLOURS.sales)
    : cssVar('--team-marketing', FALLBACK_COLOURS.marketing);
}

/**
 * Which lead sources a slide with room for `lines` lines shows: all of them when they fit, else the best
 * and the worst judged ones with one folded line between them that counts the rest (the judged middle
 * and the sources with too few reviews to judge). The worst sources are what a wall must never drop.
 */
import type { LeadQualitySource } from '@shared/figures';

/** One line of the sources table. */
export type SourceLine =
  | { kind: 'best' | 'worst' | 'few'; key: string; source: LeadQualitySource }
  | { kind: 'fold'; key: string; between: number; tooFew: number };

/** What {@link foldSources} keeps. */
export interface FoldedSources {
  lines: SourceLine[];
  /** sources left out (counted on the fold line) */
  hidden: number;
}

/**
 * Folds `sources` (judged ones first, best average first, then the ones with too few reviews, as the
 * server orders them) into at most `lines` lines (at least 3: best, fold, worst). Judged sources that fit
 * are shown in order; when they do not, the best half and the worst half stay around the fold.
 */
export function foldSources(sources: readonly LeadQualitySource[], lines: number): FoldedSources {
  const keyOf = (source: LeadQualitySource) => `${source.campaignId ?? 'none'}-${source.sourceTeam}`;
  const line = (kind: 'best' | 'worst' | 'few') => (source: LeadQualitySource) => ({
    kind,
    key: keyOf(source),
    source,
  });
  if (sources.length <= lines) {
    return { lines: sources.map((source) => line(source.tooFew ? 'few' : 'best')(source)), hidden: 0 };
  }
  const judged = sources.filter((source) => !source.tooFew);
  const tooFew = sources.length - judged.length;
  const room = Math.max(2, lines - 1);
  if (judged.length <= room) {
    return {
      lines: [...judged.map(line('best')), { kind: 'fold', key: 'fold', between: 0, tooFew }],
      hidden: tooFew,
    };
  }
  const best = Math.ceil(room / 2);
  const worst = room - best;
  const between = judged.length - best - worst;
  return {
    lines: [
      ...judged.slice(0, best).map(line('best')),
      { kind: 'fold', key: 'fold', between, tooFew },
      ...judged.slice(judged.length - worst).map(line('worst')),
    ],
    hidden: between + tooFew,
  };
}

import { type FloorView, ViewOnlyAlgorithm } from './pacing-algorithm.js';

/**
 * `fixed-ratio` (a baseline, issue 7 point 1): keeps `ratio` calls in flight per free agent (free
 * agents less the live answers already waiting for one), whatever the answer rate or the abandon
 * rate — the oldest predictive dialers' setting. Ratio 1 is progressive.
 */
export class FixedRatioAlgorithm extends ViewOnlyAlgorithm {
  readonly name = 'fixed-ratio';

  constructor(readonly ratio = 2) {
    super();
  }

  decide(view: FloorView): number {
    const free = Math.max(0, view.agentsReady - view.callsWaiting);
    return Math.max(0, Math.round(this.ratio * free) - view.callsInFlight.length);
  }
}

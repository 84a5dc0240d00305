import { type FloorView, ViewOnlyAlgorithm } from './pacing-algorithm.js';

/**
 * `progressive` (a baseline, issue 7 point 1): one call per free agent not already covered by a
 * call in flight or a live answer waiting. It never abandons while agents stay logged in, and
 * its occupancy has a closed form on the exponential twins (shared/bench/BOUNDS.md).
 */
export class ProgressiveAlgorithm extends ViewOnlyAlgorithm {
  readonly name = 'progressive';

  decide(view: FloorView): number {
    return Math.max(0, view.agentsReady - view.callsInFlight.length - view.callsWaiting);
  }
}

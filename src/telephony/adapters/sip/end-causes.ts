import type { CarrierEndCause } from '../../carrier.js';

/**
 * How a final SIP response to the INVITE ends the attempt (issue 8, T2). Anything not listed is
 * `failed`, with the status and reason kept in the event's detail.
 */
const causes: Record<number, CarrierEndCause> = {
  486: 'busy', // Busy Here
  600: 'busy', // Busy Everywhere
  404: 'bad_number', // Not Found
  484: 'bad_number', // Address Incomplete
  604: 'bad_number', // Does Not Exist Anywhere
  408: 'no_answer', // Request Timeout (from the far end)
  480: 'no_answer', // Temporarily Unavailable
  487: 'no_answer', // Request Terminated (the network gave up ringing)
  503: 'failed', // Service Unavailable
};

export function endCauseOf(status: number): CarrierEndCause {
  return causes[status] ?? 'failed';
}

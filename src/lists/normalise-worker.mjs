// A worker thread of the normaliser pool. Workers start without the main thread's TypeScript
// loader, so register it first, then load the (pure) chunk normaliser. The output's buffers
// are moved to the main thread, not copied.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { register } from 'tsx/esm/api';

register();
const { normaliseChunk, transferablesOf } = await import('./normalise-chunk.ts');

export default function normalise(input) {
  const out = normaliseChunk(input);
  return move({
    get [transferableSymbol]() {
      return transferablesOf(out);
    },
    get [valueSymbol]() {
      return out;
    },
  });
}

// A worker thread of the normaliser pool. Workers start without the main thread's TypeScript
// loader, so register it first, then load the (pure) batch normaliser.
import { register } from 'tsx/esm/api';

register();
const { normaliseBatch } = await import('./normalise-batch.ts');

export default normaliseBatch;

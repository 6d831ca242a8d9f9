/*
 * The page's policy forbids eval, so zod is told not to try it: its object parser otherwise probes `new Function`
 * once (caught, but Firefox reports the refused eval on the console). Imported first by the page and its worker.
 */
import { z } from 'zod';

z.config({ jitless: true });

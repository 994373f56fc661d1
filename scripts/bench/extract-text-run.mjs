// One measurement of extractFromText in a fresh Node process (run by bench.mjs several times: the
// JIT settles differently from one process to the next, so one process alone can mislead).
import { resolve } from 'node:path';
import { benchText } from './extract-text.mjs';

const { extractFromText } = await import(resolve(process.argv[2]));
process.stdout.write(JSON.stringify(benchText(extractFromText)));

// npm run bench: every speed goal, measured in one run, printed as numbers and ratios.
import { execSync } from 'node:child_process';
import { benchPopup } from './bench/popup.mjs';

execSync('npm run build --silent', { stdio: ['ignore', 'ignore', 'inherit'] });
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const popup = await benchPopup();
console.log('Popup');
console.log(`  size: ${(popup.gzip / 1024).toFixed(1)} KB gzip in ${popup.files} files (goal ≤ 35 KB)`);
console.log(`  open → interactive (signed in, ${popup.times.length} runs): median ${fmt(popup.median)}, min ${fmt(Math.min(...popup.times))}, max ${fmt(Math.max(...popup.times))}`);

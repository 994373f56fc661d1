// artifacts/store/<store>/: everything one store's submission form asks for, made from the project so
// it never drifts: the package, the listing in each language, the images the e2e run made, the privacy
// policy, and UPLOAD.md, which says what goes where.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { LANGUAGES, LIMITS, limitProblems, listingFor, renderListing } from './listing.mjs';

const root = resolve(import.meta.dirname, '../..');
export const IMAGES = resolve(root, 'artifacts/store-images');
const SCREENSHOTS = ['1-popup', '2-bulk', '3-settings', '4-history'].flatMap((n) => [`${n}-light`, `${n}-dark`]);
// Each store shows its screenshots in this order and takes at most LIMITS.screenshots of them:
// every screen in light first, then the dark ones.
const byPreference = [
  ...SCREENSHOTS.filter((s) => s.endsWith('light')),
  ...SCREENSHOTS.filter((s) => s.endsWith('dark')),
];

/** The images a store takes, as [file in artifacts/store-images, name in the store folder]. */
export function imagesFor(/** @type {'chrome' | 'edge' | 'firefox'} */ store) {
  const shots = byPreference
    .slice(0, LIMITS.screenshots[store])
    .map((s, i) => [`${s}.png`, `screenshot-${i + 1}-${s.slice(2)}.png`]);
  const extra = store === 'firefox' ? [] : [['promo-small-440x280.png', 'promo-small-440x280.png']];
  return [...shots, ...extra];
}

/** The images the e2e run makes, missing from artifacts/store-images. */
export const missingImages = () =>
  [...SCREENSHOTS.map((s) => `${s}.png`), 'promo-small-440x280.png'].filter((f) => !existsSync(resolve(IMAGES, f)));

/**
 * @param {{ chrome: string, firefox: string, source: string }} packages the archives, already in place:
 *   chrome in artifacts/store/chrome, firefox and source in artifacts/store/firefox
 */
export function writeStoreKit(packages) {
  const version = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version;
  const permissionsOf = (/** @type {string} */ target) =>
    JSON.parse(readFileSync(resolve(root, 'dist', target, 'manifest.json'), 'utf8')).permissions;
  const edgePackage = resolve(root, 'artifacts/store/edge', basename(packages.chrome).replace('-chrome.', '-edge.'));
  mkdirSync(resolve(edgePackage, '..'), { recursive: true });
  copyFileSync(packages.chrome, edgePackage); // Edge takes the Chrome package as it is.

  const problems = [];
  for (const store of /** @type {const} */ (['chrome', 'edge', 'firefox'])) {
    const dir = resolve(root, 'artifacts/store', store);
    const permissions = permissionsOf(store === 'firefox' ? 'firefox' : 'chrome');
    mkdirSync(resolve(dir, 'listing'), { recursive: true });
    for (const lang of LANGUAGES) {
      const listing = listingFor(lang, permissions);
      problems.push(...limitProblems(listing));
      writeFileSync(resolve(dir, 'listing', `${lang}.txt`), renderListing(listing, store));
    }
    mkdirSync(resolve(dir, 'images'), { recursive: true });
    for (const [from, to] of imagesFor(store)) copyFileSync(resolve(IMAGES, from), resolve(dir, 'images', to));
    copyFileSync(resolve(root, 'public/icons/128.png'), resolve(dir, 'images/icon-128.png'));
    copyFileSync(resolve(root, 'PRIVACY.md'), resolve(dir, 'PRIVACY.md'));
    const files = {
      chrome: basename(packages.chrome),
      edge: basename(edgePackage),
      firefox: basename(packages.firefox),
    };
    writeFileSync(resolve(dir, 'UPLOAD.md'), uploadGuide(store, version, files[store], basename(packages.source)));
  }
  if (problems.length) throw new Error(`The store listings break the stores' limits:\n${problems.join('\n')}`);
}

/** What goes where in the store's own form, for this version. */
function uploadGuide(
  /** @type {'chrome' | 'edge' | 'firefox'} */ store,
  /** @type {string} */ version,
  /** @type {string} */ pkg,
  /** @type {string} */ source,
) {
  const shots = `the ${imagesFor(store).filter(([, to]) => to.startsWith('screenshot')).length} screenshots (1280×800)`;
  const policy = "**Privacy policy**: publish `PRIVACY.md` at a stable address (the repository's copy will do).";
  const guides = {
    chrome: `# Chrome Web Store, version ${version}
Developer Dashboard (https://chrome.google.com/webstore/devconsole): your item, or "New item".
1. **Package**: upload \`${pkg}\`. The name and the summary come from it, in every language.
2. **Store listing**, once per language (the language menu at the top): **Description** from
   \`listing/<lang>.txt\`. Store icon \`images/icon-128.png\`; ${shots} and the small promo tile
   (440×280) from \`images/\`.
3. **Privacy practices**: **Single purpose** and each **Permission justification** from \`listing/en.txt\`
   (this tab has one language). Remote code: **No**. Data usage: **Personally identifiable information**
   (the addresses and names the user invites, sent to the user's own Microsoft tenant); certify all three
   disclosures. ${policy}
`,
    edge: `# Microsoft Edge Add-ons, version ${version}
Partner Center (https://partner.microsoft.com/dashboard/microsoftedge): your extension, or "Create new extension".
1. **Packages**: upload \`${pkg}\` (the Chrome package, unchanged).
2. **Properties**: category Productivity. ${policy}
3. **Store listings**, once per language: **Description** and **Search terms** from \`listing/<lang>.txt\`;
   Extension logo \`images/icon-128.png\`; the small promotional tile and ${shots} from \`images/\`.
4. **Submit**: paste "Notes for the reviewers" from \`listing/en.txt\` into the notes for certification.
`,
    firefox: `# Firefox Add-ons (AMO), version ${version}
Developer Hub (https://addons.mozilla.org/developers/): "Submit a New Add-on", On this site.
1. **Upload** \`${pkg}\`. Asked for source code: **Yes**, upload \`${source}\`.
2. **Describe**: Name, Summary and Description from \`listing/<lang>.txt\`, one locale at a time.
   Category: Other. ${shots[0].toUpperCase()}${shots.slice(1)} from \`images/\`; the icon comes from the package.
3. **Privacy policy**: paste \`PRIVACY.md\`.
4. **Notes to reviewer**: "Notes for the reviewers" from \`listing/en.txt\`, and: "Build with Node 20:
   \`npm ci && npm run build\`. The package is \`dist/firefox\`, the same byte for byte (the project's tests
   rebuild the source archive and compare every file). Signing in needs a Microsoft Entra ID tenant and an
   app registration (README: Register your own app); \`npm start\` runs it against a simulated tenant."
`,
  };
  return guides[store];
}

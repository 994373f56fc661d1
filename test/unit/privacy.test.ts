// The privacy policy says what the code does: every value the extension stores is named in it, and the
// data the Firefox manifest declares as collected is declared in it too. A new stored value or a new
// declaration fails here until the policy says so.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { ENTRIES } from '../../src/storage/storage';

const root = resolve(import.meta.dirname, '../..');
const policy = readFileSync(resolve(root, 'PRIVACY.md'), 'utf8');
const english = JSON.parse(readFileSync(resolve(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string }
>;

test('every stored value is named in the privacy policy, as the extension names it to users', () => {
  const unnamed = Object.keys(ENTRIES).filter(
    (key) => !policy.toLowerCase().includes(english[`data_${key}`].message.toLowerCase()),
  );
  expect(unnamed).toEqual([]);
});

test('what the Firefox manifest declares as collected, the policy declares too', () => {
  const manifest = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8'));
  const declared: string[] = manifest.browser_specific_settings.gecko.data_collection_permissions.required;
  expect(declared.length).toBeGreaterThan(0);
  for (const kind of declared) expect(policy).toContain(`\`${kind}\``);
  expect(policy).toMatch(/no analytics/i);
});

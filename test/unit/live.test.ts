// npm run test:live is opt-in: without its variables it touches nothing, exits 0 and says what to set,
// including this checkout's redirect URI to register.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

test('test:live without variables explains the set-up and exits 0', () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('LIVE_')));
  const out = execFileSync('node', [resolve(import.meta.dirname, '../../scripts/live.mjs')], { env, encoding: 'utf8' });
  for (const name of ['LIVE_CLIENT_ID', 'LIVE_TENANT', 'LIVE_INVITE_EMAIL', 'Single-page application'])
    expect(out).toContain(name);
  expect(out).toMatch(/https:\/\/[a-p]{32}\.chromiumapp\.org\//);
  expect(out).toContain('User.Invite.All, User.Read.All,');
});

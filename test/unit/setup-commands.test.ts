// The set-up assistant's commands: this install's redirect URIs as SPA redirects, every permission the
// extension asks for, consent, and Firefox's redirect URI computed from the add-on ID in the manifest.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { azureCliScript, FIREFOX_ADDON_ID, firefoxRedirectUri, powershellScript } from '../../src/core/setup-commands';

const uris = ['https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/', 'https://f00.extensions.allizom.org/'];

describe('set-up commands', () => {
  test('the add-on ID is the manifest’s', () => {
    const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../manifest.json'), 'utf8'));
    expect(manifest.browser_specific_settings.gecko.id).toBe(FIREFOX_ADDON_ID);
  });
  test('Firefox’s redirect URI is the SHA-1 of the add-on ID', async () => {
    expect(await firefoxRedirectUri('guest-invite@entra-invite.example')).toBe(
      'https://f35ff0aff32c56bf4f0eabf949671dd1ce88680e.extensions.allizom.org/',
    );
  });
  test.each([
    ['Azure CLI', azureCliScript],
    ['Graph PowerShell', powershellScript],
  ])('%s: SPA redirect URIs, the four permissions, consent, the IDs to paste', (_name, script) => {
    const text = script(uris);
    for (const uri of uris) expect(text).toContain(uri);
    for (const permission of ['User.Invite.All', 'User.Read.All', 'GroupMember.ReadWrite.All', 'User.Read'])
      expect(text).toMatch(new RegExp(`[ ']${permission.replace(/\./g, '\\.')}(?![.\\w])`));
    expect(text).toMatch(/spa|Spa/);
    expect(text).toMatch(/admin-consent|AllPrincipals/);
    expect(text).toContain('Client ID');
    expect(text).toContain('AzureADMyOrg');
  });
});

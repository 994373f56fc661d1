// Profiles: switching swaps whole profiles (nothing of one leaks into another), the export carries no
// local id or account, and an import is all or nothing, naming the profile and field at fault.
import { describe, expect, test } from 'vitest';
import {
  addProfile,
  allProfiles,
  exportProfiles,
  importProfiles,
  removeActiveProfile,
  switchProfile,
} from '../../src/storage/profiles';
import { DEFAULT_SETTINGS, type Settings } from '../../src/storage/settings';
import { Store } from '../../src/storage/storage';
import { fakePlatform } from '../support/fake-platform';

const CLIENT = '11111111-1111-4111-8111-111111111111';
const contoso: Settings = {
  ...structuredClone(DEFAULT_SETTINGS),
  name: 'Contoso',
  clientId: CLIENT,
  tenant: 'contoso.com',
  lookupWindowSeconds: 60,
  defaults: { ...DEFAULT_SETTINGS.defaults, message: 'Welcome to Contoso' },
};
/** Contoso and Fabrikam, Fabrikam active. */
const both = (): Settings => ({
  ...addProfile(contoso, 'fab'),
  name: 'Fabrikam',
  clientId: CLIENT,
  tenant: 'fabrikam.com',
  cloud: 'usgov',
});
let ids = 0;
const newId = () => `new-${++ids}`;

describe('profiles', () => {
  test('a new profile starts empty; switching swaps every field of the profile and keeps the global ones', () => {
    const added = addProfile(contoso, 'fab');
    expect(added).toMatchObject({ id: 'fab', name: '', clientId: '', tenant: '', lookupWindowSeconds: 60 });
    expect(added.defaults.message).toBe('');
    const back = switchProfile(both(), 'default');
    expect(back).toMatchObject({ id: 'default', name: 'Contoso', tenant: 'contoso.com', cloud: 'global' });
    expect(back.defaults.message).toBe('Welcome to Contoso');
    expect(back.otherProfiles).toMatchObject([{ id: 'fab', name: 'Fabrikam', tenant: 'fabrikam.com', cloud: 'usgov' }]);
    expect(switchProfile(back, 'nobody')).toBe(back);
    expect(allProfiles(back).map((p) => p.name)).toEqual(['Contoso', 'Fabrikam']);
  });

  test('removing the active profile makes the next one active; the last one cannot go', () => {
    const removed = removeActiveProfile(both());
    expect(removed).toMatchObject({ id: 'default', name: 'Contoso', otherProfiles: [] });
    expect(removeActiveProfile(removed)).toBe(removed);
  });

  test('export and import: no ids, same names replace (keeping their id), new names are added', () => {
    const file = exportProfiles(both());
    expect(file).not.toContain('"id"');
    const parsed = JSON.parse(file) as { profiles: { name: string; tenant: string }[] };
    expect(parsed.profiles.map((p) => p.name)).toEqual(['Contoso', 'Fabrikam']);
    parsed.profiles[0].tenant = 'contoso.onmicrosoft.com';
    parsed.profiles[1].name = 'Woodgrove';
    const result = importProfiles(contoso, JSON.stringify(parsed), newId);
    expect(result).toMatchObject({ ok: true, added: 1, replaced: 1 });
    if (!result.ok) return;
    expect(result.settings).toMatchObject({ id: 'default', tenant: 'contoso.onmicrosoft.com' });
    expect(result.settings.otherProfiles).toMatchObject([{ id: 'new-1', name: 'Woodgrove', cloud: 'usgov' }]);
  });

  test('a file that is not an export, or holds one bad profile, imports nothing and says what is wrong', () => {
    for (const text of ['', 'not json', '{"kind":"other","version":1,"profiles":[]}', '[]'])
      expect(importProfiles(contoso, text, newId)).toEqual({ ok: false, problem: { key: 'errImportNotProfiles' } });
    const parsed = JSON.parse(exportProfiles(both())) as { profiles: { clientId: string }[] };
    parsed.profiles[1].clientId = 'not-a-guid';
    expect(importProfiles(contoso, JSON.stringify(parsed), newId)).toEqual({
      ok: false,
      problem: { key: 'errClientId' },
      profile: [2, 'Fabrikam'],
    });
  });

  test('settings saved before profiles read as one unnamed profile; the one directory name goes', async () => {
    const platform = fakePlatform();
    const { id: _id, name: _name, otherProfiles: _others, ...old } = contoso;
    await platform.storage.local.set('settings', old);
    await platform.storage.local.set('tenantName', { tenantId: 't', name: 'Contoso' });
    const store = new Store(platform.storage);
    const read = await store.read('settings');
    expect(read).toMatchObject({ id: 'default', name: '', otherProfiles: [], tenant: 'contoso.com' });
    await store.removeRetired();
    expect(platform.data.local.has('tenantName')).toBe(false);
    expect(platform.data.local.has('settings')).toBe(true);
  });
});

// Profiles: one per directory a user works in (consultants and MSPs work in many). The active profile's
// values are the settings' own fields, which is all the rest of the extension reads; the others wait in
// `otherProfiles`. Switching swaps them in one write, so there is never a second copy to drift.
import { authConfig, v } from '../protocol/schemas';
import {
  checkClientId,
  checkHttpsEndpoint,
  checkMessage,
  checkRedirectUrl,
  checkTenant,
  type Problem,
} from '../core/validate';
import { DEFAULT_SETTINGS, type Profile, type Settings } from './settings';
import { defaultsSchema } from './settings-schema';

export const MAX_PROFILES = 50;
export const MAX_PROFILE_NAME = 64;
/** An exported file larger than this is not one of ours (50 profiles take a few kilobytes). */
export const MAX_PROFILES_FILE = 256 * 1024;
const EXPORT_KIND = 'entra-guest-invite-profiles';

/** A stored profile, as checked when read back. */
export const profileSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  name: v.pipe(v.string(), v.maxLength(MAX_PROFILE_NAME)),
  ...authConfig.entries,
  defaults: defaultsSchema,
}) satisfies v.GenericSchema<Profile>;

/** The active profile, out of the settings. */
export function activeProfile(settings: Settings): Profile {
  const { id, name, clientId, tenant, cloud, customAuthority, customGraph, multiTenant, askAllAtSignIn } = settings;
  return {
    id,
    name,
    clientId,
    tenant,
    cloud,
    customAuthority,
    customGraph,
    multiTenant,
    askAllAtSignIn,
    defaults: settings.defaults,
  };
}

/** What a profile is called in lists: its name, else its tenant; '' when it has neither yet. */
export const profileLabel = (profile: Pick<Profile, 'name' | 'tenant'>) => profile.name.trim() || profile.tenant.trim();

/** Every profile, in the order lists show them (by label, the active one where it falls). */
export function allProfiles(settings: Settings): Profile[] {
  return [activeProfile(settings), ...settings.otherProfiles].sort((a, b) =>
    profileLabel(a).localeCompare(profileLabel(b)),
  );
}

/** The settings with another profile active (unchanged when there is no such profile). */
export function switchProfile(settings: Settings, id: string): Settings {
  const next = settings.otherProfiles.find((profile) => profile.id === id);
  if (!next) return settings;
  const others = [...settings.otherProfiles.filter((profile) => profile !== next), activeProfile(settings)];
  return { ...settings, ...next, otherProfiles: others };
}

/** A new, empty profile, made active; the one in use joins the others. */
export function addProfile(settings: Settings, id: string): Settings {
  if (settings.otherProfiles.length + 1 >= MAX_PROFILES) return settings;
  const blank = { ...activeProfile(DEFAULT_SETTINGS), id, defaults: structuredClone(DEFAULT_SETTINGS.defaults) };
  return { ...settings, ...blank, otherProfiles: [...settings.otherProfiles, activeProfile(settings)] };
}

/** The active profile removed, the first other one (as lists show them) active instead. */
export function removeActiveProfile(settings: Settings): Settings {
  const [next] = allProfiles(settings).filter((profile) => profile.id !== settings.id);
  if (!next) return settings;
  return { ...settings, ...next, otherProfiles: settings.otherProfiles.filter((profile) => profile !== next) };
}

/** What is wrong with a profile, by field (the options page shows each beside its field). */
export function checkProfile(profile: Profile): Partial<Record<string, Problem>> {
  const problems: Partial<Record<string, Problem>> = {};
  const add = (key: string, problem: Problem | null) => problem && (problems[key] = problem);
  if (profile.name.length > MAX_PROFILE_NAME)
    add('profileName', { key: 'errProfileName', subs: [String(MAX_PROFILE_NAME)] });
  add('clientId', checkClientId(profile.clientId));
  add('tenant', checkTenant(profile.tenant, profile.multiTenant));
  if (profile.cloud === 'custom') {
    add('customAuthority', checkHttpsEndpoint(profile.customAuthority));
    add('customGraph', checkHttpsEndpoint(profile.customGraph));
  }
  add('redirectUrl', checkRedirectUrl(profile.defaults.redirectUrl));
  add('message', checkMessage(profile.defaults.message));
  return problems;
}

/** Every profile as a file a team can share: settings only, no account, no token, no local id. */
export function exportProfiles(settings: Settings): string {
  const profiles = allProfiles(settings).map(({ id: _id, ...profile }) => profile);
  return JSON.stringify({ kind: EXPORT_KIND, version: 1, profiles }, null, 2);
}

const exportSchema = v.object({
  kind: v.literal(EXPORT_KIND),
  version: v.literal(1),
  profiles: v.pipe(v.array(v.omit(profileSchema, ['id'])), v.minLength(1), v.maxLength(MAX_PROFILES)),
});

export type ImportResult =
  | { ok: true; settings: Settings; added: number; replaced: number }
  /** `profile`: the file's profile at fault (its place from 1, and its label), when one is. */
  | { ok: false; problem: Problem; profile?: [number, string] };

/**
 * Adds the profiles of an exported file; one named like a profile already here replaces its values
 * (keeping its id, so its sign-in stays). Nothing is imported unless every profile in the file is valid.
 */
export function importProfiles(settings: Settings, text: string, newId: () => string): ImportResult {
  if (text.length > MAX_PROFILES_FILE) return { ok: false, problem: { key: 'errImportNotProfiles' } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: { key: 'errImportNotProfiles' } };
  }
  const checked = v.safeParse(exportSchema, parsed);
  if (!checked.success) return { ok: false, problem: { key: 'errImportNotProfiles' } };
  const incoming = checked.output.profiles;
  for (const [i, profile] of incoming.entries()) {
    const problem = Object.values(checkProfile({ ...profile, id: 'import' }))[0];
    if (problem) return { ok: false, problem, profile: [i + 1, profileLabel(profile)] };
  }
  let next = settings;
  let added = 0;
  let replaced = 0;
  for (const profile of incoming) {
    const name = profile.name.trim().toLowerCase();
    const sameName = (p: Profile) => !!name && p.name.trim().toLowerCase() === name;
    if (sameName(activeProfile(next))) {
      next = { ...next, ...profile, id: next.id };
      replaced++;
    } else if (next.otherProfiles.some(sameName)) {
      next = { ...next, otherProfiles: next.otherProfiles.map((p) => (sameName(p) ? { ...profile, id: p.id } : p)) };
      replaced++;
    } else if (next.otherProfiles.length + 1 < MAX_PROFILES) {
      next = { ...next, otherProfiles: [...next.otherProfiles, { ...profile, id: newId() }] };
      added++;
    } else {
      return { ok: false, problem: { key: 'errImportTooMany', subs: [String(MAX_PROFILES)] } };
    }
  }
  return { ok: true, settings: next, added, replaced };
}

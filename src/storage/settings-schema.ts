// The invitation defaults' schema, shared by the settings, their profiles and the popup's first view.
import { MAX_SPONSORS } from '../core/invitation';
import { directoryRef, v } from '../protocol/schemas';
import type { InviteDefaults } from './settings';

export const defaultsSchema = v.object({
  redirectUrl: v.string(),
  message: v.string(),
  sendMail: v.boolean(),
  messageLanguage: v.string(),
  userType: v.picklist(['Guest', 'Member']),
  sponsors: v.optional(v.pipe(v.array(directoryRef), v.maxLength(MAX_SPONSORS))),
}) satisfies v.GenericSchema<InviteDefaults>;

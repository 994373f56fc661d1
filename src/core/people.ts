// People of the directory to choose as a guest's sponsors: found by the start of their name or
// address, members only (a sponsor answers for the guest inside the organization).

/** What Graph tells about a user, as the picker asks for it ($select). */
export interface GraphPerson {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  userType?: string | null;
}

export const PERSON_FIELDS = 'id,displayName,mail,userPrincipalName,userType';

export interface PersonChoice {
  id: string;
  displayName: string;
  /** The address they are known by, to tell two Sams apart. */
  mail: string;
}

/** `$filter` for people whose name or address starts with the query (single quotes doubled, as OData wants). */
export function peopleFilter(query: string): string {
  const quoted = query.trim().replace(/'/gu, "''");
  return `startswith(displayName,'${quoted}') or startswith(mail,'${quoted}')`;
}

/** The directory's members among Graph's answer, as the picker shows them. */
export function toPeople(found: GraphPerson[]): PersonChoice[] {
  return found
    .filter((p) => p.userType !== 'Guest')
    .map((p) => {
      const mail = p.mail ?? p.userPrincipalName ?? '';
      return { id: p.id, displayName: p.displayName || mail, mail };
    });
}

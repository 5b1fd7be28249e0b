/**
 * Colleagues to share a request with. Participants are accountIds (emails are not accepted,
 * docs/jsm-portal.md#participants), so people are found through the platform's user
 * picker; without "Browse users and groups" it answers exact name matches only, which the
 * user is told.
 */
import * as z from 'zod/mini';
import { AppError } from '../errors';

export const ColleagueSchema = z.object({
  accountId: z.string().check(z.minLength(1), z.maxLength(128)),
  displayName: z.string().check(z.maxLength(255)),
});
export type Colleague = z.infer<typeof ColleagueSchema>;

export const MAX_SAVED_COLLEAGUES = 50;

interface UserPickerLike {
  userPicker(
    query: string,
    maxResults?: number,
  ): Promise<{ users: { accountId: string; displayName?: string }[] }>;
}

const LIMITED_SEARCH_NOTE =
  'Nobody found. Your portal account may only find people by their exact full name: type the whole name, or ask your colleague to open the request link you send them.';

/**
 * The portal's own people search (utils/portal/portal-people.ts): what portal-only customers,
 * whom the user picker refuses or answers exact names only, can use.
 */
interface PortalPeopleLike {
  listServiceDesks(): Promise<{ id: string }[]>;
  requestTypePage(
    serviceDeskId: string,
    start?: number,
    limit?: number,
  ): Promise<{ values: { portalId?: string }[] }>;
  portalUserSearch(
    portalId: string,
    query: string,
  ): Promise<{ accountId: string; displayName?: string }[]>;
}

async function portalPeople(client: PortalPeopleLike, text: string): Promise<Colleague[]> {
  // The portal id is on request types (a desk's id and its portal's id may differ).
  const [desk] = await client.listServiceDesks();
  if (!desk) return [];
  const types = await client.requestTypePage(desk.id, 0, 1);
  const portalId = types.values[0]?.portalId;
  if (!portalId) return [];
  const found = await client.portalUserSearch(portalId, text);
  return found.slice(0, 10).map((user) => ({
    accountId: user.accountId,
    displayName: user.displayName ?? user.accountId,
  }));
}

export async function findPeople(
  client: UserPickerLike & Partial<PortalPeopleLike>,
  query: string,
): Promise<{ people: Colleague[]; note?: string }> {
  const text = query.trim();
  if (!text) return { people: [] };
  const portal =
    client.listServiceDesks && client.requestTypePage && client.portalUserSearch
      ? (client as PortalPeopleLike)
      : undefined;
  let people: Colleague[] = [];
  try {
    const answer = await client.userPicker(text, 10);
    people = answer.users.map((user) => ({
      accountId: user.accountId,
      displayName: user.displayName ?? user.accountId,
    }));
  } catch (error) {
    // A portal-only customer may be refused the user picker: the portal's search is next.
    if (!portal || AppError.from(error).code !== 'forbidden') throw error;
    const found = await portalPeople(portal, text).catch((): Colleague[] => []);
    return { people: found, ...noteIfNone(found) };
  }
  if (people.length === 0 && portal) {
    // Exact names only for customers without "Browse users": the portal's search does better.
    people = await portalPeople(portal, text).catch((): Colleague[] => []);
  }
  return { people, ...noteIfNone(people) };
}

function noteIfNone(people: readonly Colleague[]): {
  note?: string;
  noteKey?: 'share_limitedSearch';
} {
  return people.length > 0 ? {} : { note: LIMITED_SEARCH_NOTE, noteKey: 'share_limitedSearch' };
}

/** Puts `added` first in the saved list, without duplicates, bounded. */
export function rememberColleagues(
  saved: readonly Colleague[],
  added: readonly Colleague[],
): Colleague[] {
  const ids = new Set(added.map((person) => person.accountId));
  return [...added, ...saved.filter((person) => !ids.has(person.accountId))].slice(
    0,
    MAX_SAVED_COLLEAGUES,
  );
}

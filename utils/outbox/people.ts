/**
 * Colleagues to share a request with. Participants are accountIds (emails are not accepted,
 * JSM-NOTES §2.8), so people are found through the platform's user picker; without "Browse
 * users and groups" it answers exact name matches only, which the user is told.
 */
import * as z from 'zod/mini';

export const ColleagueSchema = z.object({
  accountId: z.string().check(z.minLength(1), z.maxLength(128)),
  displayName: z.string().check(z.maxLength(255)),
});
export type Colleague = z.infer<typeof ColleagueSchema>;

export const MAX_SAVED_COLLEAGUES = 50;

export interface UserPickerLike {
  userPicker(
    query: string,
    maxResults?: number,
  ): Promise<{ users: { accountId: string; displayName?: string }[] }>;
}

export const LIMITED_SEARCH_NOTE =
  'Nobody found. Your portal account may only find people by their exact full name: type the whole name, or ask your colleague to open the request link you send them.';

export async function findPeople(
  client: UserPickerLike,
  query: string,
): Promise<{ people: Colleague[]; note?: string }> {
  const text = query.trim();
  if (!text) return { people: [] };
  const answer = await client.userPicker(text, 10);
  const people = answer.users.map((user) => ({
    accountId: user.accountId,
    displayName: user.displayName ?? user.accountId,
  }));
  return people.length > 0 ? { people } : { people, note: LIMITED_SEARCH_NOTE };
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

/**
 * Request and response schemas of the outbox messages (declared in utils/messaging.ts).
 * Pages see job views (progress, results), never the portal client or credentials.
 */
import * as z from 'zod/mini';
import { JobInputSchema, JobViewSchema } from './job';
import { ColleagueSchema } from './people';

export { JobViewSchema };

export const SubmitJobSchema = z.object({
  job: JobInputSchema,
  /** The needs-edit job this submission replaces (after the user fixed the fields). */
  replaces: z.optional(z.string()),
});

export const JobIdSchema = z.object({ id: z.string().check(z.minLength(1), z.maxLength(100)) });

export const OutboxStatusSchema = z.object({
  jobs: z.array(JobViewSchema),
  /** Jobs still to deliver (what the badge shows). */
  waiting: z.int(),
  /** A job is paused until the user signs in to the portal again. */
  signInNeeded: z.boolean(),
});
export type OutboxStatus = z.infer<typeof OutboxStatusSchema>;

export const RetryNowSchema = z.object({ id: z.optional(z.string()) });

export const ShareRequestSchema = z
  .object({
    id: z.string(),
    /** Who to add; names are kept for "saved colleagues" once the portal accepted them. */
    people: z.array(ColleagueSchema).check(z.maxLength(50)),
    /** Addresses to share with through the portal's own share (portal-only customers). */
    emails: z.optional(z.array(z.email()).check(z.maxLength(50))),
  })
  .check(
    z.refine(
      (share) => share.people.length + (share.emails?.length ?? 0) > 0,
      'Name someone to share with.',
    ),
  );
export const FindPeopleSchema = z.object({ query: z.string().check(z.maxLength(200)) });
export const PeopleSchema = z.object({
  people: z.array(ColleagueSchema),
  /** Why the search found nobody (the portal's limits), when it did not. */
  note: z.optional(z.string()),
  /** The same in the user's words: its message key (public/_locales). */
  noteKey: z.optional(z.enum(['share_limitedSearch'])),
});
export const ColleagueListSchema = z.object({ colleagues: z.array(ColleagueSchema) });
export const ShareOutcomeSchema = z.object({
  added: z.array(z.string()),
  rejected: z.array(z.string()),
  notPermitted: z.boolean(),
});

export const ListMyRequestsSchema = z.object({
  requestStatus: z.optional(z.enum(['OPEN_REQUESTS', 'ALL_REQUESTS'])),
});
const MyRequestSchema = z.object({
  issueKey: z.string(),
  summary: z.string(),
  status: z.string(),
  statusCategory: z.string(),
  updatedAt: z.nullable(z.number()),
  webUrl: z.nullable(z.string()),
  /** Duplicates of this request the outbox withdrew (same capture reference). */
  duplicatesWithdrawn: z.optional(z.array(z.string())),
  /** This one is a withdrawn duplicate of that request. */
  withdrawnInFavourOf: z.optional(z.string()),
});
export const MyRequestListSchema = z.object({ requests: z.array(MyRequestSchema) });

export const ReportSchema = z.object({
  fileName: z.string(),
  mimeType: z.literal('text/html'),
  content: z.string(),
});
export type Report = z.infer<typeof ReportSchema>;

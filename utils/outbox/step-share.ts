/** The participants step: the request shared with the colleagues the user chose. */
import type { Job } from './job';
import type { OutboxPortal, RunnerDeps } from './ports';
import { issueKeyOf, toInfo } from './step-common';

export async function runParticipants(
  state: Job,
  deps: RunnerDeps,
  save: () => Promise<void>,
): Promise<void> {
  const issueKey = issueKeyOf(state);
  const settled = new Set([
    ...state.result.participantsAdded,
    ...state.result.participantsRejected,
  ]);
  const todo = state.participants.filter((id) => !settled.has(id));
  const outcome = await addParticipants(deps.portal, issueKey, todo);
  state.result.participantsAdded.push(...outcome.added);
  state.result.participantsRejected.push(...outcome.rejected);
  if (outcome.notPermitted) state.result.sharingNotPermitted = true;
  state.steps.participants = 'done';
  await save();
}

export interface ShareOutcome {
  added: string[];
  /** accountIds the portal does not know (400). */
  rejected: string[];
  /** The customer may not add participants here (403), nor share through the portal. */
  notPermitted: boolean;
}

/**
 * Adds participants; adding an existing one is a no-op on JSM, so a retry is safe. A 400
 * ("any user to be added does not exist") is narrowed down one account at a time.
 * A 403 (portal-only customers may not add participants) falls back to the portal's own
 * "Share" (utils/portal/portal-people.ts), which also takes e-mail addresses; only when that
 * is refused too is sharing not permitted (the user is offered "copy link / e-mail the link").
 * Retryable and auth errors are thrown for the caller to handle.
 */
export async function addParticipants(
  portal: Pick<OutboxPortal, 'addParticipants' | 'portalShare'>,
  issueKey: string,
  accountIds: readonly string[],
  emails: readonly string[] = [],
): Promise<ShareOutcome> {
  const outcome: ShareOutcome = { added: [], rejected: [], notPermitted: false };
  if (accountIds.length === 0 && emails.length === 0) return outcome;
  const settle = async (call: () => Promise<unknown>): Promise<'ok' | 'invalid' | 'forbidden'> => {
    try {
      await call();
      return 'ok';
    } catch (error) {
      const info = toInfo(error);
      if (info.code === 'forbidden') return 'forbidden';
      if (info.code === 'validation' || info.code === 'not-found') return 'invalid';
      throw error;
    }
  };
  const attempt = (ids: readonly string[]) => settle(() => portal.addParticipants(issueKey, ids));
  const share = async (ids: readonly string[]): Promise<void> => {
    const portalShare = portal.portalShare?.bind(portal);
    const shared = portalShare
      ? await settle(() => portalShare(issueKey, { accountIds: [...ids], emails: [...emails] }))
      : 'forbidden';
    if (shared === 'ok') outcome.added.push(...ids);
    else if (shared === 'forbidden') outcome.notPermitted = true;
    else if (ids.length === 1 && emails.length === 0) outcome.rejected.push(...ids);
    else if (portalShare && ids.length > 0) {
      // One unknown account refuses the whole share (400): narrowed down as above.
      for (const id of ids) {
        const one = await settle(() => portalShare(issueKey, { accountIds: [id], emails: [] }));
        if (one === 'ok') outcome.added.push(id);
        else if (one === 'invalid') outcome.rejected.push(id);
        else outcome.notPermitted = true;
      }
      if (emails.length > 0) {
        const mailed = await settle(() =>
          portalShare(issueKey, { accountIds: [], emails: [...emails] }),
        );
        if (mailed === 'forbidden') outcome.notPermitted = true;
      }
    }
  };
  // Participants are accountIds only (docs/jsm-portal.md#participants): addresses go by the
  // portal's share.
  if (accountIds.length === 0) {
    await share([]);
    return outcome;
  }
  const all = await attempt(accountIds);
  if (all === 'forbidden') {
    await share(accountIds);
    return outcome;
  }
  if (all === 'ok') outcome.added.push(...accountIds);
  else if (accountIds.length === 1) outcome.rejected.push(...accountIds);
  else {
    for (const id of accountIds) {
      const one = await attempt([id]);
      if (one === 'ok') outcome.added.push(id);
      else if (one === 'forbidden') {
        await share(
          accountIds.filter(
            (other) => !outcome.added.includes(other) && !outcome.rejected.includes(other),
          ),
        );
        return outcome;
      } else outcome.rejected.push(id);
    }
  }
  if (emails.length > 0) await share([]);
  return outcome;
}

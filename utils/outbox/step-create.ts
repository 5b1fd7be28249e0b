/**
 * The create step: files the request once (an uncertain create is searched for first, see
 * runner.ts), with the report's files in an attachment field when the form has one.
 */
import { AppError } from '../errors';
import { markAttachedAtCreate, needsUploadBeforeCreate, valuesForCreate } from './attachment-field';
import type { Job } from './job';
import type { CreatedRequest, RunnerDeps } from './ports';
import { findBeforeCreate } from './reconcile';
import { outcomeUnknown, TIMINGS } from './retry-policy';
import { toInfo } from './step-common';
import { runUpload } from './step-files';

function recordRequest(state: Job, request: CreatedRequest): void {
  state.result.issueKey = request.issueKey;
  state.result.issueId = request.issueId;
  const web = request._links?.web;
  if (web) state.result.webUrl = web;
}

/** The longest text field: what an edge's 400 most likely choked on. */
function longestField(values: Record<string, unknown>): string | undefined {
  let best: [string, number] | undefined;
  for (const [id, value] of Object.entries(values)) {
    const length = JSON.stringify(value ?? '').length;
    if (!best || length > best[1]) best = [id, length];
  }
  return best?.[0];
}

export async function runCreate(
  state: Job,
  deps: RunnerDeps,
  save: () => Promise<void>,
): Promise<void> {
  if (state.uncertain === 'create') {
    // The last create may have been filed. Only a search that answers (no throw) and finds
    // nothing allows a new create, and not before the index had time to list it.
    const found = await findBeforeCreate(state, deps);
    if (found) {
      recordRequest(state, {
        issueId: found.issueId,
        issueKey: found.issueKey,
        ...(found.webUrl ? { _links: { web: found.webUrl } } : {}),
      });
      state.result.foundBySearch = true;
      markAttachedAtCreate(state);
      state.uncertain = null;
      state.steps.create = 'done';
      await save();
      return;
    }
    state.uncertain = null;
  }
  // A form with an Attachment field takes the files at create: upload them first.
  if (needsUploadBeforeCreate(state, deps.now(), (deps.timings ?? TIMINGS).tempFileTtlMs)) {
    state.steps.upload = 'pending';
    await runUpload(state, deps, save);
  }

  state.uncertain = 'create';
  const sentAt = deps.now();
  state.firstCreateAt ??= sentAt;
  state.lastCreateAt = sentAt;
  await save();
  let created: CreatedRequest;
  try {
    created = await deps.portal.createRequest({
      serviceDeskId: state.serviceDeskId,
      requestTypeId: state.requestTypeId,
      requestFieldValues: valuesForCreate(state),
      ...(state.isAdfRequest === undefined ? {} : { isAdfRequest: state.isAdfRequest }),
    });
  } catch (error) {
    const info = toInfo(error);
    // A refusal (4xx, 401, 429) means nothing was filed; otherwise keep the flag.
    if (!outcomeUnknown(info)) state.uncertain = null;
    if (info.code === 'refused' && info.status === 400) {
      // The edge does not say which field it refused; the longest is the likely one.
      const field = longestField(state.requestFieldValues);
      if (field) {
        throw new AppError({
          ...info,
          messageKey: 'error_refusedCreate',
          values: [field, info.portalRequestId ?? '-'],
          fields: { [field]: info.message },
          ...(info.messageKey
            ? {
                fieldWords: {
                  [field]: {
                    key: info.messageKey,
                    ...(info.values ? { values: info.values } : {}),
                  },
                },
              }
            : {}),
        });
      }
    }
    throw error;
  }
  recordRequest(state, created);
  markAttachedAtCreate(state);
  state.uncertain = null;
  state.steps.create = 'done';
  await save();
}

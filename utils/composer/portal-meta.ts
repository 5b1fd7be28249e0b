/**
 * What the composer needs from the portal before the user submits: the connection, the
 * service desks and request types (the last choice preselected) and the chosen request type's
 * fields, converted to the form's field model. Talks through an injected `send` (the message
 * protocol in the popup, a fake in unit tests).
 */
import type * as z from 'zod/mini';
import type {
  ConnectionView,
  RequestTypeFieldsSchema,
  RequestTypeList,
  ServiceDeskListSchema,
  ServiceDeskSummary,
} from '../portal/protocol';
import type { RequestTypeField } from '../portal/schemas';
import type { PortalFieldMeta, PortalFieldOption } from '../ticket/portal-fields';

export interface PortalSend {
  getConnection(): Promise<ConnectionView>;
  listServiceDesks(): Promise<z.infer<typeof ServiceDeskListSchema>>;
  listRequestTypes(serviceDeskId: string): Promise<RequestTypeList>;
  getRequestTypeFields(
    serviceDeskId: string,
    requestTypeId: string,
  ): Promise<z.infer<typeof RequestTypeFieldsSchema>>;
}

/**
 * The same portal answers for the page's lifetime: the popup asks for a desk's types and a
 * type's fields when it opens and again as the draft's choice settles, and the second ask
 * must not wait for another round trip to the background. A failed ask is not remembered;
 * `forget` drops everything (the background's cache has changed).
 */
export function rememberPortalAnswers(send: PortalSend): PortalSend & { forget(): void } {
  const answers = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, ask: () => Promise<T>): Promise<T> => {
    const known = answers.get(key) as Promise<T> | undefined;
    if (known) return known;
    const answer = ask();
    answers.set(key, answer);
    answer.catch(() => answers.get(key) === answer && answers.delete(key));
    return answer;
  };
  return {
    getConnection: () => once('connection', send.getConnection),
    listServiceDesks: () => once('desks', send.listServiceDesks),
    listRequestTypes: (deskId) => once(`types ${deskId}`, () => send.listRequestTypes(deskId)),
    getRequestTypeFields: (deskId, typeId) =>
      once(`fields ${deskId} ${typeId}`, () => send.getRequestTypeFields(deskId, typeId)),
    forget: () => answers.clear(),
  };
}

export type RequestTypeSummary = RequestTypeList['requestTypes'][number];

/** The desk to preselect: the draft's, else the last one used, else the first. */
export function chooseServiceDesk(
  desks: readonly ServiceDeskSummary[],
  ...preferred: Array<string | undefined>
): string | undefined {
  for (const id of preferred) if (id && desks.some((d) => d.id === id)) return id;
  return desks[0]?.id;
}

/** Request types that fit a problem report, when the user has not chosen one before. */
const REPORT_WORDS = /\b(incident|problem|bug|issue|outage|report|error|fault)\b/i;

export function chooseRequestType(
  types: readonly RequestTypeSummary[],
  ...preferred: Array<string | undefined>
): string | undefined {
  for (const id of preferred) if (id && types.some((t) => t.id === id)) return id;
  return (types.find((t) => REPORT_WORDS.test(t.name)) ?? types[0])?.id;
}

function option(value: { value: string; label?: string | null }): PortalFieldOption {
  return { value: value.value, label: value.label ?? value.value };
}

/** The portal's field description as the form's model (labels default to ids, types to text). */
function toFieldMeta(field: RequestTypeField): PortalFieldMeta {
  return {
    fieldId: field.fieldId,
    name: field.name,
    description: field.description ?? null,
    required: field.required,
    visible: field.visible,
    validValues: field.validValues.map((v) => ({
      ...option(v),
      children: v.children?.map(option) ?? [],
    })),
    defaultValues: field.defaultValues?.map(option) ?? null,
    jiraSchema: field.jiraSchema ?? { type: 'string' },
  };
}

export interface RequestForm {
  fields: PortalFieldMeta[];
  canAddRequestParticipants?: boolean;
}

export async function loadRequestForm(
  send: PortalSend,
  serviceDeskId: string,
  requestTypeId: string,
): Promise<RequestForm> {
  const meta = await send.getRequestTypeFields(serviceDeskId, requestTypeId);
  return {
    fields: meta.requestTypeFields.map(toFieldMeta),
    canAddRequestParticipants: meta.canAddRequestParticipants,
  };
}

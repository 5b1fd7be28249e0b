/**
 * Which client schema describes each emulator route's answer, so tests can check that every
 * body the emulator sent fits the client (see `expectBodiesFitClientSchemas`).
 */
import { expect } from 'vitest';
import type * as z from 'zod/mini';
import {
  ArticlePageSchema,
  AttachmentCreateResultSchema,
  AttachmentMetaSchema,
  AttachmentPageSchema,
  CommentSchema,
  CreateMetaSchema,
  CustomerRequestPageSchema,
  CustomerRequestSchema,
  CustomerTransitionPageSchema,
  JsmErrorSchema,
  MyselfSchema,
  PlatformErrorSchema,
  pagedSchema,
  RequestTypeGroupPageSchema,
  RequestTypePageSchema,
  RequestTypeSchema,
  ServiceDeskPageSchema,
  ServiceDeskSchema,
  SoftwareInfoSchema,
  TemporaryAttachmentsSchema,
  TenantInfoSchema,
  UserPageSchema,
  UserPickerSchema,
} from '@/utils/portal/schemas';
import type { RecordedRequest } from '../../emulator/server.ts';

export const ROUTE_SCHEMAS: Record<string, z.ZodMiniType> = {
  info: SoftwareInfoSchema,
  'servicedesk.list': ServiceDeskPageSchema,
  'servicedesk.get': ServiceDeskSchema,
  'requesttypegroup.list': RequestTypeGroupPageSchema,
  'requesttype.list': RequestTypePageSchema,
  'requesttype.get': RequestTypeSchema,
  'requesttype.fields': CreateMetaSchema,
  attachTemporaryFile: TemporaryAttachmentsSchema,
  'knowledgebase.search': ArticlePageSchema,
  'request.create': CustomerRequestSchema,
  'request.list': CustomerRequestPageSchema,
  'request.get': CustomerRequestSchema,
  'request.attach': AttachmentCreateResultSchema,
  'request.attachments': AttachmentPageSchema,
  'transition.list': CustomerTransitionPageSchema,
  'participant.list': UserPageSchema,
  'participant.add': UserPageSchema,
  'participant.remove': UserPageSchema,
  'comment.list': pagedSchema(CommentSchema),
  'comment.create': CommentSchema,
  myself: MyselfSchema,
  'user.picker': UserPickerSchema,
  'attachment.meta': AttachmentMetaSchema,
  tenant_info: TenantInfoSchema,
};

/** Every JSON body the emulator answered with fits the client's schema for it. */
export function expectBodiesFitClientSchemas(records: readonly RecordedRequest[]): number {
  let checked = 0;
  for (const record of records) {
    const response = record.response;
    if (!response || !record.route || !/json/.test(response.contentType)) continue;
    if (typeof response.body !== 'object') continue;
    const schema =
      response.status >= 400
        ? record.path.includes('/rest/api/3/')
          ? PlatformErrorSchema
          : JsmErrorSchema
        : ROUTE_SCHEMAS[record.route];
    expect(schema, `no schema for route ${record.route}`).toBeDefined();
    const result = schema?.safeParse(response.body);
    expect(
      result?.success,
      `${record.method} ${record.path} (${record.route}, ${response.status}) does not fit: ${JSON.stringify(result?.error?.issues)}`,
    ).toBe(true);
    checked += 1;
  }
  return checked;
}

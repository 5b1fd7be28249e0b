// @vitest-environment node
/**
 * The client's schemas follow Atlassian's OpenAPI spec (tests/contracts/), and every body the
 * emulator sends fits them (also checked after each integration test).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  ArticlePageSchema,
  AttachmentCreateResultSchema,
  AttachmentCreateSchema,
  AttachmentSchema,
  CommentCreateSchema,
  CommentSchema,
  CreateMetaSchema,
  CustomerRequestPageSchema,
  CustomerRequestSchema,
  JsmErrorSchema,
  ParticipantUpdateSchema,
  RequestCreateSchema,
  RequestTypeFieldSchema,
  RequestTypeGroupPageSchema,
  RequestTypePageSchema,
  RequestTypeSchema,
  ServiceDeskPageSchema,
  ServiceDeskSchema,
  SoftwareInfoSchema,
  TemporaryAttachmentsSchema,
  UserPageSchema,
  UserSchema,
} from '@/utils/portal/schemas';
import { type PortalEmulator, startPortalEmulator } from '../../emulator/server.ts';
import { expectBodiesFitClientSchemas, ROUTE_SCHEMAS } from './contract-schemas';
import { emulatorTokenClient } from './emulator-client';

interface Spec {
  paths: Record<
    string,
    Record<
      string,
      {
        responses?: Record<string, { content?: Record<string, { example?: unknown }> }>;
        requestBody?: { content?: Record<string, { example?: unknown }> };
      }
    >
  >;
  components: { schemas: Record<string, { properties?: Record<string, { type?: string }> }> };
}

const SPEC_PATH =
  process.env.JSM_SPEC ??
  join(import.meta.dirname, '../../contracts/jsm-cloud-servicedeskapi.openapi.v3.json');
const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
const SD = '/rest/servicedeskapi';

function example(path: string, method: string, status: string): unknown {
  const raw =
    spec.paths[`${SD}${path}`]?.[method]?.responses?.[status]?.content?.['application/json']
      ?.example;
  expect(raw, `the spec has an example for ${method} ${path} ${status}`).toBeDefined();
  return typeof raw === 'string' ? JSON.parse(raw) : raw;
}

function requestExample(path: string, method: string): unknown {
  const raw =
    spec.paths[`${SD}${path}`]?.[method]?.requestBody?.content?.['application/json']?.example;
  return typeof raw === 'string' ? JSON.parse(raw) : raw;
}

function expectFits(schema: z.ZodMiniType, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success, result.success ? '' : z.prettifyError(result.error)).toBe(true);
}

function keysOf(schema: z.ZodMiniType): string[] {
  return Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape);
}

describe('schemas follow the spec', () => {
  it('parse the spec examples of every response the client reads', () => {
    expectFits(SoftwareInfoSchema, example('/info', 'get', '200'));
    expectFits(ServiceDeskPageSchema, example('/servicedesk', 'get', '200'));
    expectFits(ServiceDeskSchema, example('/servicedesk/{serviceDeskId}', 'get', '200'));
    expectFits(
      RequestTypeGroupPageSchema,
      example('/servicedesk/{serviceDeskId}/requesttypegroup', 'get', '200'),
    );
    expectFits(
      RequestTypePageSchema,
      example('/servicedesk/{serviceDeskId}/requesttype', 'get', '200'),
    );
    expectFits(
      RequestTypeSchema,
      example('/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}', 'get', '200'),
    );
    expectFits(
      CreateMetaSchema,
      example('/servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field', 'get', '200'),
    );
    expectFits(
      TemporaryAttachmentsSchema,
      example('/servicedesk/{serviceDeskId}/attachTemporaryFile', 'post', '201'),
    );
    expectFits(CustomerRequestSchema, example('/request', 'post', '201'));
    expectFits(CustomerRequestPageSchema, example('/request', 'get', '200'));
    expectFits(CustomerRequestSchema, example('/request/{issueIdOrKey}', 'get', '200'));
    expectFits(
      AttachmentCreateResultSchema,
      example('/request/{issueIdOrKey}/attachment', 'post', '201'),
    );
    expectFits(UserPageSchema, example('/request/{issueIdOrKey}/participant', 'post', '200'));
    expectFits(UserPageSchema, example('/request/{issueIdOrKey}/participant', 'get', '200'));
    expectFits(CommentSchema, example('/request/{issueIdOrKey}/comment', 'post', '201'));
    expectFits(ArticlePageSchema, example('/knowledgebase/article', 'get', '200'));
    expectFits(
      ArticlePageSchema,
      example('/servicedesk/{serviceDeskId}/knowledgebase/article', 'get', '200'),
    );
  });

  it('parse the spec examples of the bodies the client sends', () => {
    const create = requestExample('/request', 'post') as Record<string, unknown>;
    // Customers may not send these two; the rest of the example fits.
    const { raiseOnBehalfOf, requestParticipants, form, channel, ...customerCreate } = create;
    expect(raiseOnBehalfOf ?? requestParticipants ?? form ?? channel).toBeDefined();
    expectFits(RequestCreateSchema, customerCreate);
    expectFits(
      AttachmentCreateSchema,
      requestExample('/request/{issueIdOrKey}/attachment', 'post'),
    );
    expectFits(CommentCreateSchema, requestExample('/request/{issueIdOrKey}/comment', 'post'));
    expect(requestExample('/request/{issueIdOrKey}/participant', 'post')).toHaveProperty(
      'accountIds',
    );
  });

  it('use only field names the spec defines', () => {
    const pairs: [z.ZodMiniType, string][] = [
      [ServiceDeskSchema, 'ServiceDeskDTO'],
      [RequestTypeSchema, 'RequestTypeDTO'],
      [RequestTypeFieldSchema, 'RequestTypeFieldDTO'],
      [CreateMetaSchema, 'CustomerRequestCreateMetaDTO'],
      [CustomerRequestSchema, 'CustomerRequestDTO'],
      [AttachmentSchema, 'AttachmentDTO'],
      [CommentSchema, 'CommentDTO'],
      [UserSchema, 'UserDTO'],
      [SoftwareInfoSchema, 'SoftwareInfoDTO'],
      [JsmErrorSchema, 'ErrorResponse'],
      [RequestCreateSchema, 'RequestCreateDTO'],
      [AttachmentCreateSchema, 'AttachmentCreateDTO'],
      [ParticipantUpdateSchema, 'RequestParticipantUpdateDTO'],
      [CommentCreateSchema, 'CommentCreateDTO'],
    ];
    for (const [schema, name] of pairs) {
      const specKeys = Object.keys(spec.components.schemas[name]?.properties ?? {});
      expect(specKeys.length, name).toBeGreaterThan(0);
      for (const key of keysOf(schema)) expect(specKeys, `${name}.${key}`).toContain(key);
    }
  });

  it('keep ids as strings, fileName vs filename, and requestFieldValues map in, array out', () => {
    const props = spec.components.schemas;
    for (const [name, key] of [
      ['ServiceDeskDTO', 'id'],
      ['RequestTypeDTO', 'id'],
      ['RequestTypeDTO', 'serviceDeskId'],
      ['CustomerRequestDTO', 'issueId'],
      ['RequestCreateDTO', 'serviceDeskId'],
      ['RequestCreateDTO', 'requestTypeId'],
      ['CommentDTO', 'id'],
    ] as const) {
      expect(props[name]?.properties?.[key]?.type, `${name}.${key}`).toBe('string');
    }
    expect(ServiceDeskSchema.safeParse({ id: 10001, projectName: 'x' }).success).toBe(false);
    expect(props.AttachmentDTO?.properties).toHaveProperty('filename');
    expect(keysOf(AttachmentSchema)).toContain('filename');
    expect(
      TemporaryAttachmentsSchema.safeParse({
        temporaryAttachments: [{ temporaryAttachmentId: 't1', filename: 'a' }],
      }).success,
    ).toBe(false);
    expect(props.RequestCreateDTO?.properties?.requestFieldValues?.type).toBe('object');
    expect(props.CustomerRequestDTO?.properties?.requestFieldValues?.type).toBe('array');
    expect(
      RequestCreateSchema.safeParse({
        serviceDeskId: '1',
        requestTypeId: '2',
        requestFieldValues: [],
      }).success,
    ).toBe(false);
    expect(
      CustomerRequestSchema.safeParse({
        issueId: '1',
        issueKey: 'A-1',
        requestFieldValues: { summary: 'x' },
      }).success,
    ).toBe(false);
  });
});

describe('every body the emulator sends fits the client', () => {
  let emulator: PortalEmulator;
  beforeAll(async () => {
    emulator = await startPortalEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('covers every route in a full session, successes and errors', async () => {
    const { customer } = emulator.data;
    const client = emulatorTokenClient(emulator);
    const scoped = emulatorTokenClient(emulator, { tokenKind: 'scoped' });
    const auth = {
      Authorization: `Basic ${btoa(`${customer.emailAddress}:${customer.apiToken}`)}`,
    };
    await client.info();
    await client.myself();
    await scoped.listServiceDesks();
    await client.listServiceDesks({ limit: 1 });
    await fetch(emulator.url('/rest/servicedeskapi/servicedesk/1'), { headers: auth });
    await fetch(emulator.url('/rest/servicedeskapi/servicedesk/1/requesttype/10'), {
      headers: auth,
    });
    await client.listRequestTypeGroups('1');
    await client.listRequestTypes('1', {}, { limit: 2 });
    for (const type of ['10', '11', '12']) await client.getRequestTypeFields('1', type);
    const created = await client.createRequest({
      serviceDeskId: '1',
      requestTypeId: '11',
      requestFieldValues: { summary: 'Contract' },
    });
    await client
      .createRequest({ serviceDeskId: '1', requestTypeId: '10', requestFieldValues: {} })
      .catch(() => undefined);
    const temp = await client.attachTemporaryFiles('1', [{ name: 'a.txt', data: new Blob(['a']) }]);
    await client.attachToRequest(
      created.issueKey,
      temp.temporaryAttachments.map((t) => t.temporaryAttachmentId),
      'files',
    );
    await client.attachToRequest(created.issueKey, ['temp0']).catch(() => undefined);
    await client.addParticipants(created.issueKey, [emulator.data.colleagues[1]?.accountId ?? '']);
    await client.addParticipants(created.issueKey, ['nobody']).catch(() => undefined);
    await client.listParticipants(created.issueKey);
    await fetch(emulator.url(`/rest/servicedeskapi/request/${created.issueKey}/participant`), {
      method: 'DELETE',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ accountIds: [emulator.data.colleagues[1]?.accountId] }),
    });
    await client.addComment(created.issueKey, 'hello');
    await fetch(emulator.url(`/rest/servicedeskapi/request/${created.issueKey}/comment`), {
      headers: auth,
    });
    await client.myRequests({ searchTerm: 'Contract' });
    await fetch(
      emulator.url(
        '/rest/servicedeskapi/request?expand=participant,requestType,serviceDesk,status',
      ),
      { headers: auth },
    );
    await client.getRequest(created.issueKey, [
      'status',
      'participant',
      'requestType',
      'serviceDesk',
    ]);
    await client.getRequest('SUP-999').catch(() => undefined);
    await client.getRequest(created.issueKey, ['attachment']);
    await client.listAttachments(created.issueKey);
    await client.listComments(created.issueKey);
    const transitions = await client.listTransitions(created.issueKey);
    await client.performTransition(created.issueKey, 'nope').catch(() => undefined);
    await client.performTransition(created.issueKey, transitions[0]?.id ?? '', 'Withdrawn.');
    await client.searchKnowledgeBase('grafana');
    await client.searchKnowledgeBase('grafana', { serviceDeskId: '1' });
    await client.attachmentMeta();
    await client.userPicker('alex');
    await fetch(emulator.url('/rest/api/3/user/picker'), { headers: auth });
    await fetch(emulator.url('/rest/api/3/myself'));
    await fetch(emulator.url('/_edge/tenant_info'));

    const routes = new Set(emulator.requests().map((r) => r.route));
    for (const route of Object.keys(ROUTE_SCHEMAS))
      expect(routes, `route ${route} was exercised`).toContain(route);
    expect(expectBodiesFitClientSchemas(emulator.requests())).toBeGreaterThan(30);
  });
});

/**
 * Types and loader of the emulator's demo data (demo-data.json): one vendor site with its
 * service desk, request types and their fields, a customer, colleagues, requests and articles.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoFieldValue {
  value: string;
  label: string;
  /** A cascading select's second level. */
  children?: DemoFieldValue[];
}

export interface DemoField {
  fieldId: string;
  name: string;
  description?: string;
  required: boolean;
  /**
   * `false`: not on the customer's form; its `presetValues` apply server-side
   * (docs/jsm-portal.md#hidden-fields).
   */
  visible?: boolean;
  jiraSchema: {
    type: string;
    system?: string;
    custom?: string;
    customId?: number;
    items?: string;
  };
  validValues?: DemoFieldValue[];
  defaultValues?: DemoFieldValue[];
  /** Hidden fields' values, set by the portal itself. */
  presetValues?: string[];
  /**
   * A validator of the vendor's site (a workflow validator or automation): text the field
   * must match, else the create is refused naming the field by its label.
   */
  pattern?: string;
}

export interface DemoRequestType {
  id: string;
  name: string;
  description: string;
  helpText: string;
  issueTypeId: string;
  groupIds: string[];
  fields: DemoField[];
}

export interface DemoServiceDesk {
  id: string;
  projectId: string;
  projectKey: string;
  projectName: string;
  portalId: string;
  canAddRequestParticipants: boolean;
  requestTypeGroups: { id: string; name: string }[];
  requestTypes: DemoRequestType[];
}

export interface DemoAccount {
  accountId: string;
  displayName: string;
  emailAddress: string;
  timeZone: string;
}

export interface DemoCustomer extends DemoAccount {
  /** Classic API token: Basic auth against the site. */
  apiToken: string;
  /** Scoped API token: Basic auth against /ex/jira/{cloudId} only. */
  scopedApiToken: string;
  /** Password of the portal login page. */
  portalPassword: string;
}

export interface DemoRequest {
  serviceDeskId: string;
  requestTypeId: string;
  summary: string;
  description: string;
  fieldValues: Record<string, unknown>;
  status: string;
  statusCategory: 'NEW' | 'INDETERMINATE' | 'DONE' | 'UNDEFINED';
  participants: string[];
}

export interface DemoArticle {
  id: string;
  serviceDeskId: string;
  title: string;
  excerpt: string;
}

export interface DemoData {
  site: {
    name: string;
    cloudId: string;
    attachmentsEnabled: boolean;
    uploadLimitBytes: number;
    version: string;
    platformVersion: string;
  };
  customer: DemoCustomer;
  colleagues: DemoAccount[];
  serviceDesks: DemoServiceDesk[];
  requests: DemoRequest[];
  knowledgeBase: DemoArticle[];
}

export const DEMO_DATA_PATH = join(import.meta.dirname, 'demo-data.json');

export function loadDemoData(path = DEMO_DATA_PATH): DemoData {
  return JSON.parse(readFileSync(path, 'utf8')) as DemoData;
}

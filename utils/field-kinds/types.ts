/**
 * A request type's fields as the portal describes them (`RequestTypeFieldDTO`, JSM Cloud
 * `GET …/requesttype/{id}/field`, docs/jsm-portal.md#request-type-fields) and the values the
 * create call takes.
 */
import * as z from 'zod/mini';
import type { Words } from '../i18n';

export interface PortalFieldOption {
  /** The option id: what the create call sends. */
  value: string;
  /** The name the user sees. */
  label: string;
  /** A cascading select's second level. */
  children?: readonly PortalFieldOption[] | null;
}

interface PortalFieldSchema {
  type: string;
  system?: string | null;
  custom?: string | null;
  customId?: number | null;
  items?: string | null;
}

/** Structural: the portal client's zod-parsed field type satisfies it. */
export interface PortalFieldMeta {
  fieldId: string;
  name: string;
  description?: string | null;
  required: boolean;
  visible?: boolean | null;
  validValues: readonly PortalFieldOption[];
  defaultValues?: readonly PortalFieldOption[] | null;
  jiraSchema: PortalFieldSchema;
}

export type FieldKind =
  | 'text'
  | 'paragraph'
  | 'select'
  | 'radio'
  | 'multi-select'
  | 'checkbox'
  | 'cascade'
  | 'priority'
  | 'labels'
  | 'components'
  | 'versions'
  | 'date'
  | 'datetime'
  | 'number'
  | 'url'
  | 'user'
  | 'multi-user'
  | 'attachment'
  | 'unsupported';

/**
 * What the user entered: option ids for choice fields (a cascade: parent then child),
 * `"<accountId> <name>"` for people, attachment blob ids, text otherwise.
 */
export const FieldInputSchema = z.union([z.string(), z.array(z.string())]);
export type FieldInput = z.infer<typeof FieldInputSchema>;

/** A value in `requestFieldValues` of the create call (docs/jsm-portal.md#field-values). */
export type JsmFieldValue =
  | string
  | number
  | string[]
  | { id: string; child?: { id: string } }
  | Array<{ id: string }>
  | { accountId: string }
  | Array<{ accountId: string }>
  | { [uploadsOf: string]: string[] };

/** A problem in the user's words (always with its values). */
export type FieldWords = Required<Words>;

export type Conversion =
  | { ok: true; value: JsmFieldValue | undefined }
  | { ok: false; message: string; words: FieldWords };
